import { anthropicConformanceUpstream, providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createAnthropicProvider } from './create-anthropic-provider.js';

describe('anthropic provider conformance', () => {
  providerConformanceSuite(
    { it, expect },
    {
      name: 'anthropic',
      modelId: 'claude-sonnet-4-5-20250929',
      upstream: anthropicConformanceUpstream(),
      createProvider: ({ baseURL, apiKey, environment }) =>
        // The mock stands in for api.anthropic.com: allow ANTHROPIC_API_KEY there.
        createAnthropicProvider({ baseURL, environment, environmentFallback: true, ...(apiKey === '' ? {} : { apiKey }) }),
      embeddings: false,
      credential: { environmentVariable: 'ANTHROPIC_API_KEY' },
    },
  );
});

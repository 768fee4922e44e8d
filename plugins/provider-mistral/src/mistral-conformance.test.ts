import { mistralConformanceUpstream, providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { MistralProvider, mistralApiKeyVariable } from './mistral-provider.js';

describe('mistral provider conformance', () => {
  providerConformanceSuite(
    { it, expect },
    {
      name: 'mistral',
      modelId: 'mistral-small-latest',
      upstream: mistralConformanceUpstream(),
      createProvider: ({ baseURL, apiKey, environment }) =>
        // The mock stands in for api.mistral.ai: allow its environment variable there.
        new MistralProvider({ baseURL, environment, environmentFallback: true, ...(apiKey === '' ? {} : { apiKey }) }),
      embeddings: { modelId: 'mistral-embed' },
      credential: { environmentVariable: mistralApiKeyVariable },
    },
  );
});

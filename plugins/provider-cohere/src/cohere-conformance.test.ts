import { cohereConformanceUpstream, providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createCohereProvider } from './create-cohere-provider.js';

describe('cohere provider conformance', () => {
  providerConformanceSuite(
    { it, expect },
    {
      name: 'cohere',
      modelId: 'command-a-03-2025',
      upstream: cohereConformanceUpstream(),
      createProvider: ({ baseURL, apiKey, environment }) =>
        // The mock stands in for api.cohere.com: allow CO_API_KEY there.
        createCohereProvider({ baseURL, environment, environmentFallback: true, ...(apiKey === '' ? {} : { apiKey }) }),
      embeddings: { modelId: 'embed-english-v3.0' },
      credential: { environmentVariable: 'CO_API_KEY' },
    },
  );
});

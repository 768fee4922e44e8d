import { exampleConformanceUpstream, providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createExampleProvider, exampleApiKeyEnvironmentVariable } from './example-provider.js';

describe('example provider conformance', () => {
  providerConformanceSuite(
    { it, expect },
    {
      name: 'example',
      modelId: 'example-large',
      upstream: exampleConformanceUpstream(),
      createProvider: ({ baseURL, apiKey, environment }) => createExampleProvider({ baseURL, apiKey, environment }),
      credential: { environmentVariable: exampleApiKeyEnvironmentVariable },
      embeddings: { modelId: 'example-embed' },
    },
  );
});

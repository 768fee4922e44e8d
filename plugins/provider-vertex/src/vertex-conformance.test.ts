import { providerConformanceSuite, vertexConformanceLocation, vertexConformanceUpstream } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createVertexProvider } from './create-vertex-provider.js';

describe('vertex provider conformance', () => {
  providerConformanceSuite(
    { it, expect },
    {
      name: 'vertex',
      modelId: 'gemini-2.5-flash',
      upstream: vertexConformanceUpstream(),
      // The upstream's "key" is the path of the service-account key file it made for the run.
      createProvider: ({ baseURL, apiKey, environment }) =>
        createVertexProvider({
          baseURL,
          location: vertexConformanceLocation,
          environment,
          environmentFallback: true,
          ...(apiKey === '' ? {} : { credentialsFile: apiKey }),
        }),
      embeddings: { modelId: 'text-embedding-005' },
      credential: { environmentVariable: 'GOOGLE_APPLICATION_CREDENTIALS' },
    },
  );
});

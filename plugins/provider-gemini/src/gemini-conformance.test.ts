import { geminiConformanceUpstream, providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createGeminiProvider } from './create-gemini-provider.js';

describe('gemini provider conformance', () => {
  providerConformanceSuite(
    { it, expect },
    {
      name: 'gemini',
      modelId: 'gemini-2.5-flash',
      upstream: geminiConformanceUpstream(),
      createProvider: ({ baseURL, apiKey, environment }) =>
        // The mock stands in for Google's host: allow the environment's key there.
        createGeminiProvider({ baseURL, environment, environmentFallback: true, ...(apiKey === '' ? {} : { apiKey }) }),
      embeddings: { modelId: 'gemini-embedding-001' },
      credential: { environmentVariable: 'GEMINI_API_KEY' },
    },
  );
});

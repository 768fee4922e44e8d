import { openAIConformanceUpstream, providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider } from './create-openai-provider.js';
import { findOpenAICompatibleCatalogEntry } from './openai-compatible-catalog.js';

const cases = [
  { type: 'openai', modelId: 'gpt-4.1-mini' },
  { type: 'groq', modelId: 'llama-3.3-70b-versatile' },
  { type: 'deepseek', modelId: 'deepseek-chat' },
  { type: 'ollama', modelId: 'llama3.2' },
] as const;

for (const { type, modelId } of cases) {
  const entry = findOpenAICompatibleCatalogEntry(type);
  const environmentVariable = entry?.apiKeyEnvironmentVariable;
  const required = entry?.apiKeyRequired !== false;
  describe(`${type} provider conformance`, () => {
    providerConformanceSuite(
      { it, expect },
      {
        name: type,
        modelId,
        upstream: openAIConformanceUpstream(),
        createProvider: ({ baseURL, apiKey, environment }) =>
          // The mock stands in for the catalog host: allow its environment variable there.
          createOpenAIProvider({ type, baseURL, environment, environmentFallback: true, ...(apiKey === '' ? {} : { apiKey }) }),
        embeddings: { modelId: 'text-embedding-3-small' },
        credential: required && environmentVariable !== undefined ? { environmentVariable } : false,
      },
    );
  });
}

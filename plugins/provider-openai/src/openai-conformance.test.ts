import { providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider } from './create-openai-provider.js';
import { findOpenAICompatibleCatalogEntry } from './openai-compatible-catalog.js';

/** OpenAI itself and three catalog hosts (hosted with quirks, hosted, local) against testkit's mock upstream. */
const cases = [
  { type: 'openai', modelId: 'gpt-4.1-mini' },
  { type: 'groq', modelId: 'llama-3.3-70b-versatile' },
  { type: 'deepseek', modelId: 'deepseek-chat' },
  { type: 'ollama', modelId: 'llama3.2' },
] as const;

for (const { type, modelId } of cases) {
  const environmentVariable = findOpenAICompatibleCatalogEntry(type)?.apiKeyEnvironmentVariable;
  const required = findOpenAICompatibleCatalogEntry(type)?.apiKeyRequired !== false;
  describe(`${type} provider conformance`, () => {
    providerConformanceSuite(
      { it, expect },
      {
        name: type,
        modelId,
        createProvider: ({ baseURL, apiKey, environment }) =>
          // The mock stands in for the catalog host: allow its environment variable there.
          createOpenAIProvider({ type, baseURL, environment, environmentFallback: true, ...(apiKey === '' ? {} : { apiKey }) }),
        embeddings: { modelId: 'text-embedding-3-small' },
        credential: required && environmentVariable !== undefined ? { environmentVariable } : false,
      },
    );
  });
}

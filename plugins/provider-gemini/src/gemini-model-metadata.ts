import type { ModelMetadataV1 } from '@modelgate/core';
import { findModelMetadata, modelMetadataTable } from '@modelgate/plugin-kit';

const million = 1_048_576;
const chat = { tools: true, vision: true, jsonSchema: true } as const;
const thinking = { ...chat, reasoning: true } as const;

/**
 * Google's published limits and standard (paid tier, non-batch) prices of current Gemini models, in
 * US dollars per million tokens, text input. Models priced in tiers by prompt size (2.5 Pro, 3 Pro)
 * carry the tier for prompts up to 200k tokens: the table has one price per model, and most prompts
 * are in that tier. Output prices include thinking tokens. Checked against ai.google.dev/pricing.
 */
export const geminiModels: readonly ModelMetadataV1[] = [
  {
    id: 'gemini-2.5-pro',
    contextWindow: million,
    maxOutputTokens: 65_536,
    prices: { inputPerMillion: 1.25, cachedInputPerMillion: 0.125, outputPerMillion: 10 },
    capabilities: thinking,
  },
  {
    id: 'gemini-2.5-flash',
    contextWindow: million,
    maxOutputTokens: 65_536,
    prices: { inputPerMillion: 0.3, cachedInputPerMillion: 0.03, outputPerMillion: 2.5 },
    capabilities: thinking,
  },
  {
    id: 'gemini-2.5-flash-lite',
    contextWindow: million,
    maxOutputTokens: 65_536,
    prices: { inputPerMillion: 0.1, cachedInputPerMillion: 0.01, outputPerMillion: 0.4 },
    capabilities: thinking,
  },
  {
    id: 'gemini-2.0-flash',
    contextWindow: million,
    maxOutputTokens: 8192,
    prices: { inputPerMillion: 0.1, cachedInputPerMillion: 0.025, outputPerMillion: 0.4 },
    capabilities: chat,
  },
  {
    id: 'gemini-2.0-flash-lite',
    contextWindow: million,
    maxOutputTokens: 8192,
    prices: { inputPerMillion: 0.075, outputPerMillion: 0.3 },
    capabilities: chat,
  },
  {
    id: 'gemini-3-pro-preview',
    contextWindow: million,
    maxOutputTokens: 65_536,
    prices: { inputPerMillion: 2, cachedInputPerMillion: 0.2, outputPerMillion: 12 },
    capabilities: thinking,
  },
  {
    id: 'gemini-3-flash-preview',
    contextWindow: million,
    maxOutputTokens: 65_536,
    prices: { inputPerMillion: 0.5, cachedInputPerMillion: 0.05, outputPerMillion: 3 },
    capabilities: thinking,
  },
  {
    id: 'gemini-3.1-pro-preview',
    contextWindow: million,
    maxOutputTokens: 65_536,
    prices: { inputPerMillion: 2, cachedInputPerMillion: 0.2, outputPerMillion: 12 },
    capabilities: thinking,
  },
  // Prices only: its limits are not in the figures this table was checked against.
  {
    id: 'gemini-3.1-flash-lite',
    prices: { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 1.5 },
  },
  {
    id: 'gemini-embedding-001',
    contextWindow: 2048,
    prices: { inputPerMillion: 0.15, outputPerMillion: 0 },
    capabilities: { embeddings: true },
  },
  // Vertex AI's text embedding models are priced per character, which this table cannot say.
  { id: 'text-embedding-005', contextWindow: 2048, capabilities: { embeddings: true } },
  { id: 'text-multilingual-embedding-002', contextWindow: 2048, capabilities: { embeddings: true } },
];

const table = modelMetadataTable(geminiModels);

/** The metadata of a Gemini model id (`gemini-2.5-flash`, `models/gemini-2.5-flash`, `gemini-2.0-flash-001`). */
export function findGeminiModelMetadata(modelId: string): ModelMetadataV1 | undefined {
  const id = modelId.replace(/^(?:publishers\/google\/)?models\//, '');
  return findModelMetadata(table, id);
}

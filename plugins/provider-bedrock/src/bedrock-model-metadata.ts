import type { ModelMetadataV1 } from '@modelgate/core';
import { findModelMetadata, modelMetadataTable } from '@modelgate/plugin-kit';

const claude = { tools: true, vision: true, reasoning: true, jsonSchema: true } as const;
const text = { tools: true, vision: false, jsonSchema: true } as const;

/**
 * Published facts about models on Bedrock: context, maximum output, on-demand prices in US dollars per
 * million tokens (us-east-1, standard tier; cross-region and long-context tiers cost more) and
 * capabilities. Keys are ids without region prefix, provider prefix and `-v1:0` suffix, which
 * `findModelMetadata` strips. Sources: the Amazon Bedrock pricing page and model cards, as of 2026-08.
 */
export const bedrockModels: readonly ModelMetadataV1[] = [
  // Anthropic: Bedrock prices match Anthropic's own; cache writes 1.25× input (5 minutes), reads 0.1×.
  {
    id: 'claude-opus-4-5',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    prices: { inputPerMillion: 5, outputPerMillion: 25, cachedInputPerMillion: 0.5, cacheWritePerMillion: 6.25 },
    capabilities: claude,
  },
  {
    id: 'claude-opus-4-1',
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    prices: { inputPerMillion: 15, outputPerMillion: 75, cachedInputPerMillion: 1.5, cacheWritePerMillion: 18.75 },
    capabilities: claude,
  },
  {
    id: 'claude-sonnet-4-5',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    prices: { inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3, cacheWritePerMillion: 3.75 },
    capabilities: claude,
  },
  {
    id: 'claude-sonnet-4',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    prices: { inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3, cacheWritePerMillion: 3.75 },
    capabilities: claude,
  },
  {
    id: 'claude-3-7-sonnet',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    prices: { inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3, cacheWritePerMillion: 3.75 },
    capabilities: claude,
  },
  {
    id: 'claude-haiku-4-5',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    prices: { inputPerMillion: 1, outputPerMillion: 5, cachedInputPerMillion: 0.1, cacheWritePerMillion: 1.25 },
    capabilities: claude,
  },
  {
    id: 'claude-3-5-haiku',
    contextWindow: 200_000,
    maxOutputTokens: 8192,
    prices: { inputPerMillion: 0.8, outputPerMillion: 4, cachedInputPerMillion: 0.08, cacheWritePerMillion: 1 },
    capabilities: { ...claude, vision: false, reasoning: false },
  },
  // Amazon Nova: cache reads at a quarter of the input price; cache writes are not charged extra.
  {
    id: 'nova-premier',
    contextWindow: 1_000_000,
    maxOutputTokens: 32_000,
    prices: { inputPerMillion: 2.5, outputPerMillion: 12.5, cachedInputPerMillion: 0.625 },
    capabilities: { tools: true, vision: true, jsonSchema: true },
  },
  {
    id: 'nova-pro',
    contextWindow: 300_000,
    maxOutputTokens: 10_000,
    prices: { inputPerMillion: 0.8, outputPerMillion: 3.2, cachedInputPerMillion: 0.2 },
    capabilities: { tools: true, vision: true, jsonSchema: true },
  },
  {
    id: 'nova-lite',
    contextWindow: 300_000,
    maxOutputTokens: 10_000,
    prices: { inputPerMillion: 0.06, outputPerMillion: 0.24, cachedInputPerMillion: 0.015 },
    capabilities: { tools: true, vision: true, jsonSchema: true },
  },
  {
    id: 'nova-micro',
    contextWindow: 128_000,
    maxOutputTokens: 10_000,
    prices: { inputPerMillion: 0.035, outputPerMillion: 0.14, cachedInputPerMillion: 0.00875 },
    capabilities: text,
  },
  // Meta Llama.
  {
    id: 'llama4-maverick-17b-instruct',
    contextWindow: 1_000_000,
    maxOutputTokens: 8192,
    prices: { inputPerMillion: 0.24, outputPerMillion: 0.97 },
    capabilities: { tools: true, vision: true },
  },
  {
    id: 'llama4-scout-17b-instruct',
    contextWindow: 3_500_000,
    maxOutputTokens: 8192,
    prices: { inputPerMillion: 0.17, outputPerMillion: 0.66 },
    capabilities: { tools: true, vision: true },
  },
  {
    id: 'llama3-3-70b-instruct',
    contextWindow: 128_000,
    maxOutputTokens: 8192,
    prices: { inputPerMillion: 0.72, outputPerMillion: 0.72 },
    capabilities: { tools: true, vision: false },
  },
  {
    id: 'llama3-1-8b-instruct',
    contextWindow: 128_000,
    maxOutputTokens: 8192,
    prices: { inputPerMillion: 0.22, outputPerMillion: 0.22 },
    capabilities: { tools: true, vision: false },
  },
  // Mistral.
  {
    id: 'mistral-large-2407',
    contextWindow: 128_000,
    maxOutputTokens: 8192,
    prices: { inputPerMillion: 2, outputPerMillion: 6 },
    capabilities: { tools: true, vision: false },
  },
  {
    id: 'mistral-small-2402',
    contextWindow: 32_000,
    maxOutputTokens: 8192,
    prices: { inputPerMillion: 1, outputPerMillion: 3 },
    capabilities: { tools: true, vision: false },
  },
  // Embeddings.
  {
    id: 'titan-embed-text-v2:0',
    contextWindow: 8192,
    prices: { inputPerMillion: 0.02, outputPerMillion: 0 },
    capabilities: { embeddings: true },
  },
  {
    id: 'titan-embed-text-v1',
    contextWindow: 8192,
    prices: { inputPerMillion: 0.1, outputPerMillion: 0 },
    capabilities: { embeddings: true },
  },
  {
    id: 'embed-english-v3',
    contextWindow: 512,
    prices: { inputPerMillion: 0.1, outputPerMillion: 0 },
    capabilities: { embeddings: true },
  },
  {
    id: 'embed-multilingual-v3',
    contextWindow: 512,
    prices: { inputPerMillion: 0.1, outputPerMillion: 0 },
    capabilities: { embeddings: true },
  },
];

const table = modelMetadataTable(bedrockModels);

/** The facts for a Bedrock model id: base ids, inference profiles (`us.`, `eu.`, `global.`) and foundation-model ARNs. */
export function findBedrockModelMetadata(modelId: string): ModelMetadataV1 | undefined {
  // A foundation-model or inference-profile ARN ends with the id; an application profile ARN names no model.
  const id = modelId.startsWith('arn:') ? (modelId.split('/').at(-1) ?? modelId) : modelId;
  return findModelMetadata(table, id);
}

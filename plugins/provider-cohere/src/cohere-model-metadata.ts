import type { ModelMetadataV1 } from '@modelgate/core';
import { findModelMetadata, modelMetadataTable } from '@modelgate/plugin-kit';

/**
 * Cohere's published models, limits and list prices (USD per million tokens; rerank per search unit, one
 * query with up to 100 documents), from cohere.com/pricing and docs.cohere.com/docs/models as of 2025-09.
 * Rerank models are billed per search, not per token: their token prices are 0.
 */
const command = (id: string, facts: Omit<ModelMetadataV1, 'id'>): ModelMetadataV1 => ({ id, ...facts });
const commandA = { inputPerMillion: 2.5, outputPerMillion: 10 };
const commandR = { inputPerMillion: 0.15, outputPerMillion: 0.6 };
const chatCapabilities = { tools: true, vision: false, reasoning: false, jsonSchema: true };

const commandAFacts = { contextWindow: 256_000, maxOutputTokens: 8_000, prices: commandA, capabilities: chatCapabilities };
const commandRPlusFacts = { contextWindow: 128_000, maxOutputTokens: 4_000, prices: commandA, capabilities: chatCapabilities };
const commandRFacts = { contextWindow: 128_000, maxOutputTokens: 4_000, prices: commandR, capabilities: chatCapabilities };
const embedV3 = { contextWindow: 512, prices: { inputPerMillion: 0.1, outputPerMillion: 0 }, capabilities: { embeddings: true } };
const rerank = {
  contextWindow: 4_096,
  prices: { inputPerMillion: 0, outputPerMillion: 0, perSearchUnit: 0.002 },
  capabilities: { rerank: true },
};

export const cohereModels: readonly ModelMetadataV1[] = [
  command('command-a-03-2025', commandAFacts),
  command('command-a-reasoning-08-2025', {
    contextWindow: 256_000,
    maxOutputTokens: 32_000,
    prices: commandA,
    capabilities: { ...chatCapabilities, reasoning: true },
  }),
  command('command-a-vision-07-2025', {
    contextWindow: 128_000,
    maxOutputTokens: 8_000,
    prices: commandA,
    capabilities: { tools: false, vision: true, reasoning: false, jsonSchema: true },
  }),
  command('command-r-plus-08-2024', commandRPlusFacts),
  command('command-r-plus-04-2024', { ...commandRPlusFacts, prices: { inputPerMillion: 3, outputPerMillion: 15 } }),
  command('command-r-plus', commandRPlusFacts),
  command('command-r-08-2024', commandRFacts),
  command('command-r-03-2024', { ...commandRFacts, prices: { inputPerMillion: 0.5, outputPerMillion: 1.5 } }),
  command('command-r', commandRFacts),
  command('command-r7b-12-2024', { ...commandRFacts, prices: { inputPerMillion: 0.0375, outputPerMillion: 0.15 } }),
  command('embed-v4.0', {
    contextWindow: 128_000,
    prices: { inputPerMillion: 0.12, outputPerMillion: 0 },
    capabilities: { embeddings: true, vision: true },
  }),
  command('embed-english-v3.0', embedV3),
  command('embed-multilingual-v3.0', embedV3),
  command('embed-english-light-v3.0', embedV3),
  command('embed-multilingual-light-v3.0', embedV3),
  command('rerank-v3.5', rerank),
  command('rerank-english-v3.0', rerank),
  command('rerank-multilingual-v3.0', rerank),
];

const table = modelMetadataTable(cohereModels);

/** The facts of a Cohere model id (`command-a-03-2025`, `rerank-v3.5`…); `undefined` for one not in the table. */
export function cohereModelMetadata(modelId: string): ModelMetadataV1 | undefined {
  return findModelMetadata(table, modelId);
}

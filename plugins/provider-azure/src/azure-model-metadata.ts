import type { ModelMetadataV1 } from '@modelgate/core';
import { findModelMetadata, modelMetadataTable } from '@modelgate/plugin-kit';

const chat = { tools: true, vision: true, jsonSchema: true };
const reasoning = { ...chat, reasoning: true };

/**
 * OpenAI's models as Azure deploys them, with OpenAI's list prices in USD per million tokens (Azure's
 * global standard deployments charge the same; regional and provisioned ones differ). Source:
 * Portkey-AI/models at f654307e (2026-08), checked against copies of OpenAI's pricing page.
 */
const models: ModelMetadataV1[] = [
  { id: 'gpt-5.5', prices: { inputPerMillion: 5, cachedInputPerMillion: 0.5, outputPerMillion: 30 }, capabilities: reasoning },
  { id: 'gpt-5.4', prices: { inputPerMillion: 2.5, cachedInputPerMillion: 0.25, outputPerMillion: 15 }, capabilities: reasoning },
  { id: 'gpt-5.4-mini', prices: { inputPerMillion: 0.75, cachedInputPerMillion: 0.075, outputPerMillion: 4.5 }, capabilities: reasoning },
  { id: 'gpt-5.4-nano', prices: { inputPerMillion: 0.2, cachedInputPerMillion: 0.02, outputPerMillion: 1.25 }, capabilities: reasoning },
  {
    id: 'gpt-5',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    prices: { inputPerMillion: 1.25, cachedInputPerMillion: 0.125, outputPerMillion: 10 },
    capabilities: reasoning,
  },
  {
    id: 'gpt-5.1',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    prices: { inputPerMillion: 1.25, cachedInputPerMillion: 0.125, outputPerMillion: 10 },
    capabilities: reasoning,
  },
  {
    id: 'gpt-5-mini',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    prices: { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 2 },
    capabilities: reasoning,
  },
  {
    id: 'gpt-5-nano',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    prices: { inputPerMillion: 0.05, cachedInputPerMillion: 0.005, outputPerMillion: 0.4 },
    capabilities: reasoning,
  },
  {
    id: 'gpt-4.1',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    prices: { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
    capabilities: chat,
  },
  {
    id: 'gpt-4.1-mini',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    prices: { inputPerMillion: 0.4, cachedInputPerMillion: 0.1, outputPerMillion: 1.6 },
    capabilities: chat,
  },
  {
    id: 'gpt-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    prices: { inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10 },
    capabilities: chat,
  },
  {
    id: 'gpt-4o-mini',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    prices: { inputPerMillion: 0.15, cachedInputPerMillion: 0.075, outputPerMillion: 0.6 },
    capabilities: chat,
  },
  {
    id: 'o3',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    prices: { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
    capabilities: reasoning,
  },
  {
    id: 'o4-mini',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    prices: { inputPerMillion: 1.1, cachedInputPerMillion: 0.275, outputPerMillion: 4.4 },
    capabilities: reasoning,
  },
  {
    id: 'text-embedding-3-small',
    contextWindow: 8191,
    prices: { inputPerMillion: 0.02, outputPerMillion: 0 },
    capabilities: { embeddings: true },
  },
  {
    id: 'text-embedding-3-large',
    contextWindow: 8191,
    prices: { inputPerMillion: 0.13, outputPerMillion: 0 },
    capabilities: { embeddings: true },
  },
];

const table = modelMetadataTable(models);

/**
 * The facts of a deployment: its OpenAI model from `deploymentModels` when named there, else the
 * deployment name itself read as an OpenAI model id (`gpt-4o-mini`, `gpt-4o-2024-08-06`). The result
 * carries the deployment's id. Undefined for a deployment whose model is unknown.
 */
export function findAzureModelMetadata(
  deploymentId: string,
  deploymentModels: Readonly<Record<string, string>> | undefined,
): ModelMetadataV1 | undefined {
  const found = findModelMetadata(table, deploymentModels?.[deploymentId] ?? deploymentId);
  return found === undefined ? undefined : { ...found, id: deploymentId };
}

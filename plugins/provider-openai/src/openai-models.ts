import type { ModelCapabilitiesV1, ModelMetadataV1 } from '@modelgate/core';
import { modelMetadataTable } from '@modelgate/plugin-kit';

/*
 * OpenAI's published limits and standard-tier prices (USD per million tokens: input, cached input,
 * output), as listed on OpenAI's pricing and model pages in 2026. Batch and flex tiers are not
 * modelled. Prices change: a deployment's `*_cost_per_million` in the config overrides these.
 */

const chat: ModelCapabilitiesV1 = { tools: true, vision: true, jsonSchema: true };
const reasoning: ModelCapabilitiesV1 = { ...chat, reasoning: true };

function model(
  id: string,
  [inputPerMillion, cachedInputPerMillion, outputPerMillion]: readonly [number, number | undefined, number],
  capabilities: ModelCapabilitiesV1,
  limits: { contextWindow?: number; maxOutputTokens?: number } = {},
): ModelMetadataV1 {
  return {
    id,
    ...limits,
    prices: {
      inputPerMillion,
      outputPerMillion,
      ...(cachedInputPerMillion === undefined ? {} : { cachedInputPerMillion }),
    },
    capabilities,
  };
}

const gpt4o = { contextWindow: 128_000, maxOutputTokens: 16_384 };
const gpt41 = { contextWindow: 1_047_576, maxOutputTokens: 32_768 };
const oSeries = { contextWindow: 200_000, maxOutputTokens: 100_000 };
const gpt5 = { contextWindow: 400_000, maxOutputTokens: 128_000 };
const embedding = { contextWindow: 8_191 };
const embeddings: ModelCapabilitiesV1 = { embeddings: true };

/** OpenAI's models; dated ids (`gpt-4o-2024-08-06`) find their family through `findModelMetadata`. */
export const openAIModels: ReadonlyMap<string, ModelMetadataV1> = modelMetadataTable([
  model('gpt-4o', [2.5, 1.25, 10], chat, gpt4o),
  model('gpt-4o-mini', [0.15, 0.075, 0.6], chat, gpt4o),
  model('gpt-4.1', [2, 0.5, 8], chat, gpt41),
  model('gpt-4.1-mini', [0.4, 0.1, 1.6], chat, gpt41),
  model('gpt-4.1-nano', [0.1, 0.025, 0.4], chat, gpt41),
  model('gpt-3.5-turbo', [0.5, undefined, 1.5], { tools: true }, { contextWindow: 16_385, maxOutputTokens: 4_096 }),
  model('o1', [15, 7.5, 60], reasoning, oSeries),
  model('o1-mini', [1.1, 0.55, 4.4], { reasoning: true }, { contextWindow: 128_000, maxOutputTokens: 65_536 }),
  model('o3', [2, 0.5, 8], reasoning, oSeries),
  model('o3-mini', [1.1, 0.55, 4.4], { tools: true, jsonSchema: true, reasoning: true }, oSeries),
  model('o4-mini', [1.1, 0.275, 4.4], reasoning, oSeries),
  model('gpt-5', [1.25, 0.125, 10], reasoning, gpt5),
  model('gpt-5.1', [1.25, 0.125, 10], reasoning, gpt5),
  model('gpt-5-mini', [0.25, 0.025, 2], reasoning, gpt5),
  model('gpt-5-nano', [0.05, 0.005, 0.4], reasoning, gpt5),
  // Newer ids whose prices are published but whose limits this table does not claim.
  model('gpt-5.4', [2.5, 0.25, 15], reasoning),
  model('gpt-5.4-mini', [0.75, 0.075, 4.5], reasoning),
  model('gpt-5.4-nano', [0.2, 0.02, 1.25], reasoning),
  model('gpt-5.5', [5, 0.5, 30], reasoning),
  model('text-embedding-3-small', [0.02, undefined, 0], embeddings, embedding),
  model('text-embedding-3-large', [0.13, undefined, 0], embeddings, embedding),
  model('text-embedding-ada-002', [0.1, undefined, 0], embeddings, embedding),
]);

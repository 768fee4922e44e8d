import type { ModelMetadataV1 } from '@modelgate/core';
import { findModelMetadata, modelMetadataTable } from '@modelgate/plugin-kit';

interface Tier {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
}

/** Anthropic's price tiers in US dollars per million tokens (docs.anthropic.com pricing page): cache write is the 5-minute rate. */
const opusLegacy: Tier = { input: 15, cacheRead: 1.5, cacheWrite: 18.75, output: 75 };
const opus: Tier = { input: 5, cacheRead: 0.5, cacheWrite: 6.25, output: 25 };
const sonnet: Tier = { input: 3, cacheRead: 0.3, cacheWrite: 3.75, output: 15 };
const haiku45: Tier = { input: 1, cacheRead: 0.1, cacheWrite: 1.25, output: 5 };
const haiku35: Tier = { input: 0.8, cacheRead: 0.08, cacheWrite: 1, output: 4 };
const haiku3: Tier = { input: 0.25, cacheRead: 0.03, cacheWrite: 0.3, output: 1.25 };

function model(
  id: string,
  tier: Tier,
  contextWindow: number,
  maxOutputTokens: number,
  abilities: { reasoning: boolean; jsonSchema: boolean },
): ModelMetadataV1 {
  return {
    id,
    contextWindow,
    maxOutputTokens,
    prices: {
      inputPerMillion: tier.input,
      cachedInputPerMillion: tier.cacheRead,
      cacheWritePerMillion: tier.cacheWrite,
      outputPerMillion: tier.output,
    },
    capabilities: { tools: true, vision: true, reasoning: abilities.reasoning, jsonSchema: abilities.jsonSchema },
  };
}

const thinkingAndSchema = { reasoning: true, jsonSchema: true };
const thinkingOnly = { reasoning: true, jsonSchema: false };
const neither = { reasoning: false, jsonSchema: false };

/**
 * Claude models in current use. `jsonSchema` marks the models that take structured outputs
 * (`output_config.format`); the others get JSON Schema output through a forced tool. Context windows are
 * the standard ones (the 1M-token beta of Sonnet 4/4.5 is opt-in and priced differently).
 */
export const anthropicModels: readonly ModelMetadataV1[] = [
  model('claude-opus-4-7', opus, 1_000_000, 128_000, thinkingAndSchema),
  model('claude-opus-4-6', opus, 1_000_000, 128_000, thinkingAndSchema),
  model('claude-opus-4-5', opus, 200_000, 64_000, thinkingAndSchema),
  model('claude-opus-4-1', opusLegacy, 200_000, 32_000, thinkingAndSchema),
  model('claude-opus-4-0', opusLegacy, 200_000, 32_000, thinkingOnly),
  model('claude-opus-4', opusLegacy, 200_000, 32_000, thinkingOnly),
  model('claude-sonnet-4-6', sonnet, 1_000_000, 64_000, thinkingAndSchema),
  model('claude-sonnet-4-5', sonnet, 200_000, 64_000, thinkingAndSchema),
  model('claude-sonnet-4-0', sonnet, 200_000, 64_000, thinkingOnly),
  model('claude-sonnet-4', sonnet, 200_000, 64_000, thinkingOnly),
  model('claude-haiku-4-5', haiku45, 200_000, 64_000, thinkingAndSchema),
  model('claude-3-7-sonnet', sonnet, 200_000, 64_000, thinkingOnly),
  model('claude-3-7-sonnet-latest', sonnet, 200_000, 64_000, thinkingOnly),
  model('claude-3-5-sonnet', sonnet, 200_000, 8192, neither),
  model('claude-3-5-sonnet-latest', sonnet, 200_000, 8192, neither),
  model('claude-3-5-haiku', haiku35, 200_000, 8192, neither),
  model('claude-3-5-haiku-latest', haiku35, 200_000, 8192, neither),
  model('claude-3-opus', opusLegacy, 200_000, 4096, neither),
  model('claude-3-haiku', haiku3, 200_000, 4096, neither),
];

const table = modelMetadataTable(anthropicModels);

/** The published facts of a Claude model id; dated ids (`claude-sonnet-4-5-20250929`) find their family. */
export function findAnthropicModelMetadata(modelId: string): ModelMetadataV1 | undefined {
  return findModelMetadata(table, modelId);
}

import type { ModelMetadataV1 } from '@modelgate/core';
import { modelMetadataTable } from '@modelgate/plugin-kit';

/*
 * DeepSeek's published limits and prices (USD per million tokens), from api-docs.deepseek.com's pricing
 * page as of 2025-09-05 (V3.1; both ids share one price). A cache hit (`prompt_cache_hit_tokens`) is the
 * cached-input price.
 */
const prices = { inputPerMillion: 0.56, cachedInputPerMillion: 0.07, outputPerMillion: 1.68 };

/** DeepSeek's models. */
export const deepSeekModels: ReadonlyMap<string, ModelMetadataV1> = modelMetadataTable([
  { id: 'deepseek-chat', contextWindow: 128_000, maxOutputTokens: 8_192, prices, capabilities: { tools: true } },
  {
    id: 'deepseek-reasoner',
    contextWindow: 128_000,
    maxOutputTokens: 65_536,
    prices,
    capabilities: { tools: true, reasoning: true },
  },
]);

import type { ModelPricesV1 } from '../specification/model-metadata-v1.js';

/** The prices a cost needs (per token, and per search unit for rerank); any may be unknown. */
export type CallPrices = Partial<
  Pick<ModelPricesV1, 'inputPerMillion' | 'outputPerMillion' | 'cachedInputPerMillion' | 'cacheWritePerMillion' | 'perSearchUnit'>
>;

/** Normalised counts (`UsageV1`, or an embedding's input-only usage): cache counts are parts of `inputTokens`. */
export interface CostedUsage {
  inputTokens: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/**
 * A call's cost in US dollars, by the formula of `ModelPricesV1`: uncached input at the input price,
 * cache reads at the cached-input price and cache writes at the cache-write price (each falling back to
 * the input price), output (reasoning included) at the output price. `undefined` when the usage is
 * unknown or a count above zero has no price: an unknown cost is absent, never a made-up 0.
 */
export function computeCallCost(usage: CostedUsage | undefined, prices: CallPrices | undefined): number | undefined {
  if (usage === undefined || prices === undefined) return undefined;
  const { inputPerMillion, outputPerMillion } = prices;
  if (inputPerMillion === undefined && outputPerMillion === undefined) return undefined;
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const output = usage.outputTokens ?? 0;
  const cacheReadPrice = prices.cachedInputPerMillion ?? inputPerMillion;
  const cacheWritePrice = prices.cacheWritePerMillion ?? inputPerMillion;
  if (uncached > 0 && inputPerMillion === undefined) return undefined;
  if (cacheRead > 0 && cacheReadPrice === undefined) return undefined;
  if (cacheWrite > 0 && cacheWritePrice === undefined) return undefined;
  if (output > 0 && outputPerMillion === undefined) return undefined;
  const total =
    (uncached > 0 ? uncached * inputPerMillion! : 0) +
    (cacheRead > 0 ? cacheRead * cacheReadPrice! : 0) +
    (cacheWrite > 0 ? cacheWrite * cacheWritePrice! : 0) +
    (output > 0 ? output * outputPerMillion! : 0);
  return total / 1_000_000;
}

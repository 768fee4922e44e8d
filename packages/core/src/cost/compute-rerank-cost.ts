import type { RerankResponseV1 } from '../specification/rerank-v1.js';
import type { CallPrices } from './compute-call-cost.js';

/**
 * A rerank call's cost in US dollars: the search units the provider billed times the model's price per
 * search unit. Rerank models are billed per search, not per token, so token counts are not priced here.
 * `undefined` when the units or the price are unknown: an unknown cost is absent, never a made-up 0.
 */
export function computeRerankCost(usage: RerankResponseV1['usage'], prices: CallPrices | undefined): number | undefined {
  const units = usage?.searchUnits;
  const price = prices?.perSearchUnit;
  if (units === undefined || price === undefined) return undefined;
  return units * price;
}

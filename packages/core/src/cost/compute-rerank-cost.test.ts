import { describe, expect, it } from 'vitest';
import { computeRerankCost } from './compute-rerank-cost.js';

describe('computeRerankCost', () => {
  it('prices the billed search units at the price per unit, ignoring token prices', () => {
    expect(computeRerankCost({ searchUnits: 3, inputTokens: 500 }, { inputPerMillion: 1, perSearchUnit: 0.002 })).toBeCloseTo(0.006, 12);
  });

  it('is absent, not 0, without search units or a price per unit', () => {
    expect(computeRerankCost(undefined, { perSearchUnit: 0.002 })).toBeUndefined();
    expect(computeRerankCost({ inputTokens: 10 }, { perSearchUnit: 0.002 })).toBeUndefined();
    expect(computeRerankCost({ searchUnits: 1 }, { inputPerMillion: 0, outputPerMillion: 0 })).toBeUndefined();
    expect(computeRerankCost({ searchUnits: 0 }, { perSearchUnit: 0.002 })).toBe(0);
  });
});

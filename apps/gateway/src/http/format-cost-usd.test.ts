import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCostUsd } from './format-cost-usd.js';

describe('formatCostUsd', () => {
  it('writes plain decimals without exponent or trailing zeros', () => {
    expect(formatCostUsd(0.00024)).toBe('0.00024');
    expect(formatCostUsd(3.15e-7)).toBe('0.000000315');
    expect(formatCostUsd(12.5)).toBe('12.5');
    expect(formatCostUsd(2)).toBe('2');
    expect(formatCostUsd(0)).toBe('0');
  });

  it('keeps ten decimal places, enough for one cheap token', () => {
    // One token at $0.02 per million.
    expect(formatCostUsd(0.02 / 1e6)).toBe('0.00000002');
    expect(formatCostUsd(1e-12)).toBe('0');
  });

  it('keeps the zeros before the point and numbers too large for fixed notation', () => {
    expect(formatCostUsd(100)).toBe('100');
    expect(formatCostUsd(10.05)).toBe('10.05');
    expect(formatCostUsd(1e21)).toBe('1e+21');
  });

  it('gives what trimming with a regular expression gives (property)', () => {
    const trimmed = (cost: number) => {
      const fixed = cost.toFixed(10);
      return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
    };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (cost) => formatCostUsd(cost) === trimmed(cost)),
      { numRuns: 5000 },
    );
  });
});

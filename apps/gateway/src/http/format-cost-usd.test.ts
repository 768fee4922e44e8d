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
});

/**
 * A cost in US dollars as a plain decimal string, never in exponent notation (`3.15e-7`), to the
 * ten-billionth of a dollar, without trailing zeros: `0.0000315`, `0`, `12.5`.
 */
export function formatCostUsd(cost: number): string {
  const fixed = cost.toFixed(10);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

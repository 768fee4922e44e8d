const zero = 48;
const point = 46;

/**
 * A cost in US dollars as a plain decimal string, never in exponent notation (`3.15e-7`), to the
 * ten-billionth of a dollar, without trailing zeros: `0.0000315`, `0`, `12.5`. The zeros are trimmed by
 * a scan from the end (a regular expression retries from every digit).
 */
export function formatCostUsd(cost: number): string {
  const fixed = cost.toFixed(10);
  if (!fixed.includes('.')) return fixed;
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === zero) end -= 1;
  if (fixed.charCodeAt(end - 1) === point) end -= 1;
  return fixed.slice(0, end);
}

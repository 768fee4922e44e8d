/**
 * A forwarded usage-only chunk (`data` JSON text) with the call's cost added to its `usage` as `cost`.
 * Parsed once per stream, at its end: the text comes back unchanged when there is no cost or no usage.
 */
export function addUsageCost(data: string, cost: number | undefined): string {
  if (cost === undefined) return data;
  const chunk = JSON.parse(data) as { usage?: unknown };
  if (typeof chunk.usage !== 'object' || chunk.usage === null) return data;
  (chunk.usage as { cost?: number }).cost = cost;
  return JSON.stringify(chunk);
}

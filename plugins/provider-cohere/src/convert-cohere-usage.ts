import type { UsageV1 } from '@modelgate/core';

interface TokenCounts {
  input_tokens?: unknown;
  output_tokens?: unknown;
}

export interface CohereUsage {
  billed_units?: TokenCounts;
  tokens?: TokenCounts;
  /** Not in the v2 reference, but sent by the API: prompt tokens served from Cohere's cache (part of `tokens.input_tokens`). */
  cached_tokens?: unknown;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Cohere's usage in core's meaning. `tokens` counts every token the model read and wrote, Cohere's own
 * additions included; `billed_units` only those charged. Core's `inputTokens` and `outputTokens` are all the
 * tokens of the call (what limits and context windows are about), so `tokens` is used, and `billed_units`
 * only when `tokens` is absent. Both are kept in `providerMetadata.cohere` for billing reconciliation.
 */
export function convertCohereUsage(usage: CohereUsage | undefined): UsageV1 | undefined {
  if (usage === undefined || usage === null) return undefined;
  const source = count(usage.tokens?.input_tokens) !== undefined ? usage.tokens : usage.billed_units;
  const inputTokens = count(source?.input_tokens);
  const outputTokens = count(source?.output_tokens);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const cached = count(usage.cached_tokens);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(cached === undefined || cached > inputTokens ? {} : { cacheReadTokens: cached }),
  };
}

/** The usage as Cohere reported it, for `providerMetadata.cohere`. */
export function cohereUsageMetadata(usage: CohereUsage | undefined): Record<string, unknown> {
  if (usage === undefined || usage === null) return {};
  return {
    ...(usage.billed_units === undefined ? {} : { billedUnits: usage.billed_units }),
    ...(usage.tokens === undefined ? {} : { tokens: usage.tokens }),
  };
}

import type { UsageV1 } from '@modelgate/core';

type RawRecord = Record<string, unknown>;

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

function record(value: unknown): RawRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawRecord) : undefined;
}

/**
 * An OpenAI-shaped usage object in the canonical model. OpenAI's counts already mean what the canonical
 * ones do (cached tokens inside `prompt_tokens`, reasoning inside `completion_tokens`); DeepSeek's
 * `prompt_cache_hit_tokens` is its cache read. Returns undefined for anything that is not a usage.
 */
export function normalizeOpenAICompatibleUsage(value: unknown): UsageV1 | undefined {
  const usage = record(value);
  if (usage === undefined) return undefined;
  const inputTokens = count(usage.prompt_tokens) ?? 0;
  const outputTokens = count(usage.completion_tokens) ?? 0;
  const normalized: UsageV1 = { inputTokens, outputTokens, totalTokens: count(usage.total_tokens) ?? inputTokens + outputTokens };
  const promptDetails = record(usage.prompt_tokens_details);
  const cacheRead = count(promptDetails?.cached_tokens) ?? count(usage.prompt_cache_hit_tokens);
  if (cacheRead !== undefined) normalized.cacheReadTokens = cacheRead;
  const cacheWrite = count(promptDetails?.cache_write_tokens) ?? count(promptDetails?.cache_creation_tokens);
  if (cacheWrite !== undefined) normalized.cacheWriteTokens = cacheWrite;
  const reasoning = count(record(usage.completion_tokens_details)?.reasoning_tokens);
  if (reasoning !== undefined) normalized.reasoningTokens = reasoning;
  return normalized;
}

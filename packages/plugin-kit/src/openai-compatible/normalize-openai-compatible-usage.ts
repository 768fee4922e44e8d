import type { Usage } from '@modelgate/core';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Gives an upstream usage object the OpenAI meaning: the three totals present (`total_tokens` summed
 * when missing) and DeepSeek's `prompt_cache_hit_tokens` as `prompt_tokens_details.cached_tokens`.
 * Other fields (`cost`, `queue_time`) are kept. Returns undefined for anything that is not a usage.
 */
export function normalizeOpenAICompatibleUsage(value: unknown): Usage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const usage = value as Usage;
  const prompt = count(usage.prompt_tokens) ?? 0;
  const completion = count(usage.completion_tokens) ?? 0;
  usage.prompt_tokens = prompt;
  usage.completion_tokens = completion;
  if (count(usage.total_tokens) === undefined) usage.total_tokens = prompt + completion;
  const cacheHits = count(usage.prompt_cache_hit_tokens);
  if (cacheHits !== undefined && count(usage.prompt_tokens_details?.cached_tokens) === undefined) {
    usage.prompt_tokens_details = { ...usage.prompt_tokens_details, cached_tokens: cacheHits };
  }
  return usage;
}

import type { CostedUsage } from '@modelgate/core';

export interface PassthroughUsage extends CostedUsage {
  totalTokens?: number;
  /** The model the answer names (`model`, or Gemini's `modelVersion`), for its prices. */
  model?: string;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The token counts of a native JSON answer: OpenAI's `usage` (chat's `prompt_tokens`, or the Responses and
 * embeddings `input_tokens`), Anthropic's `usage` (its `input_tokens` leave out the cache, which is added back
 * so that `inputTokens` counts every input token, as `UsageV1` does) or Gemini's `usageMetadata`. `undefined`
 * for an answer that carries none.
 */
export function passthroughUsageOf(value: unknown): PassthroughUsage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const body = value as Record<string, unknown>;
  const model = typeof body.model === 'string' ? body.model : typeof body.modelVersion === 'string' ? body.modelVersion : undefined;
  const named = model === undefined ? {} : { model };
  const metadata = body.usageMetadata as Record<string, unknown> | undefined;
  if (typeof metadata === 'object' && metadata !== null) {
    const inputTokens = count(metadata.promptTokenCount);
    if (inputTokens === undefined) return undefined;
    const outputTokens = (count(metadata.candidatesTokenCount) ?? 0) + (count(metadata.thoughtsTokenCount) ?? 0);
    const cached = count(metadata.cachedContentTokenCount);
    const total = count(metadata.totalTokenCount);
    return {
      inputTokens,
      outputTokens,
      ...(cached === undefined ? {} : { cacheReadTokens: cached }),
      ...(total === undefined ? {} : { totalTokens: total }),
      ...named,
    };
  }
  const usage = body.usage as Record<string, unknown> | undefined;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const prompt = count(usage.prompt_tokens);
  if (prompt !== undefined) {
    const outputTokens = count(usage.completion_tokens);
    const cached = count((usage.prompt_tokens_details as Record<string, unknown> | undefined)?.cached_tokens);
    const total = count(usage.total_tokens);
    return {
      inputTokens: prompt,
      ...(outputTokens === undefined ? {} : { outputTokens }),
      ...(cached === undefined ? {} : { cacheReadTokens: cached }),
      ...(total === undefined ? {} : { totalTokens: total }),
      ...named,
    };
  }
  const input = count(usage.input_tokens);
  if (input === undefined) return undefined;
  const outputTokens = count(usage.output_tokens);
  const total = count(usage.total_tokens);
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  // Anthropic's shape: the cache counts sit beside `input_tokens`; OpenAI's Responses shape has `total_tokens` and its cache inside.
  const anthropic = total === undefined && (cacheRead !== undefined || cacheWrite !== undefined || 'cache_creation' in usage);
  const openAICached = count((usage.input_tokens_details as Record<string, unknown> | undefined)?.cached_tokens);
  return {
    inputTokens: anthropic ? input + (cacheRead ?? 0) + (cacheWrite ?? 0) : input,
    ...(outputTokens === undefined ? {} : { outputTokens }),
    ...(anthropic && cacheRead !== undefined ? { cacheReadTokens: cacheRead } : {}),
    ...(anthropic && cacheWrite !== undefined ? { cacheWriteTokens: cacheWrite } : {}),
    ...(!anthropic && openAICached !== undefined ? { cacheReadTokens: openAICached } : {}),
    ...(total === undefined ? {} : { totalTokens: total }),
    ...named,
  };
}

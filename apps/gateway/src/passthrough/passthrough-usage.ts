import type { CostedUsage } from '@modelgate/core';

export interface PassthroughUsage extends CostedUsage {
  totalTokens?: number;
  /** The model the answer names (`model`, or Gemini's `modelVersion`), for its prices. */
  model?: string;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Bedrock's Converse usage: camelCase counts, the cache beside `inputTokens` (left out of it, as Anthropic's). */
function bedrockUsageOf(usage: Record<string, unknown>): PassthroughUsage | undefined {
  const input = count(usage.inputTokens);
  if (input === undefined) return undefined;
  const outputTokens = count(usage.outputTokens);
  const cacheRead = count(usage.cacheReadInputTokens);
  const cacheWrite = count(usage.cacheWriteInputTokens);
  const total = count(usage.totalTokens);
  return {
    inputTokens: input + (cacheRead ?? 0) + (cacheWrite ?? 0),
    ...(outputTokens === undefined ? {} : { outputTokens }),
    ...(cacheRead === undefined ? {} : { cacheReadTokens: cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWriteTokens: cacheWrite }),
    ...(total === undefined ? {} : { totalTokens: total }),
  };
}

/** Cohere's v2 usage: every token in `tokens`, the charged ones in `billed_units` (used only without `tokens`). */
function cohereUsageOf(usage: Record<string, unknown>): PassthroughUsage | undefined {
  const tokens = usage.tokens as Record<string, unknown> | undefined;
  const billed = usage.billed_units as Record<string, unknown> | undefined;
  const source = count(tokens?.input_tokens) !== undefined ? tokens : billed;
  const inputTokens = count(source?.input_tokens);
  if (inputTokens === undefined) return undefined;
  const outputTokens = count(source?.output_tokens);
  return {
    inputTokens,
    ...(outputTokens === undefined ? {} : { outputTokens, totalTokens: inputTokens + outputTokens }),
  };
}

/**
 * The token counts of a native JSON answer: OpenAI's `usage` (chat's `prompt_tokens`, or the Responses and
 * embeddings `input_tokens`), Anthropic's `usage` (its `input_tokens` leave out the cache, which is added back
 * so that `inputTokens` counts every input token, as `UsageV1` does), Bedrock Converse's and Cohere's `usage`,
 * or Gemini's `usageMetadata`. `undefined` for an answer that carries none.
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
  const other = bedrockUsageOf(usage as Record<string, unknown>) ?? cohereUsageOf(usage as Record<string, unknown>);
  if (other !== undefined) return { ...other, ...named };
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

/**
 * The model a native request names, for the prices of an answer that does not name it (Bedrock's and
 * Cohere's do not): a JSON body's `model`, else Bedrock's `/model/{id}/…` path.
 */
export function passthroughRequestModel(path: string, body: Uint8Array | undefined): string | undefined {
  if (body !== undefined && body.byteLength > 0 && body.byteLength <= 4 * 1024 * 1024) {
    try {
      const value = JSON.parse(new TextDecoder().decode(body)) as { model?: unknown } | null;
      if (typeof value?.model === 'string' && value.model !== '') return value.model;
    } catch {
      // Not JSON: no model in it.
    }
  }
  const match = /^\/model\/([^/?]+)\//.exec(path);
  if (match === null) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

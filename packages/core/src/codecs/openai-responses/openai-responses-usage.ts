import type { UsageV1 } from '../../specification/chat/chat-response-v1.js';
import type { OpenAIResponsesUsage } from './openai-responses-wire-types.js';

/** Canonical usage in the Responses shape: cached tokens inside `input_tokens`, reasoning inside `output_tokens` (both mean the same in the canonical model). */
export function encodeOpenAIResponsesUsage(usage: UsageV1): OpenAIResponsesUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.totalTokens,
  };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A Responses `usage` object (from an upstream) as canonical usage; `undefined` when it is not one. */
export function decodeOpenAIResponsesUsage(value: unknown): UsageV1 | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const usage = value as Record<string, unknown>;
  const inputTokens = count(usage['input_tokens']);
  const outputTokens = count(usage['output_tokens']);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const decoded: UsageV1 = { inputTokens, outputTokens, totalTokens: count(usage['total_tokens']) ?? inputTokens + outputTokens };
  const cached = count((usage['input_tokens_details'] as Record<string, unknown> | undefined)?.['cached_tokens']);
  if (cached !== undefined) decoded.cacheReadTokens = cached;
  const reasoning = count((usage['output_tokens_details'] as Record<string, unknown> | undefined)?.['reasoning_tokens']);
  if (reasoning !== undefined) decoded.reasoningTokens = reasoning;
  return decoded;
}

import type { UsageV1 } from '../../specification/chat/chat-response-v1.js';
import type { AnthropicUsage } from './anthropic-wire-types.js';

/**
 * Canonical usage in Anthropic's meaning: the canonical `inputTokens` includes the cache reads and
 * writes, Anthropic's `input_tokens` does not (they are its own two fields), so they are taken out once here.
 */
export function encodeAnthropicUsage(usage: UsageV1 | undefined): AnthropicUsage {
  if (usage === undefined) return { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - cacheRead - cacheWrite),
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}

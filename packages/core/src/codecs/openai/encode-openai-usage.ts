import type { UsageV1 } from '../../specification/chat/chat-response-v1.js';
import type { OpenAIUsage } from './openai-chat-wire-types.js';

/** Canonical usage in OpenAI's shape: cached tokens inside `prompt_tokens`, reasoning inside `completion_tokens`. */
export function encodeOpenAIUsage(usage: UsageV1): OpenAIUsage {
  const encoded: OpenAIUsage = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
  };
  if (usage.cacheReadTokens !== undefined || usage.cacheWriteTokens !== undefined) {
    encoded.prompt_tokens_details = {
      cached_tokens: usage.cacheReadTokens ?? 0,
      ...(usage.cacheWriteTokens === undefined ? {} : { cache_write_tokens: usage.cacheWriteTokens }),
    };
  }
  if (usage.reasoningTokens !== undefined) encoded.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return encoded;
}

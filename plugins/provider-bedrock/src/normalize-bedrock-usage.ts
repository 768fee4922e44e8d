import type { UsageV1 } from '@modelgate/core';
import type { BedrockUsage } from './bedrock-wire-types.js';

/**
 * Converse usage in core's meaning. Bedrock's `inputTokens` leaves the cache reads and writes out (as
 * Anthropic's does), so they are added back: canonical `inputTokens` includes them. Reasoning tokens
 * are inside `outputTokens`; Converse reports no separate count.
 */
export function normalizeBedrockUsage(usage: BedrockUsage | undefined): UsageV1 | undefined {
  if (usage === undefined || typeof usage.inputTokens !== 'number' || typeof usage.outputTokens !== 'number') return undefined;
  const cacheRead = usage.cacheReadInputTokens;
  const cacheWrite = usage.cacheWriteInputTokens;
  const inputTokens = usage.inputTokens + (cacheRead ?? 0) + (cacheWrite ?? 0);
  return {
    inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: inputTokens + usage.outputTokens,
    ...(cacheRead === undefined ? {} : { cacheReadTokens: cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWriteTokens: cacheWrite }),
  };
}

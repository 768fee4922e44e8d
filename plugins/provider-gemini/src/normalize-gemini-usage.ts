import type { UsageV1 } from '@modelgate/core';
import type { GeminiUsageMetadata } from './gemini-wire.js';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/**
 * `usageMetadata` in the canonical meaning: `promptTokenCount` already includes
 * `cachedContentTokenCount` (the cache read), and tool-use prompt tokens are input too;
 * `candidatesTokenCount` leaves the thoughts out, so `thoughtsTokenCount` is added to the output and
 * reported as its reasoning part. Gemini has no cache-write count (context caches are made apart).
 */
export function normalizeGeminiUsage(metadata: GeminiUsageMetadata | undefined): UsageV1 | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  const prompt = count(metadata.promptTokenCount);
  const candidates = count(metadata.candidatesTokenCount);
  const thoughts = count(metadata.thoughtsTokenCount);
  if (prompt === undefined && candidates === undefined && thoughts === undefined) return undefined;
  const inputTokens = (prompt ?? 0) + (count(metadata.toolUsePromptTokenCount) ?? 0);
  const outputTokens = (candidates ?? 0) + (thoughts ?? 0);
  const cached = count(metadata.cachedContentTokenCount);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(cached === undefined ? {} : { cacheReadTokens: cached }),
    ...(thoughts === undefined ? {} : { reasoningTokens: thoughts }),
  };
}

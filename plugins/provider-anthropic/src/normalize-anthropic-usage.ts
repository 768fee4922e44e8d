import type { UsageV1 } from '@modelgate/core';

/** Anthropic's `usage` object (in a message, `message_start` or `message_delta`). */
export interface AnthropicWireUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/** Usage counts kept across a stream: later events update the counts they carry. */
export interface AnthropicUsageCounts {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
}

/** Merges the counts an event carries into `counts` (a `message_delta`'s output count is cumulative: it replaces). */
export function mergeAnthropicUsage(counts: AnthropicUsageCounts, usage: unknown): void {
  if (typeof usage !== 'object' || usage === null) return;
  const wire = usage as AnthropicWireUsage;
  const input = count(wire.input_tokens);
  const output = count(wire.output_tokens);
  const cacheRead = count(wire.cache_read_input_tokens);
  const cacheWrite = count(wire.cache_creation_input_tokens);
  if (input !== undefined) counts.input = input;
  if (output !== undefined) counts.output = output;
  if (cacheRead !== undefined) counts.cacheRead = cacheRead;
  if (cacheWrite !== undefined) counts.cacheWrite = cacheWrite;
}

/**
 * Anthropic's counts in core's meaning, in this one place (known bug #4): Anthropic's `input_tokens`
 * leaves out cache reads and writes, so `inputTokens` adds them; output tokens already include thinking.
 * Anthropic reports no separate reasoning count.
 */
export function normalizeAnthropicUsage(counts: AnthropicUsageCounts): UsageV1 | undefined {
  if (counts.input === undefined && counts.output === undefined) return undefined;
  const inputTokens = (counts.input ?? 0) + (counts.cacheRead ?? 0) + (counts.cacheWrite ?? 0);
  const outputTokens = counts.output ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(counts.cacheRead === undefined ? {} : { cacheReadTokens: counts.cacheRead }),
    ...(counts.cacheWrite === undefined ? {} : { cacheWriteTokens: counts.cacheWrite }),
  };
}

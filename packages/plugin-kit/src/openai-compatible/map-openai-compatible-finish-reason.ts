import type { FinishReasonV1, UnifiedFinishReasonV1 } from '@modelgate/core';

const known: Readonly<Record<string, UnifiedFinishReasonV1>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
  // values seen on OpenAI-compatible hosts and proxies
  eos: 'stop',
  eos_token: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_length: 'length',
  tool_use: 'tool-calls',
  tool_call: 'tool-calls',
  safety: 'content-filter',
  recitation: 'content-filter',
  error: 'error',
};

/** The wire values OpenAI itself sends, which the native path forwards unchanged. */
export const openAIFinishReasons: ReadonlySet<string> = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/**
 * A host's finish reason in the canonical model, the raw value kept. A tool call in the content wins
 * over `stop` (Gemini's compatibility layer and others say `stop` after a tool call).
 */
export function mapOpenAICompatibleFinishReason(reason: unknown, hasToolCalls: boolean): FinishReasonV1 {
  const raw = typeof reason === 'string' && reason !== '' ? reason : undefined;
  const unified = raw === undefined ? 'stop' : (known[raw.toLowerCase()] ?? 'other');
  return {
    unified: hasToolCalls && (unified === 'stop' || unified === 'other') ? 'tool-calls' : unified,
    ...(raw === undefined ? {} : { raw }),
  };
}

/** The wire value for a canonical reason on an OpenAI-shaped stream (used when a chunk must be rebuilt). */
export function openAIWireFinishReason(reason: unknown, hasToolCalls: boolean): string {
  if (typeof reason === 'string' && openAIFinishReasons.has(reason)) return hasToolCalls && reason === 'stop' ? 'tool_calls' : reason;
  const { unified } = mapOpenAICompatibleFinishReason(reason, hasToolCalls);
  return unified === 'tool-calls'
    ? 'tool_calls'
    : unified === 'content-filter'
      ? 'content_filter'
      : unified === 'length'
        ? 'length'
        : 'stop';
}

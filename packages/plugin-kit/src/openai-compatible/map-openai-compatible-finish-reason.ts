import type { FinishReason } from '@modelgate/core';

const known: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
  function_call: 'function_call',
  // values seen on OpenAI-compatible hosts and proxies
  eos: 'stop',
  eos_token: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_length: 'length',
  tool_use: 'tool_calls',
  tool_call: 'tool_calls',
  safety: 'content_filter',
  recitation: 'content_filter',
};

/**
 * Maps a host's finish reason to one of OpenAI's five. `hasToolCalls` wins over `stop`
 * (Gemini and others say `stop` after a tool call). `null` stays `null` (not finished).
 */
export function mapOpenAICompatibleFinishReason(reason: unknown, hasToolCalls: boolean): FinishReason | null {
  if (reason === null || reason === undefined || reason === '') return null;
  const mapped = typeof reason === 'string' ? (known[reason.toLowerCase()] ?? 'stop') : 'stop';
  return hasToolCalls && mapped === 'stop' ? 'tool_calls' : mapped;
}

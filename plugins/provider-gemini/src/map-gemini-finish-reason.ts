import type { FinishReasonV1 } from '@modelgate/core';

const contentFilter = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
]);
const toolFailure = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/**
 * Gemini's `finishReason`, read after the content: Gemini has no tool-call reason and says `STOP`
 * after function calls, so any call in the answer makes it `tool-calls`. A tool-call failure of the
 * model (`MALFORMED_FUNCTION_CALL` …) is `error`; safety stops are `content-filter`; the raw value
 * is always kept.
 */
export function mapGeminiFinishReason(raw: string | undefined, hasToolCalls: boolean): FinishReasonV1 {
  const reason = raw ?? 'STOP';
  if (reason === 'STOP') return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw: reason };
  if (reason === 'MAX_TOKENS') return { unified: 'length', raw: reason };
  if (contentFilter.has(reason)) return { unified: 'content-filter', raw: reason };
  if (toolFailure.has(reason)) return { unified: 'error', raw: reason };
  return { unified: hasToolCalls ? 'tool-calls' : 'other', raw: reason };
}

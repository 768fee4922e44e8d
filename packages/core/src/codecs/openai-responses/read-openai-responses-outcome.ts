import type { FinishReasonV1, UsageV1 } from '../../specification/chat/chat-response-v1.js';
import { decodeOpenAIResponsesUsage } from './openai-responses-usage.js';

/** What the gateway accounts for in a Responses `response` object from an upstream. */
export interface OpenAIResponsesOutcome {
  finishReason: FinishReasonV1;
  usage?: UsageV1;
}

/**
 * The finish reason and usage of an upstream `response` object: `completed` is a stop (tool calls
 * when the output holds a function call), `incomplete` a length or content-filter stop, anything else
 * (`failed`, `cancelled`) an error.
 */
export function readOpenAIResponsesOutcome(value: unknown): OpenAIResponsesOutcome {
  const response = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const status = typeof response['status'] === 'string' ? response['status'] : 'unknown';
  const output = Array.isArray(response['output']) ? (response['output'] as unknown[]) : [];
  const calls = output.some((item) => (item as { type?: unknown } | null)?.type === 'function_call');
  let finishReason: FinishReasonV1;
  if (status === 'completed') finishReason = { unified: calls ? 'tool-calls' : 'stop', raw: status };
  else if (status === 'incomplete') {
    const reason = (response['incomplete_details'] as { reason?: unknown } | null | undefined)?.reason;
    finishReason = {
      unified: reason === 'content_filter' ? 'content-filter' : 'length',
      raw: typeof reason === 'string' ? reason : status,
    };
  } else finishReason = { unified: 'error', raw: status };
  const usage = decodeOpenAIResponsesUsage(response['usage']);
  return usage === undefined ? { finishReason } : { finishReason, usage };
}

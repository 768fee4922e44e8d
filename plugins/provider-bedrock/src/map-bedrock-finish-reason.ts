import type { FinishReasonV1, UnifiedFinishReasonV1 } from '@modelgate/core';

const unifiedOf: Record<string, UnifiedFinishReasonV1> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool-calls',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  guardrail_intervened: 'content-filter',
  content_filtered: 'content-filter',
};

/** Converse's `stopReason`, decided after the content: a tool call in it means `tool-calls`, whatever Bedrock said. */
export function mapBedrockFinishReason(stopReason: string | undefined, hasToolCalls: boolean): FinishReasonV1 {
  const unified = hasToolCalls ? 'tool-calls' : stopReason === undefined ? 'other' : (unifiedOf[stopReason] ?? 'other');
  return { unified, ...(stopReason === undefined ? {} : { raw: stopReason }) };
}

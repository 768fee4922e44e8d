import type { FinishReasonV1 } from '@modelgate/core';

/**
 * Anthropic's `stop_reason` → the unified reason, decided after looking at the content (known bug #10): a
 * tool call in the answer is `tool-calls` whatever the upstream said, and a `tool_use` stop for the JSON
 * output tool (no real call) is `stop`. `pause_turn` (a server tool paused) is `stop`: the client may send
 * the turn back to continue. The raw value is kept.
 */
export function mapAnthropicFinishReason(raw: string | null | undefined, hasToolCalls: boolean): FinishReasonV1 {
  const rawPart = typeof raw === 'string' ? { raw } : {};
  if (hasToolCalls) return { unified: 'tool-calls', ...rawPart };
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
    case 'tool_use':
      return { unified: 'stop', ...rawPart };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', ...rawPart };
    case 'refusal':
      return { unified: 'content-filter', ...rawPart };
    default:
      return { unified: 'other', ...rawPart };
  }
}

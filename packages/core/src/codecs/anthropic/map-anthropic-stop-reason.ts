import type { FinishReasonV1 } from '../../specification/chat/chat-response-v1.js';
import type { AnthropicStopReason } from './anthropic-wire-types.js';

const anthropicStopReasons = new Set<string>([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
]);

/**
 * The `stop_reason` for a canonical finish. A tool call always means `tool_use` (clients loop on it);
 * otherwise the upstream's own value when it is one of Anthropic's (an Anthropic or Bedrock backend:
 * `pause_turn`, `stop_sequence` and `model_context_window_exceeded` survive), else the unified reason mapped.
 */
export function mapAnthropicStopReason(finishReason: FinishReasonV1): AnthropicStopReason {
  if (finishReason.unified === 'tool-calls') return 'tool_use';
  if (finishReason.raw !== undefined && anthropicStopReasons.has(finishReason.raw)) return finishReason.raw as AnthropicStopReason;
  switch (finishReason.unified) {
    case 'length':
      return 'max_tokens';
    case 'content-filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

import type { UnifiedFinishReasonV1 } from '../../specification/chat/chat-response-v1.js';
import type { OpenAIFinishReason } from './openai-chat-wire-types.js';

const toOpenAI: Readonly<Record<UnifiedFinishReasonV1, OpenAIFinishReason>> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  error: 'stop',
  other: 'stop',
};

/** The canonical finish reason as one of OpenAI's values. */
export function mapOpenAIFinishReason(reason: UnifiedFinishReasonV1): OpenAIFinishReason {
  return toOpenAI[reason];
}

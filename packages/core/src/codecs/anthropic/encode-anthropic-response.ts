import type { ChatResponseV1 } from '../../specification/chat/chat-response-v1.js';
import type { EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { ProviderOptionsV1 } from '../../specification/chat/chat-content-v1.js';
import { encodeAnthropicUsage } from './encode-anthropic-usage.js';
import type { AnthropicMessage, AnthropicResponseBlock } from './anthropic-wire-types.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

/** A message id in Anthropic's form: the upstream's own when it is one (`msg_…`), else one made from the request id. */
export function anthropicMessageId(upstreamId: string | undefined, requestId: string): string {
  return upstreamId?.startsWith('msg_') === true ? upstreamId : `msg_${requestId.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** The stop sequence that matched, as Anthropic's provider reports it (`providerMetadata.anthropic.stopSequence`). */
export function anthropicStopSequence(providerMetadata: ProviderOptionsV1 | undefined): string | null {
  const value = providerMetadata?.anthropic?.stopSequence;
  return typeof value === 'string' ? value : null;
}

/** A tool call's JSON text as the object Anthropic's `input` must be (`{}` for an empty or non-object text). */
export function toolInputObject(input: string): Record<string, unknown> {
  if (input.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(input);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A canonical answer as Anthropic's `message`: the blocks in the model's order, thinking with its signature. */
export function encodeAnthropicResponse(response: ChatResponseV1, context: EncodeContextV1<unknown>): AnthropicMessage {
  const content: AnthropicResponseBlock[] = [];
  for (const part of response.content) {
    if (part.type === 'text') content.push({ type: 'text', text: part.text });
    else if (part.type === 'reasoning') {
      content.push(
        part.redactedData === undefined
          ? { type: 'thinking', thinking: part.text, signature: part.signature ?? '' }
          : { type: 'redacted_thinking', data: part.redactedData },
      );
    } else if (part.type === 'tool-call') {
      content.push({ type: 'tool_use', id: part.toolCallId, name: part.toolName, input: toolInputObject(part.input) });
    }
    // Generated files have no block in Anthropic's answer.
  }
  return {
    id: anthropicMessageId(response.metadata.id, context.requestId),
    type: 'message',
    role: 'assistant',
    model: response.metadata.model ?? context.model,
    content,
    stop_reason: mapAnthropicStopReason(response.finishReason),
    stop_sequence: anthropicStopSequence(response.providerMetadata),
    usage: encodeAnthropicUsage(response.usage),
  };
}

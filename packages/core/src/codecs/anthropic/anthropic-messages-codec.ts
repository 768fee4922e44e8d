import type { ChatCodecV1, EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { ChatRequestV1 } from '../../specification/chat/chat-request-v1.js';
import type { NativeChatResultV1 } from '../../specification/provider-v1.js';
import { validateRequest } from '../../validation/validate-request.js';
import { anthropicErrorBodyOf } from './anthropic-error-body.js';
import {
  anthropicCountTokensRequestSchema,
  anthropicMessagesRequestSchema,
  type AnthropicCountTokensRequest,
} from './anthropic-request-schemas.js';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder.js';
import { decodeAnthropicRequest } from './decode-anthropic-request.js';
import { encodeAnthropicResponse } from './encode-anthropic-response.js';
import { LazyDecodedChatRequest } from '../lazy-decoded-chat-request.js';

/** The wire format a provider's native path speaks to take `/v1/messages` bodies untouched. */
export const anthropicMessagesFormat = 'anthropic-messages';

/** Nothing beyond the request is needed to encode Anthropic's answers. */
export type AnthropicMessagesEncoding = Record<string, never>;

/**
 * `POST /v1/messages`: Anthropic's Messages API over the canonical model, forwarded untouched to a
 * provider whose chat model has a native path for `anthropic-messages`.
 */
export const anthropicMessagesCodec: ChatCodecV1<AnthropicMessagesEncoding> = {
  specificationVersion: 'v1',
  name: 'anthropic-messages',
  nativeFormat: anthropicMessagesFormat,
  decode(body: unknown) {
    const wire = validateRequest(anthropicMessagesRequestSchema, body);
    // The canonical request is built when first read: the native path forwards `wire` and never needs it.
    return new LazyDecodedChatRequest(
      { model: wire.model, stream: wire.stream === true, encoding: {}, native: { format: anthropicMessagesFormat, body: wire } },
      () => decodeAnthropicRequest(wire),
    );
  },
  encodeResponse: encodeAnthropicResponse,
  encodeNativeResponse: (result: NativeChatResultV1) => result.body,
  createStreamEncoder: (context: EncodeContextV1<AnthropicMessagesEncoding>) => new AnthropicStreamEncoder(context),
  encodeError: anthropicErrorBodyOf,
};

/** A `count_tokens` body, validated (400 naming the field) and in the canonical model. */
export function decodeAnthropicCountTokensRequest(body: unknown): { wire: AnthropicCountTokensRequest; request: ChatRequestV1 } {
  const wire = validateRequest(anthropicCountTokensRequestSchema, body);
  return { wire, request: decodeAnthropicRequest(wire) };
}

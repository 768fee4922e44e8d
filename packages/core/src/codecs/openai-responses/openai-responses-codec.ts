import type { ChatMessageV1 } from '../../specification/chat/chat-prompt-v1.js';
import type { ChatResponseV1 } from '../../specification/chat/chat-response-v1.js';
import type { ChatCodecV1, DecodedChatRequestV1, EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { NativeChatResultV1 } from '../../specification/provider-v1.js';
import { validateRequest } from '../../validation/validate-request.js';
import { openAIErrorBodyOf } from '../openai/openai-error-body.js';
import { decodeOpenAIResponsesInput, decodeOpenAIResponsesRequest } from './decode-openai-responses-request.js';
import {
  encodeOpenAIResponsesResponse,
  openAIResponsesEncodingOf,
  type OpenAIResponsesEncoding,
} from './encode-openai-responses-response.js';
import { openAIResponsesRequestSchema } from './openai-responses-request-schema.js';
import { OpenAIResponsesStreamEncoder, type CompletedOpenAIResponse } from './openai-responses-stream-encoder.js';
import { isReasoningEnvelope } from './reasoning-envelope.js';
import type { OpenAIResponsesRequest, OpenAIResponsesResponse } from './openai-responses-wire-types.js';
import { LazyDecodedChatRequest } from '../lazy-decoded-chat-request.js';

/** The wire format of OpenAI's Responses API, for providers whose native path speaks it. */
export const openAIResponsesFormat = 'openai-responses';

export interface OpenAIResponsesCodecOptions {
  /**
   * The stored conversation of `previous_response_id`, put before this turn's input. A request that
   * continues a stored conversation is never forwarded natively: the state it needs is the gateway's (so
   * is a request carrying another provider's reasoning state in `encrypted_content`).
   */
  history?: readonly ChatMessageV1[];
  /**
   * Called once with each answer that completed (or stopped incomplete) and should be stored
   * (`store` not `false`), with this turn's conversation (history, then input; no instructions).
   */
  onComplete?: (completed: CompletedOpenAIResponse, conversation: () => ChatMessageV1[]) => void;
}

/** Whether the input carries another provider's reasoning state, which OpenAI would refuse as its own encrypted content. */
function carriesGatewayReasoning(request: OpenAIResponsesRequest): boolean {
  return (
    Array.isArray(request.input) && request.input.some((item) => item.type === 'reasoning' && isReasoningEnvelope(item.encrypted_content))
  );
}

/** What the encoders of one request share; `conversation` is built only when an answer is stored. */
export interface OpenAIResponsesCodecEncoding extends OpenAIResponsesEncoding {
  conversation: () => ChatMessageV1[];
}

/**
 * `POST /v1/responses`: OpenAI's Responses API over the canonical model, forwarded natively to
 * providers that speak it (OpenAI itself). One codec per request: it carries the request's stored
 * history and where a finished answer goes.
 */
export function createOpenAIResponsesCodec(options: OpenAIResponsesCodecOptions = {}): ChatCodecV1<OpenAIResponsesCodecEncoding> {
  const { history, onComplete } = options;
  const completed = (context: EncodeContextV1<OpenAIResponsesCodecEncoding>) =>
    onComplete === undefined || !context.encoding.store
      ? undefined
      : (answer: CompletedOpenAIResponse) => onComplete(answer, context.encoding.conversation);
  return {
    specificationVersion: 'v1',
    name: 'openai-responses',
    nativeFormat: openAIResponsesFormat,
    decode(body: unknown): DecodedChatRequestV1<OpenAIResponsesCodecEncoding> {
      const wire = validateRequest(openAIResponsesRequestSchema, body) as OpenAIResponsesRequest;
      let conversation: ChatMessageV1[] | undefined;
      const conversationOf = (): ChatMessageV1[] => {
        conversation ??= [...(history ?? []), ...decodeOpenAIResponsesInput(wire)];
        return conversation;
      };
      // The canonical request is built when first read: the native path forwards `wire` and never needs it.
      return new LazyDecodedChatRequest(
        {
          model: wire.model,
          stream: wire.stream === true,
          encoding: { ...openAIResponsesEncodingOf(wire), conversation: conversationOf },
          ...(history === undefined && !carriesGatewayReasoning(wire) ? { native: { format: openAIResponsesFormat, body: wire } } : {}),
        },
        () => decodeOpenAIResponsesRequest(wire, conversationOf()),
      );
    },
    encodeResponse(response: ChatResponseV1, context: EncodeContextV1<OpenAIResponsesCodecEncoding>): OpenAIResponsesResponse {
      const encoded = encodeOpenAIResponsesResponse(response, context);
      completed(context)?.({ response: encoded, content: response.content });
      return encoded;
    },
    encodeNativeResponse(result: NativeChatResultV1, context: EncodeContextV1<OpenAIResponsesCodecEncoding>): string {
      const store = completed(context);
      if (store !== undefined) store({ response: JSON.parse(result.body) as OpenAIResponsesResponse });
      return result.body;
    },
    createStreamEncoder: (context: EncodeContextV1<OpenAIResponsesCodecEncoding>) =>
      new OpenAIResponsesStreamEncoder(context, completed(context)),
    encodeError: openAIErrorBodyOf,
  };
}

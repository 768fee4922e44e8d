import type { ChatCodecV1, ChatStreamEncoderV1, EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { ChatStreamPartV1 } from '../../specification/chat/chat-stream-part-v1.js';
import type { NativeChatResultV1, NativeStreamPartV1 } from '../../specification/provider-v1.js';
import { validateRequest } from '../../validation/validate-request.js';
import { addUsageCost } from './add-usage-cost.js';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response.js';
import type { OpenAIChatRequest } from './openai-chat-wire-types.js';
import { OpenAIChunkEncoder } from './openai-chunk-encoder.js';
import { openAIErrorBodyOf } from './openai-error-body.js';
import { isPlainChatRequest } from './is-plain-chat-request.js';
import { openAIChatRequestSchema } from './openai-request-schemas.js';
import { frameForwardedEvents } from '../frame-forwarded-events.js';
import { LazyDecodedChatRequest } from '../lazy-decoded-chat-request.js';

export interface OpenAIChatEncoding {
  /** The client set `stream_options.include_usage`: send the usage-only chunk. */
  includeUsage: boolean;
}

const doneEvent = 'data: [DONE]\n\n';

function errorEvent(error: unknown): string {
  return `data: ${JSON.stringify(openAIErrorBodyOf(error).body)}\n\n`;
}

/** OpenAI's server-sent events: `data: <chunk>` per chunk, `data: [DONE]` after a finish, `data: {"error":…}` and no `[DONE]` after an error. */
class OpenAIStreamEncoder implements ChatStreamEncoderV1 {
  readonly contentType = 'text/event-stream; charset=utf-8';
  private readonly chunks: OpenAIChunkEncoder;
  /** A forwarded usage-only event held back until the finish, when the call's cost is known. */
  private heldUsage: string | undefined;

  constructor(private readonly context: EncodeContextV1<OpenAIChatEncoding>) {
    this.chunks = new OpenAIChunkEncoder({
      includeUsage: context.encoding.includeUsage,
      model: context.model,
      id: `chatcmpl-${context.requestId}`,
      costUsd: context.costUsd,
    });
  }

  part(part: ChatStreamPartV1): string {
    if (part.type === 'error') return errorEvent(part.error);
    const chunks = this.chunks.encode(part);
    let text = '';
    for (const chunk of chunks) text += `data: ${JSON.stringify(chunk)}\n\n`;
    return part.type === 'finish' ? text + doneEvent : text;
  }

  native(part: NativeStreamPartV1): string {
    if (part.type === 'events') return frameForwardedEvents(part.data);
    if (part.type === 'event') {
      if (part.usageOnly !== true) return `data: ${part.data}\n\n`;
      if (!this.context.encoding.includeUsage) return '';
      // Only a deployment with prices has a cost to add: any other usage event goes out untouched.
      if (this.context.costUsd === undefined) return `data: ${part.data}\n\n`;
      const previous = this.heldUsage;
      this.heldUsage = part.data;
      return previous === undefined ? '' : `data: ${previous}\n\n`;
    }
    if (part.type === 'error') return errorEvent(part.error);
    const held = this.heldUsage;
    if (held === undefined) return doneEvent;
    this.heldUsage = undefined;
    return `data: ${addUsageCost(held, this.context.costUsd?.())}\n\n${doneEvent}`;
  }

  error(error: unknown): string {
    return errorEvent(error);
  }
}

/** `POST /v1/chat/completions`: OpenAI Chat Completions over the canonical model, forwarded natively to OpenAI-compatible providers. */
export const openAIChatCodec: ChatCodecV1<OpenAIChatEncoding> = {
  specificationVersion: 'v1',
  name: 'openai-chat',
  nativeFormat: 'openai-chat',
  decode(body: unknown) {
    // Most bodies are plainly valid and used as they came; the schema judges (and names the field of) the rest.
    const wire = (isPlainChatRequest(body) ? body : validateRequest(openAIChatRequestSchema, body)) as OpenAIChatRequest;
    // The canonical request is built when first read: the native path forwards `wire` and never needs it.
    return new LazyDecodedChatRequest(
      {
        model: wire.model,
        stream: wire.stream === true,
        encoding: { includeUsage: wire.stream_options?.include_usage === true },
        native: { format: 'openai-chat', body: wire },
      },
      () => decodeOpenAIChatRequest(wire),
    );
  },
  encodeResponse: encodeOpenAIChatResponse,
  encodeNativeResponse: (result: NativeChatResultV1) => result.body,
  createStreamEncoder: (context: EncodeContextV1<OpenAIChatEncoding>) => new OpenAIStreamEncoder(context),
  encodeError: openAIErrorBodyOf,
};

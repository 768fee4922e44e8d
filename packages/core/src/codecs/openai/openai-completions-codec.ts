import { z } from 'zod';
import { UnsupportedError } from '../../errors/unsupported-error.js';
import type { ChatCodecV1, ChatStreamEncoderV1, EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { NativeChatResultV1, NativeStreamPartV1 } from '../../specification/provider-v1.js';
import { validateRequest } from '../../validation/validate-request.js';
import { openAIErrorBodyOf } from './openai-error-body.js';
import { frameForwardedEvents } from '../frame-forwarded-events.js';
import { LazyDecodedChatRequest } from '../lazy-decoded-chat-request.js';

/** The legacy `POST /v1/completions`; fields it does not name are forwarded as sent. */
export const openAICompletionsRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  prompt: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.number().int()).min(1),
    z.array(z.array(z.number().int()).min(1)).min(1),
  ]),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: z.number().int().min(0).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  n: z.number().int().min(1).max(128).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  seed: z.number().int().nullable().optional(),
  user: z.string().optional(),
});

export interface OpenAICompletionsEncoding {
  includeUsage: boolean;
}

/** The text-completions format name: a provider serves it only through a native path of this format. */
export const textCompletionsFormat = 'openai-completions';

const doneEvent = 'data: [DONE]\n\n';
const errorEvent = (error: unknown): string => `data: ${JSON.stringify(openAIErrorBodyOf(error).body)}\n\n`;

function noCanonicalForm(): never {
  throw new UnsupportedError('Text completions have no canonical form; only providers that serve them natively can answer.');
}

class OpenAICompletionsStreamEncoder implements ChatStreamEncoderV1 {
  readonly contentType = 'text/event-stream; charset=utf-8';

  constructor(private readonly context: EncodeContextV1<OpenAICompletionsEncoding>) {}

  part(): string {
    return noCanonicalForm();
  }

  native(part: NativeStreamPartV1): string {
    if (part.type === 'events') return frameForwardedEvents(part.data);
    if (part.type === 'event') return part.usageOnly === true && !this.context.encoding.includeUsage ? '' : `data: ${part.data}\n\n`;
    return part.type === 'finish' ? doneEvent : errorEvent(part.error);
  }

  error(error: unknown): string {
    return errorEvent(error);
  }
}

/**
 * `POST /v1/completions`, OpenAI's legacy text completions: a raw prompt continued, which no chat model
 * means. Only forwarded natively (`nativeOnly`), to providers whose chat model answers the
 * `openai-completions` native path; others are skipped with a 400 naming them.
 */
export const openAICompletionsCodec: ChatCodecV1<OpenAICompletionsEncoding> = {
  specificationVersion: 'v1',
  name: 'openai-completions',
  nativeFormat: textCompletionsFormat,
  decode(body: unknown) {
    const wire = validateRequest(openAICompletionsRequestSchema, body);
    return new LazyDecodedChatRequest(
      {
        model: wire.model,
        stream: wire.stream === true,
        encoding: { includeUsage: wire.stream_options?.include_usage === true },
        native: { format: textCompletionsFormat, body: wire },
        nativeOnly: 'text completions',
      },
      noCanonicalForm,
    );
  },
  encodeResponse: noCanonicalForm,
  encodeNativeResponse: (result: NativeChatResultV1) => result.body,
  createStreamEncoder: (context: EncodeContextV1<OpenAICompletionsEncoding>) => new OpenAICompletionsStreamEncoder(context),
  encodeError: openAIErrorBodyOf,
};

import type { ChatCodecV1, EmbeddingCodecV1, EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { ChatRequestV1 } from '../../specification/chat/chat-request-v1.js';
import type { EmbeddingRequestV1, EmbeddingResponseV1 } from '../../specification/chat/embedding-v1.js';
import type { NativeChatResultV1 } from '../../specification/provider-v1.js';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { validateRequest } from '../../validation/validate-request.js';
import { decodeGeminiContents, decodeGeminiRequest } from './decode-gemini-request.js';
import { encodeGeminiResponse } from './encode-gemini-response.js';
import { geminiErrorBodyOf } from './gemini-error-body.js';
import {
  geminiBatchEmbedContentsRequestSchema,
  geminiCountTokensRequestSchema,
  geminiEmbedContentRequestSchema,
  geminiGenerateContentRequestSchema,
} from './gemini-request-schemas.js';
import { GeminiStreamEncoder, type GeminiStreamFraming } from './gemini-stream-encoder.js';
import { LazyDecodedChatRequest } from '../lazy-decoded-chat-request.js';

/** The wire format a provider's native path speaks to take `generateContent` bodies untouched. */
export const geminiFormat = 'gemini';

/** Whether the answer streams, and how its chunks are framed; the route reads it from the path and `alt`. */
export interface GeminiEncoding {
  framing: GeminiStreamFraming;
}

/**
 * Gemini's `generateContent` over the canonical model. The body is Google's, with the `model` the
 * route took from the path and `stream` set for `streamGenerateContent` (both removed before forwarding).
 */
export const geminiCodec: ChatCodecV1<GeminiEncoding> = {
  specificationVersion: 'v1',
  name: 'gemini',
  nativeFormat: geminiFormat,
  decode(body: unknown) {
    const { stream, framing, ...rest } = (body ?? {}) as { stream?: unknown; framing?: unknown };
    const wire = validateRequest(geminiGenerateContentRequestSchema, rest);
    const { model: _model, ...native } = wire;
    return new LazyDecodedChatRequest<GeminiEncoding>(
      {
        model: wire.model,
        stream: stream === true,
        encoding: { framing: framing === 'array' ? 'array' : 'sse' },
        native: { format: geminiFormat, body: native },
      },
      () => decodeGeminiRequest(wire),
    );
  },
  encodeResponse: encodeGeminiResponse,
  encodeNativeResponse: (result: NativeChatResultV1) => result.body,
  createStreamEncoder: (context: EncodeContextV1<GeminiEncoding>) => new GeminiStreamEncoder(context, context.encoding.framing),
  encodeError: geminiErrorBodyOf,
};

/** A `countTokens` body (with the path's model), validated and in the canonical model. */
export function decodeGeminiCountTokensRequest(body: unknown): ChatRequestV1 {
  const wire = validateRequest(geminiCountTokensRequestSchema, body);
  if (wire.generateContentRequest !== undefined) return decodeGeminiRequest({ ...wire.generateContentRequest, model: wire.model });
  return { model: wire.model, messages: decodeGeminiContents({ contents: wire.contents! }) };
}

type EmbedFields = { content: { parts: Array<{ text: string }> }; taskType?: string | undefined; title?: string | undefined };

function embeddingOptions(requests: EmbedFields[]): Pick<EmbeddingRequestV1, 'providerOptions'> {
  const taskType = requests.find((request) => request.taskType !== undefined)?.taskType;
  const title = requests.find((request) => request.title !== undefined)?.title;
  const google = { ...(taskType === undefined ? {} : { taskType }), ...(title === undefined ? {} : { title }) };
  return Object.keys(google).length === 0 ? {} : { providerOptions: { google } };
}

/** A content's text parts as the one text that is embedded. */
function embeddedText(request: EmbedFields): string {
  return request.content.parts.map((part) => part.text).join('\n');
}

/** `embedContent`: one content → `{embedding:{values}}`. */
export const geminiEmbedContentCodec: EmbeddingCodecV1<Record<string, never>> = {
  specificationVersion: 'v1',
  name: 'gemini-embed-content',
  decode(body: unknown) {
    const wire = validateRequest(geminiEmbedContentRequestSchema, body);
    const request: EmbeddingRequestV1 = { model: wire.model, values: [embeddedText(wire)], ...embeddingOptions([wire]) };
    if (wire.outputDimensionality !== undefined) request.dimensions = wire.outputDimensionality;
    return { request, encoding: {} };
  },
  encodeResponse: (response: EmbeddingResponseV1) => ({ embedding: { values: response.embeddings[0] ?? [] } }),
  encodeError: geminiErrorBodyOf,
};

/** The path's model without its `models/` prefix, as each batch request names it. */
function sameModel(named: string | undefined, model: string): boolean {
  return named === undefined || named === model || named === `models/${model}`;
}

/** `batchEmbedContents`: several contents in one call → `{embeddings:[{values}]}` in their order. */
export const geminiBatchEmbedContentsCodec: EmbeddingCodecV1<Record<string, never>> = {
  specificationVersion: 'v1',
  name: 'gemini-batch-embed-contents',
  decode(body: unknown) {
    const wire = validateRequest(geminiBatchEmbedContentsRequestSchema, body);
    wire.requests.forEach((request, index) => {
      if (!sameModel(request.model, wire.model)) {
        throw new InvalidRequestError(`requests[${index}].model: every request must name the path's model (models/${wire.model}).`, {
          param: `requests[${index}].model`,
        });
      }
    });
    const dimensions = wire.requests.find((request) => request.outputDimensionality !== undefined)?.outputDimensionality;
    const request: EmbeddingRequestV1 = {
      model: wire.model,
      values: wire.requests.map(embeddedText),
      ...embeddingOptions(wire.requests),
      ...(dimensions === undefined ? {} : { dimensions }),
    };
    return { request, encoding: {} };
  },
  encodeResponse: (response: EmbeddingResponseV1) => ({ embeddings: response.embeddings.map((values) => ({ values })) }),
  encodeError: geminiErrorBodyOf,
};

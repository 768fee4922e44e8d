import type { ChatRequestV1 } from './chat/chat-request-v1.js';
import type { ChatResponseV1 } from './chat/chat-response-v1.js';
import type { ChatStreamPartV1 } from './chat/chat-stream-part-v1.js';
import type { EmbeddingRequestV1, EmbeddingResponseV1 } from './chat/embedding-v1.js';
import type { NativeChatRequestV1, NativeChatResultV1, NativeStreamPartV1 } from './provider-v1.js';

/** A surface's request, decoded. */
export interface DecodedChatRequestV1<Encoding> {
  /** The public model name asked for. */
  readonly model: string;
  /**
   * The canonical request. A codec may build it on first read (a getter): a request forwarded natively
   * never needs it.
   */
  readonly request: ChatRequestV1;
  stream: boolean;
  /** What the encoders need from the request (OpenAI: whether the client asked for the usage chunk). */
  encoding: Encoding;
  /** The body as sent, for providers whose native path speaks the surface's format. */
  native?: NativeChatRequestV1;
  /**
   * Set (to the ability's name, `text completions`) when the request has no canonical form: only a
   * native path can answer it, deployments without one are skipped, and chat middleware does not apply.
   */
  nativeOnly?: string;
}

/** What encoding an answer needs besides the answer. */
export interface EncodeContextV1<Encoding> {
  encoding: Encoding;
  /** The model name to report when the provider named none. */
  model: string;
  requestId: string;
  /**
   * The call's cost in US dollars, for a surface that reports it with the final usage; known once the
   * stream's finish has passed (`undefined` before, or when a price is unknown). Absent when the
   * deployment has no prices at all.
   */
  costUsd?: () => number | undefined;
}

/** An error in the surface's own shape. */
export interface EncodedErrorV1 {
  status: number;
  /** The JSON body. */
  body: unknown;
  headers: Record<string, string>;
}

/** Turns one stream into the surface's wire text, part by part (`''` when a part has no wire form). */
export interface ChatStreamEncoderV1 {
  /** The `content-type` of the stream. */
  readonly contentType: string;
  part(part: ChatStreamPartV1): string;
  /** A forwarded event of the surface's own format. */
  native(part: NativeStreamPartV1): string;
  /** The text that ends a stream with this error (the surface's in-stream error event). */
  error(error: unknown): string;
}

/**
 * One inbound chat surface (OpenAI Chat Completions; later Anthropic Messages, OpenAI Responses,
 * Gemini): decodes its requests into the canonical model and encodes canonical answers, stream parts
 * and errors into its wire format, so that any surface works with any provider.
 */
export interface ChatCodecV1<Encoding = unknown> {
  readonly specificationVersion: 'v1';
  readonly name: string;
  /** The wire format a provider's native path must speak to forward this surface's requests untouched. */
  readonly nativeFormat?: string;
  /** Throws `InvalidRequestError` naming the field, in the surface's own terms. */
  decode(body: unknown): DecodedChatRequestV1<Encoding>;
  encodeResponse(response: ChatResponseV1, context: EncodeContextV1<Encoding>): unknown;
  /** A forwarded answer of the surface's own format: its JSON text, unchanged or adjusted. */
  encodeNativeResponse(result: NativeChatResultV1, context: EncodeContextV1<Encoding>): string;
  createStreamEncoder(context: EncodeContextV1<Encoding>): ChatStreamEncoderV1;
  encodeError(error: unknown): EncodedErrorV1;
}

/** An inbound embeddings surface. */
export interface EmbeddingCodecV1<Encoding = unknown> {
  readonly specificationVersion: 'v1';
  readonly name: string;
  decode(body: unknown): { request: EmbeddingRequestV1; encoding: Encoding };
  encodeResponse(response: EmbeddingResponseV1, context: EncodeContextV1<Encoding>): unknown;
  encodeError(error: unknown): EncodedErrorV1;
}

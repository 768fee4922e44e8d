import type { ModelgateError } from '../errors/modelgate-error.js';
import type { CallAbortV1 } from './call-abort.js';
import type { ChatRequestV1 } from './chat/chat-request-v1.js';
import type { ChatResponseV1, FinishReasonV1, UsageV1, WarningV1 } from './chat/chat-response-v1.js';
import type { ChatStreamPartV1 } from './chat/chat-stream-part-v1.js';
import type { EmbeddingRequestV1, EmbeddingResponseV1 } from './chat/embedding-v1.js';
import type { CredentialStateV1 } from './credential-state-v1.js';
import type { ImageModelV1 } from './image-v1.js';
import type { ModelMetadataV1 } from './model-metadata-v1.js';
import type { ModerationModelV1 } from './moderation-v1.js';
import type { SpeechModelV1 } from './speech-v1.js';
import type { TranscriptionModelV1 } from './transcription-v1.js';
import type { RerankRequestV1, RerankResponseV1 } from './rerank-v1.js';

/** Options every model call receives. */
export interface CallOptions {
  /** Aborted when the client goes away or the deadline passes; the upstream call must stop. */
  signal?: AbortSignal;
  /**
   * The same abort as `signal`, cheap to listen on, and accepted by undici as its `signal`. The
   * gateway sets it and makes `signal` only when it is read; hot-path providers use this one.
   */
  abort?: CallAbortV1;
  /** Extra headers to send upstream (already filtered by the gateway). */
  headers?: Record<string, string>;
  /** The gateway's request id, for upstream logs and error messages. */
  requestId?: string;
  /** Also deliver the upstream's own events as `raw` stream parts. */
  includeRaw?: boolean;
  /**
   * Set when the deployment or the request asks for strictness: a setting or a part the provider would
   * drop or clamp with a warning is instead refused with an `InvalidRequestError` naming it, before any
   * upstream call (`refuseWarningsWhenStrict` in the plugin kit does it).
   */
  strict?: boolean;
}

/** What an upstream said besides the body: headers worth passing on to the client. */
export interface UpstreamMetadata {
  status?: number;
  headers?: Record<string, string>;
}

export interface ChatResultV1 {
  response: ChatResponseV1;
  upstream?: UpstreamMetadata;
}

/** An open stream: parts as described by `ChatStreamPartV1` (one `finish` or one `error` at the end). */
export interface ChatStreamV1 {
  parts: AsyncIterable<ChatStreamPartV1>;
  upstream?: UpstreamMetadata;
}

/**
 * A request in a provider's own wire format, as the client sent it to a surface of the same format
 * (validated by that surface's codec). The provider must not mutate `body`.
 */
export interface NativeChatRequestV1 {
  /** The wire format: `openai-chat` (later `anthropic-messages`, `openai-responses`, `gemini`). */
  format: string;
  body: Readonly<Record<string, unknown>>;
}

/** A forwarded answer: the wire JSON text goes to the client as is; the rest is for the gateway's accounting. */
export interface NativeChatResultV1 {
  body: string;
  finishReason: FinishReasonV1;
  usage?: UsageV1;
  /** What the provider could not forward as sent (a field the host rejects, dropped). */
  warnings?: WarningV1[];
  upstream?: UpstreamMetadata;
}

/**
 * The parts of a forwarded stream: each `event` is one server-sent event of the wire format, forwarded
 * as is (`usageOnly` marks an event that carries nothing but usage, which a surface may hold back), and
 * `events` is a run of consecutive events of one type, none of them usage only (all `data` in order): a
 * provider may pass the events that came in one read of the upstream on as one part, so that each
 * layer handles them once. Then one `finish` (what the gateway reads for its accounting; it writes
 * nothing by itself) or one `error`.
 */
export type NativeStreamPartV1 =
  | { type: 'event'; data: string; event?: string; usageOnly?: boolean }
  | { type: 'events'; data: string[]; event?: string }
  | { type: 'finish'; finishReason: FinishReasonV1; usage?: UsageV1 }
  | { type: 'error'; error: ModelgateError };

export interface NativeChatStreamV1 {
  parts: AsyncIterable<NativeStreamPartV1>;
  warnings?: WarningV1[];
  upstream?: UpstreamMetadata;
}

/**
 * A model's native path: when the client's surface speaks `format`, the request goes upstream as the
 * client sent it (model swapped, credentials replaced) and the answer comes back without being rebuilt.
 * Same guarantees as the canonical path: failures before the first byte reject, a stream ends with one
 * `finish` or one `error`.
 */
export interface NativeChatPathV1 {
  readonly format: string;
  generate(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatResultV1>;
  stream(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatStreamV1>;
}

/** How many input tokens a request holds, and who counted them. */
export interface TokenCountV1 {
  inputTokens: number;
  /** `provider`: the upstream's own count; `estimate`: a local tokenizer's approximation. */
  source: 'provider' | 'estimate';
}

export interface ChatModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  generate(request: ChatRequestV1, options: CallOptions): Promise<ChatResultV1>;
  /**
   * Opens a stream. Failures before the first byte (connection refused, HTTP 4xx/5xx) reject this
   * promise, so that the router can retry; later failures are `error` parts.
   */
  stream(request: ChatRequestV1, options: CallOptions): Promise<ChatStreamV1>;
  /**
   * The model's native path for a wire format (`openai-chat`, `anthropic-messages`, `openai-responses`…),
   * when it can forward that format untouched; `undefined` for formats it cannot.
   */
  nativePath?(format: string): NativeChatPathV1 | undefined;
  /** Counts the request's input tokens with the upstream's own counter (Anthropic's `count_tokens`, Gemini's `countTokens`). */
  countTokens?(request: ChatRequestV1, options: CallOptions): Promise<TokenCountV1>;
}

export interface EmbeddingResultV1 {
  response: EmbeddingResponseV1;
  upstream?: UpstreamMetadata;
}

export interface EmbeddingModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  embed(request: EmbeddingRequestV1, options: CallOptions): Promise<EmbeddingResultV1>;
}

export interface RerankResultV1 {
  response: RerankResponseV1;
  upstream?: UpstreamMetadata;
}

/** Scores documents against a query (Cohere Rerank, Voyage, Jina…); an optional provider ability. */
export interface RerankModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  rerank(request: RerankRequestV1, options: CallOptions): Promise<RerankResultV1>;
}

export interface ModelInfoV1 {
  id: string;
  ownedBy?: string;
  created?: number;
}

export interface HealthStatusV1 {
  healthy: boolean;
  latencyMs?: number;
  message?: string;
}

/**
 * A request in the provider's own wire format, sent upstream as it is (`/passthrough/{provider}/*`). The
 * gateway has already removed the caller's credentials and every header not on its allow-list.
 */
export interface PassthroughRequestV1 {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path after the provider prefix, with its query: `/chat/completions`, `/v1/messages?beta=true`. Starts with `/`. */
  path: string;
  /** The caller's allow-listed headers, lower-case names. */
  headers: Record<string, string>;
  /** The request body as the caller sent it; absent for a request without one. */
  body?: Uint8Array;
}

/** The upstream's answer, whatever its status: status, headers (lower-case names) and the body's bytes as they arrive. */
export interface PassthroughResponseV1 {
  status: number;
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
}

/**
 * A provider instance (one entry of `providers:` in the config). Optional abilities are declared by
 * implementing the method; the gateway never guesses.
 */
export interface ProviderV1 {
  readonly specificationVersion: 'v1';
  /** The instance name from the config (`openai`, `groq`, `my-vllm`). */
  readonly name: string;
  chat(modelId: string): ChatModelV1;
  embeddings?(modelId: string): EmbeddingModelV1;
  /** Image generation (`/v1/images/generations`). */
  images?(modelId: string): ImageModelV1;
  /** Text to speech (`/v1/audio/speech`). */
  speech?(modelId: string): SpeechModelV1;
  /** Speech to text (`/v1/audio/transcriptions`). */
  transcriptions?(modelId: string): TranscriptionModelV1;
  /** Content classification (`/v1/moderations`). */
  moderations?(modelId: string): ModerationModelV1;
  /** Document reranking; a provider without it is passed over when a rerank request is routed. */
  rerank?(modelId: string): RerankModelV1;
  listModels?(options: CallOptions): Promise<ModelInfoV1[]>;
  /**
   * The published limits, prices and capabilities of a model id, from data the plugin ships (no call);
   * `undefined` for a model it knows nothing about. Dated ids (`…-20250929`) should find their family.
   */
  modelMetadata?(modelId: string): ModelMetadataV1 | undefined;
  checkHealth?(options: CallOptions): Promise<HealthStatusV1>;
  /** Whether the credentials are there, read from settings and environment without a call (for the startup banner). */
  describeCredentials?(): CredentialStateV1;
  /**
   * Sends a native request to the provider's own host as it is: the provider builds the URL from its base URL
   * (so that its credential only ever goes to the host it was configured for) and adds its credentials. An
   * upstream error answer is returned, not thrown; a connection failure or an abort rejects.
   */
  passthrough?(request: PassthroughRequestV1, options: CallOptions): Promise<PassthroughResponseV1>;
  /** Releases pooled connections. */
  close?(): Promise<void>;
}

import type { ModelgateError } from '../errors/modelgate-error.js';
import type { CallAbortV1 } from './call-abort.js';
import type { CredentialStateV1 } from './credential-state-v1.js';
import type { ChatCompletion, ChatCompletionChunk, ChatRequest, Usage } from './chat-types.js';
import type { EmbeddingRequest, EmbeddingResponse } from './embedding-types.js';

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
}

/** What an upstream said besides the body: headers worth passing on to the client. */
export interface UpstreamMetadata {
  status?: number;
  headers?: Record<string, string>;
}

export interface ChatResultV1 {
  response: ChatCompletion;
  upstream?: UpstreamMetadata;
}

/**
 * Events of a chat stream. A stream always ends with exactly one `finish` or one `error`
 * event; an upstream that drops mid-stream is an `error`, never a `finish`.
 */
export type ChatStreamEventV1 =
  | { type: 'chunk'; chunk: ChatCompletionChunk }
  | { type: 'finish'; usage?: Usage }
  | { type: 'error'; error: ModelgateError };

export interface ChatStreamV1 {
  events: AsyncIterable<ChatStreamEventV1>;
  upstream?: UpstreamMetadata;
}

export interface ChatModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  generate(request: ChatRequest, options: CallOptions): Promise<ChatResultV1>;
  /**
   * Opens a stream. Failures before the first byte (connection refused, HTTP 4xx/5xx) reject
   * this promise, so that the router can retry; later failures are `error` events.
   */
  stream(request: ChatRequest, options: CallOptions): Promise<ChatStreamV1>;
}

export interface EmbeddingModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  embed(request: EmbeddingRequest, options: CallOptions): Promise<{ response: EmbeddingResponse; upstream?: UpstreamMetadata }>;
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
 * A provider instance (one entry of `providers:` in the config). Optional abilities are
 * declared by implementing the method; the gateway never guesses.
 */
export interface ProviderV1 {
  readonly specificationVersion: 'v1';
  /** The instance name from the config (`openai`, `groq`, `my-vllm`). */
  readonly name: string;
  chat(modelId: string): ChatModelV1;
  embeddings?(modelId: string): EmbeddingModelV1;
  listModels?(options: CallOptions): Promise<ModelInfoV1[]>;
  checkHealth?(options: CallOptions): Promise<HealthStatusV1>;
  /** Whether the credentials are there, read from settings and environment without a call (for the startup banner). */
  describeCredentials?(): CredentialStateV1;
  /** Releases pooled connections. */
  close?(): Promise<void>;
}

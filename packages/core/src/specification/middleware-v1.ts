import type { ChatCompletion, ChatCompletionChunk, ChatRequest } from './chat-types.js';
import type { Principal } from './principal.js';

export interface MiddlewareContextV1 {
  requestId: string;
  principal?: Principal;
  /** The public model name asked for. */
  model: string;
}

/**
 * Hooks around a chat call: guardrails, redaction, logging callbacks. Each hook is optional;
 * a hook may return a replacement value or throw a typed error to stop the call.
 */
export interface MiddlewareV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  beforeChat?(request: ChatRequest, context: MiddlewareContextV1): Promise<ChatRequest | void>;
  afterChat?(response: ChatCompletion, context: MiddlewareContextV1): Promise<ChatCompletion | void>;
  onChunk?(chunk: ChatCompletionChunk, context: MiddlewareContextV1): ChatCompletionChunk | void;
}

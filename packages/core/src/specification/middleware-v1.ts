import type { ChatRequestV1 } from './chat/chat-request-v1.js';
import type { ChatResponseV1 } from './chat/chat-response-v1.js';
import type { ChatStreamPartV1 } from './chat/chat-stream-part-v1.js';
import type { Principal } from './principal.js';

export interface MiddlewareContextV1 {
  requestId: string;
  principal?: Principal;
  /** The public model name asked for. */
  model: string;
}

/**
 * Hooks around a chat call, on the canonical model: guardrails, redaction, logging callbacks. Each hook
 * is optional; a hook may return a replacement or throw a typed error to stop the call (inside a stream,
 * a throw ends the stream with an error part). A gateway with any chat hook serves every request on the
 * canonical path: forwarding a native body untouched would bypass the hooks.
 */
export interface MiddlewareV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  beforeChat?(request: ChatRequestV1, context: MiddlewareContextV1): Promise<ChatRequestV1 | void>;
  afterChat?(response: ChatResponseV1, context: MiddlewareContextV1): Promise<ChatResponseV1 | void>;
  onStreamPart?(part: ChatStreamPartV1, context: MiddlewareContextV1): ChatStreamPartV1 | void;
}

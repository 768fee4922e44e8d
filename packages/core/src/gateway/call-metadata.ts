import type { Cancellation } from './cancellation.js';
import type { WarningV1 } from '../specification/chat/chat-response-v1.js';
import type { ChatResponseV1 } from '../specification/chat/chat-response-v1.js';
import type { ChatStreamPartV1 } from '../specification/chat/chat-stream-part-v1.js';
import type { DecodedChatRequestV1, EncodeContextV1 } from '../specification/chat-codec-v1.js';
import type { NativeChatResultV1, NativeStreamPartV1, UpstreamMetadata } from '../specification/provider-v1.js';
import type { Principal } from '../specification/principal.js';
import type { DeploymentV1 } from '../specification/router-strategy-v1.js';

/** Per-call inputs besides the body. */
export interface RequestContext {
  principal?: Principal;
  /** Abort to cancel the upstream call (a client that went away). */
  signal?: AbortSignal;
  /** The same, cheaper: servers abort it when the client goes away. Wins over `signal`. */
  cancellation?: Cancellation;
  requestId?: string;
  /** Headers to forward upstream. */
  headers?: Record<string, string>;
  /**
   * Refuse, with an `InvalidRequestError` naming it, anything the provider would drop or clamp instead
   * of dropping it with a warning (`CallOptions.strict`); a deployment's `strict: true` asks the same.
   */
  strict?: boolean;
}

/** What the gateway knows about how a call was served. */
export interface CallMetadata {
  requestId: string;
  /** The model group that served (the one asked for, or a fallback). */
  model: string;
  deployment: DeploymentV1;
  attempts: number;
  /** Time spent waiting on upstreams, in milliseconds. */
  upstreamMs: number;
  /** Whether the provider's native path served (the request went upstream as the client sent it). */
  native: boolean;
  /** What the provider could not do as asked (known when the answer, or the stream, opened). */
  warnings: readonly WarningV1[];
  upstream?: UpstreamMetadata;
  /**
   * What the call cost in US dollars, from its usage and the deployment's prices (the provider's model
   * metadata, overridden by the config); absent when a price or the usage is unknown. A stream's is set
   * when its finish passes, before the finish reaches the surface's encoder.
   */
  costUsd?: number;
}

interface OutcomeBase<Encoding> {
  metadata: CallMetadata;
  /** What the surface's encoders need. */
  context: EncodeContextV1<Encoding>;
  decoded: DecodedChatRequestV1<Encoding>;
}

/** How a chat call was answered: canonical or forwarded, whole or streamed. The surface's codec encodes it. */
export type ChatOutcome<Encoding = unknown> =
  | (OutcomeBase<Encoding> & { stream: false; native: false; response: ChatResponseV1 })
  | (OutcomeBase<Encoding> & { stream: false; native: true; result: NativeChatResultV1 })
  | (OutcomeBase<Encoding> & { stream: true; native: false; parts: AsyncIterable<ChatStreamPartV1> })
  | (OutcomeBase<Encoding> & { stream: true; native: true; parts: AsyncIterable<NativeStreamPartV1> });

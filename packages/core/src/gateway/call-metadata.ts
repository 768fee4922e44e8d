import type { Cancellation } from './cancellation.js';
import type { ChatCompletion } from '../specification/chat-types.js';
import type { ChatStreamEventV1, UpstreamMetadata } from '../specification/provider-v1.js';
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
  upstream?: UpstreamMetadata;
}

export type ChatOutcome =
  | { stream: false; response: ChatCompletion; metadata: CallMetadata }
  | { stream: true; events: AsyncIterable<ChatStreamEventV1>; metadata: CallMetadata };

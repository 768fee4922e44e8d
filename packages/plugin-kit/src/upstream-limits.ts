/** Bounds on what an upstream may send back; the gateway sets them from `upstream:` in its config. */
export interface UpstreamLimits {
  /** Largest non-streaming response body read, in bytes; a larger one fails the call. */
  maxResponseBytes?: number;
  /** Longest silence allowed between two chunks of a response (streams included), in ms. */
  idleTimeoutMs?: number;
}

import { ConfigError } from '../errors/config-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UnsupportedError } from '../errors/unsupported-error.js';
import { UpstreamError } from '../errors/upstream-error.js';

/**
 * What a failed attempt allows next:
 * - `retry`: a passing failure (connection, 408, 409, 429, 5xx, timeout): another deployment, or the same one later;
 * - `skip`: this deployment cannot serve the request (credentials, 401/403/404 from its upstream, an ability
 *   its provider lacks such as embeddings): another
 *   deployment or a fallback, but never this one again within the request;
 * - `stop`: the client's mistake (400, 413, 422, context window, content policy) — every deployment would refuse it.
 */
export type FailureAction = 'retry' | 'skip' | 'stop';

export function classifyFailure(error: unknown): FailureAction {
  if (UpstreamError.isInstance(error)) {
    if (error.isRetryable) return 'retry';
    const status = error.upstreamStatus;
    return status === 401 || status === 403 || status === 404 ? 'skip' : 'stop';
  }
  if (TimeoutError.isInstance(error)) return 'retry';
  return ConfigError.isInstance(error) || UnsupportedError.isInstance(error) ? 'skip' : 'stop';
}

/** The delay before trying the same deployment again. */
export function retryDelayMs(error: unknown, attempt: number): number {
  const hinted = UpstreamError.isInstance(error) ? error.retryAfterMs : undefined;
  const backoff = Math.min(100 * 2 ** attempt, 2000);
  return Math.min(hinted ?? backoff, 5000);
}

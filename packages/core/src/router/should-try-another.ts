import { ConfigError } from '../errors/config-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UpstreamError } from '../errors/upstream-error.js';

/**
 * Whether a failed attempt may be followed by another (on another deployment, or a fallback group).
 * Client mistakes (400, 413, 422, context window, content policy) are final: another deployment
 * would refuse them too. Deployment-level problems (credentials, 401/403/404 from one upstream) move on.
 */
export function shouldTryAnother(error: unknown): boolean {
  if (UpstreamError.isInstance(error)) {
    if (error.isRetryable) return true;
    const status = error.upstreamStatus;
    return status === 401 || status === 403 || status === 404;
  }
  if (TimeoutError.isInstance(error)) return true;
  return ConfigError.isInstance(error);
}

/** The delay before trying the same deployment again. */
export function retryDelayMs(error: unknown, attempt: number): number {
  const hinted = UpstreamError.isInstance(error) ? error.retryAfterMs : undefined;
  const backoff = Math.min(100 * 2 ** attempt, 2000);
  return Math.min(hinted ?? backoff, 5000);
}

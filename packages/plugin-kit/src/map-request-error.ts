import { ModelgateError, TimeoutError, toModelgateError, UpstreamError } from '@modelgate/core';

/** What an abort looks like from the outside: an `AbortSignal` or core's `CallAbortV1`. */
export interface AbortState {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

export interface MapRequestErrorOptions {
  /** The call's signal: when it aborted, its reason is what the caller gets. */
  signal?: AbortState | undefined;
  provider: string;
  model?: string;
  /** The URL that was called: kept on the error for logs (`upstreamOrigin`), never in its message. */
  url?: string;
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof candidate.code === 'string') return candidate.code;
  if (Array.isArray(candidate.errors) && candidate.errors.length > 0) return codeOf(candidate.errors[0]);
  if (candidate.cause !== undefined && candidate.cause !== error) return codeOf(candidate.cause);
  return undefined;
}

/** Whether an error is a transport failure (refused, reset, closed socket, DNS, undici's own errors). */
export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (networkCodes.has(code) || code.startsWith('UND_ERR'));
}

/**
 * Maps what a request threw into what the caller should throw. Messages name the provider and the
 * failure's code, never the upstream's address or the transport's own text (both stay in `cause`
 * for the log: a client must not learn internal hosts and ports). An aborted signal wins: its reason
 * is returned unchanged (a client disconnect stays an abort, a router deadline stays a `TimeoutError`).
 * Header and body timeouts become `TimeoutError`; connection failures a retryable `UpstreamError`
 * without `upstreamStatus`; modelgate errors pass through; anything else is wrapped, keeping `cause`.
 */
export function mapRequestError(error: unknown, options: MapRequestErrorOptions): unknown {
  if (options.signal?.aborted) return options.signal.reason ?? error;
  if (ModelgateError.isInstance(error)) return error;
  const where = options.model === undefined ? options.provider : `${options.provider} (${options.model})`;
  const code = codeOf(error);
  if (code !== undefined && timeoutCodes.has(code)) {
    const what =
      code === 'UND_ERR_HEADERS_TIMEOUT'
        ? 'did not send its response headers in time'
        : 'sent nothing for longer than its idle timeout (upstream.idle_timeout_ms)';
    return new TimeoutError(`Upstream ${where} ${what} (${code}).`, { cause: error });
  }
  if (isConnectionError(error)) {
    return new UpstreamError(`Cannot reach upstream ${where} (${code}).`, {
      cause: error,
      code: 'upstream_connection_error',
      isRetryable: true,
      provider: options.provider,
      ...(options.model === undefined ? {} : { model: options.model }),
    });
  }
  return toModelgateError(error);
}

import { errorTypeForStatus } from './error-type-for-status.js';
import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<UpstreamError>('UpstreamError');

export interface UpstreamErrorOptions extends ModelgateErrorOptions {
  /** The status the upstream answered with; absent when it never answered (connection error). */
  upstreamStatus?: number;
  /** The status the gateway answers with; defaults from `upstreamStatus`. */
  status?: number;
  type?: string;
  isRetryable?: boolean;
  retryAfterMs?: number;
  /** The provider instance and model, for messages and logs. */
  provider?: string;
  model?: string;
  /** The upstream's error body, as received (truncated). */
  body?: string;
}

/** The status a client sees for an upstream status. 5xx and connection failures become 502/503/504. */
function gatewayStatus(upstreamStatus: number | undefined): number {
  if (upstreamStatus === undefined) return 502;
  // The upstream refused the gateway's credential: not the caller's key, so not a 401/403 to the caller.
  if (isAuthenticationStatus(upstreamStatus)) return 502;
  if (upstreamStatus === 529) return 503;
  if (upstreamStatus >= 400 && upstreamStatus < 600) return upstreamStatus;
  return 502;
}

function isAuthenticationStatus(status: number | undefined): boolean {
  return status === 401 || status === 403;
}

/** The code of an upstream that refused the gateway's credential (see docs/decisions/0010). */
export const upstreamAuthenticationErrorCode = 'upstream_authentication_error';

/**
 * A call to an upstream failed. `isRetryable` is what the router looks at: connection failures,
 * 408, 409, 429 (except exhausted quota) and 5xx are retryable by default.
 */
export class UpstreamError extends ModelgateError {
  override readonly status: number;
  override readonly type: string;
  readonly upstreamStatus: number | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly body: string | undefined;
  private readonly [check.symbol] = true;

  constructor(message: string, options: UpstreamErrorOptions = {}) {
    super(message, {
      code: 'upstream_error',
      ...options,
      ...(isAuthenticationStatus(options.upstreamStatus) && options.status === undefined ? { code: upstreamAuthenticationErrorCode } : {}),
    });
    this.name = 'UpstreamError';
    this.upstreamStatus = options.upstreamStatus;
    this.status = options.status ?? gatewayStatus(options.upstreamStatus);
    this.type = options.type ?? errorTypeForStatus(this.status);
    this.isRetryable = options.isRetryable ?? UpstreamError.isRetryableStatus(options.upstreamStatus);
    this.retryAfterMs = options.retryAfterMs;
    this.provider = options.provider;
    this.model = options.model;
    this.body = options.body;
  }

  static isRetryableStatus(status: number | undefined): boolean {
    if (status === undefined) return true;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }

  static override isInstance(error: unknown): error is UpstreamError {
    return check.isInstance(error);
  }
}

import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<RateLimitError>('RateLimitError');

/** A limit of the gateway (key, team, deployment) was reached. `retryAfterMs` says when to try again. */
export class RateLimitError extends ModelgateError {
  override readonly status: number = 429;
  override readonly type: string = 'rate_limit_error';
  readonly retryAfterMs: number | undefined;
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions & { retryAfterMs?: number } = {}) {
    super(message, { code: 'rate_limit_exceeded', ...options });
    this.name = 'RateLimitError';
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(error: unknown): error is RateLimitError {
    return check.isInstance(error);
  }
}

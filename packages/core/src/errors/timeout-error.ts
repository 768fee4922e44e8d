import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<TimeoutError>('TimeoutError');

/** The upstream did not answer within `router.timeout_ms`. Retryable on another deployment. */
export class TimeoutError extends ModelgateError {
  override readonly status: number = 504;
  override readonly type: string = 'timeout_error';
  readonly isRetryable = true;
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'timeout', ...options });
    this.name = 'TimeoutError';
  }

  static override isInstance(error: unknown): error is TimeoutError {
    return check.isInstance(error);
  }
}

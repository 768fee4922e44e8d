import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<RequestTooLargeError>('RequestTooLargeError');

/**  */
export class RequestTooLargeError extends ModelgateError {
  override readonly status: number = 413;
  override readonly type: string = 'invalid_request_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'request_too_large', ...options });
    this.name = 'RequestTooLargeError';
  }

  static override isInstance(error: unknown): error is RequestTooLargeError {
    return check.isInstance(error);
  }
}

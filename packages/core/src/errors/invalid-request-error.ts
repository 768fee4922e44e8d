import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<InvalidRequestError>('InvalidRequestError');

/**  */
export class InvalidRequestError extends ModelgateError {
  override readonly status: number = 400;
  override readonly type: string = 'invalid_request_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'invalid_request', ...options });
    this.name = 'InvalidRequestError';
  }

  static override isInstance(error: unknown): error is InvalidRequestError {
    return check.isInstance(error);
  }
}

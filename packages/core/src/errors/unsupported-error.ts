import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<UnsupportedError>('UnsupportedError');

/**  */
export class UnsupportedError extends ModelgateError {
  override readonly status: number = 400;
  override readonly type: string = 'invalid_request_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'unsupported', ...options });
    this.name = 'UnsupportedError';
  }

  static override isInstance(error: unknown): error is UnsupportedError {
    return check.isInstance(error);
  }
}

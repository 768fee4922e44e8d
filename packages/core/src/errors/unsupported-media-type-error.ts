import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<UnsupportedMediaTypeError>('UnsupportedMediaTypeError');

/** A request body of a type or encoding the server does not read (only plain JSON is): 415. */
export class UnsupportedMediaTypeError extends ModelgateError {
  override readonly status: number = 415;
  override readonly type: string = 'invalid_request_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'unsupported_media_type', ...options });
    this.name = 'UnsupportedMediaTypeError';
  }

  static override isInstance(error: unknown): error is UnsupportedMediaTypeError {
    return check.isInstance(error);
  }
}

import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<NotFoundError>('NotFoundError');

/**  */
export class NotFoundError extends ModelgateError {
  override readonly status: number = 404;
  override readonly type: string = 'not_found_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'not_found', ...options });
    this.name = 'NotFoundError';
  }

  static override isInstance(error: unknown): error is NotFoundError {
    return check.isInstance(error);
  }
}

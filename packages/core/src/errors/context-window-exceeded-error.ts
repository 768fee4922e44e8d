import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<ContextWindowExceededError>('ContextWindowExceededError');

/**  */
export class ContextWindowExceededError extends ModelgateError {
  override readonly status: number = 400;
  override readonly type: string = 'invalid_request_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'context_length_exceeded', ...options });
    this.name = 'ContextWindowExceededError';
  }

  static override isInstance(error: unknown): error is ContextWindowExceededError {
    return check.isInstance(error);
  }
}

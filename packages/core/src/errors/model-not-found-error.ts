import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<ModelNotFoundError>('ModelNotFoundError');

/**  */
export class ModelNotFoundError extends ModelgateError {
  override readonly status: number = 404;
  override readonly type: string = 'invalid_request_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'model_not_found', ...options });
    this.name = 'ModelNotFoundError';
  }

  static override isInstance(error: unknown): error is ModelNotFoundError {
    return check.isInstance(error);
  }
}

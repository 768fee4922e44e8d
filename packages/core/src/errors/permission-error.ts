import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<PermissionError>('PermissionError');

/**  */
export class PermissionError extends ModelgateError {
  override readonly status: number = 403;
  override readonly type: string = 'permission_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'permission_denied', ...options });
    this.name = 'PermissionError';
  }

  static override isInstance(error: unknown): error is PermissionError {
    return check.isInstance(error);
  }
}

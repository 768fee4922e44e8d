import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<AuthError>('AuthError');

/**  */
export class AuthError extends ModelgateError {
  override readonly status: number = 401;
  override readonly type: string = 'authentication_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'invalid_api_key', ...options });
    this.name = 'AuthError';
  }

  static override isInstance(error: unknown): error is AuthError {
    return check.isInstance(error);
  }
}

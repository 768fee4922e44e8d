import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<ConfigError>('ConfigError');

/**  */
export class ConfigError extends ModelgateError {
  override readonly status: number = 500;
  override readonly type: string = 'server_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'config_error', ...options });
    this.name = 'ConfigError';
  }

  static override isInstance(error: unknown): error is ConfigError {
    return check.isInstance(error);
  }
}

import { ConfigError } from './config-error.js';
import { markerCheck, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<MissingCredentialError>('MissingCredentialError');

/** A provider needs a credential that neither its settings nor the environment supply. */
export class MissingCredentialError extends ConfigError {
  readonly setting: string;
  readonly environmentVariable: string | undefined;
  private readonly [check.symbol] = true;

  constructor(options: ModelgateErrorOptions & { provider: string; setting: string; environmentVariable?: string }) {
    const where = options.environmentVariable
      ? `set \`${options.setting}\` in its settings or the environment variable ${options.environmentVariable}`
      : `set \`${options.setting}\` in its settings`;
    super(`Provider "${options.provider}" has no API key: ${where}.`, { code: 'missing_credential', ...options });
    this.name = 'MissingCredentialError';
    this.setting = options.setting;
    this.environmentVariable = options.environmentVariable;
  }

  static override isInstance(error: unknown): error is MissingCredentialError {
    return check.isInstance(error);
  }
}

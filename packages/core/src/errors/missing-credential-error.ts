import { ConfigError } from './config-error.js';
import { markerCheck, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<MissingCredentialError>('MissingCredentialError');

/** A provider needs a credential that neither its settings nor the environment supply. */
export class MissingCredentialError extends ConfigError {
  readonly setting: string;
  readonly environmentVariable: string | undefined;
  /** The variable the setting references (`${MY_TEAM_KEY}`) when it is not set. */
  readonly unsetVariable: string | undefined;
  private readonly [check.symbol] = true;

  constructor(
    options: ModelgateErrorOptions & { provider: string; setting: string; environmentVariable?: string; unsetVariable?: string },
  ) {
    const where = options.environmentVariable
      ? `set \`${options.setting}\` in its settings or the environment variable ${options.environmentVariable}`
      : `set \`${options.setting}\` in its settings`;
    const message =
      options.unsetVariable === undefined
        ? `Provider "${options.provider}" has no API key: ${where}.`
        : `${options.setting} references ${options.unsetVariable}, which is not set.`;
    super(message, { code: 'missing_credential', ...options });
    this.name = 'MissingCredentialError';
    this.setting = options.setting;
    this.environmentVariable = options.environmentVariable;
    this.unsetVariable = options.unsetVariable;
  }

  static override isInstance(error: unknown): error is MissingCredentialError {
    return check.isInstance(error);
  }
}

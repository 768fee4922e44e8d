import { MissingCredentialError } from '@modelgate/core';

export interface LoadApiKeyOptions {
  /** The key from the settings, if any; it wins over the environment. */
  apiKey?: string | undefined;
  /** The environment variable to fall back to (`OPENAI_API_KEY`). */
  environmentVariable?: string | undefined;
  /** Where to look it up; defaults to `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** The provider instance name, for the error message. */
  provider: string;
  /** The settings path of the key, for the error message (`providers.openai.api_key`). */
  setting: string;
}

/**
 * Returns the API key from the settings or the environment, or throws `MissingCredentialError`
 * naming the setting and the environment variable. Call it when a request is made, never at
 * import or create time, so that a missing key fails the call, not the gateway start.
 */
export function loadApiKey(options: LoadApiKeyOptions): string {
  if (typeof options.apiKey === 'string' && options.apiKey.trim().length > 0) return options.apiKey.trim();
  if (options.environmentVariable !== undefined) {
    const environment = options.environment ?? process.env;
    const value = environment[options.environmentVariable];
    if (typeof value === 'string' && value.trim().length > 0) return value.trim();
  }
  throw new MissingCredentialError({
    provider: options.provider,
    setting: options.setting,
    ...(options.environmentVariable === undefined ? {} : { environmentVariable: options.environmentVariable }),
  });
}

import { allowsEnvironmentFallback, type HttpPools, type UpstreamLimits } from '@modelgate/plugin-kit';
import { AnthropicProvider } from './anthropic-provider.js';

/** Anthropic's API root. */
export const anthropicBaseURL = 'https://api.anthropic.com';
/** The `anthropic-version` sent unless the settings name another. */
export const defaultAnthropicVersion = '2023-06-01';
export const anthropicApiKeyEnvironmentVariable = 'ANTHROPIC_API_KEY';

export interface AnthropicProviderOptions {
  /** The instance name (default `anthropic`); used in errors and as the models' `provider`. */
  name?: string;
  /** Sent as `x-api-key`; by default read at call time from `ANTHROPIC_API_KEY`. */
  apiKey?: string;
  /** The API root without `/v1`. Default `https://api.anthropic.com`. */
  baseURL?: string;
  /** Default `2023-06-01`. */
  anthropicVersion?: string;
  /** Beta flags for `anthropic-beta`. */
  beta?: readonly string[];
  /** `max_tokens` when a request has no limit; by default the model's maximum output, else 4096. */
  defaultMaxTokens?: number;
  headers?: Record<string, string>;
  /**
   * Whether `ANTHROPIC_API_KEY` may supply a missing key. By default only when calls go to
   * api.anthropic.com: a key meant for Anthropic never goes to another `baseURL` unless this is set.
   */
  environmentFallback?: boolean;
  /** Where environment variables are read from, at call time; defaults to `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  pools?: HttpPools;
  limits?: UpstreamLimits;
  /** Where these settings sit in the config, for error messages. Default `providers.<name>`. */
  settingsPath?: string;
}

/** Creates an Anthropic provider. Nothing is read from the environment and nothing is connected here. */
export function createAnthropicProvider(options: AnthropicProviderOptions = {}): AnthropicProvider {
  const name = options.name ?? 'anthropic';
  const path = options.settingsPath ?? `providers.${name}`;
  const fallback = options.environmentFallback ?? allowsEnvironmentFallback(options.baseURL, anthropicBaseURL);
  return new AnthropicProvider({
    name,
    baseURL: options.baseURL ?? anthropicBaseURL,
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(fallback ? { apiKeyEnvironmentVariable: anthropicApiKeyEnvironmentVariable } : {}),
    apiKeySetting: `${path}.api_key`,
    anthropicVersion: options.anthropicVersion ?? defaultAnthropicVersion,
    beta: options.beta ?? [],
    headers: options.headers ?? {},
    ...(options.defaultMaxTokens === undefined ? {} : { defaultMaxTokens: options.defaultMaxTokens }),
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.pools === undefined ? {} : { pools: options.pools }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
}

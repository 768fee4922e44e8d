import type { PluginLogger } from '@modelgate/core';
import { allowsEnvironmentFallback, HttpPools, type UpstreamLimits } from '@modelgate/plugin-kit';
import type { GeminiMediaFetcher } from './convert-gemini-media.js';
import { defaultGeminiBaseURL, GeminiApiKeyEndpoint } from './gemini-api-key-endpoint.js';
import { GeminiClient } from './gemini-client.js';
import { createMediaFetcher, type GeminiMediaOptions } from './gemini-media-settings.js';
import { GeminiProvider } from './gemini-provider.js';

export interface GeminiProviderSettings {
  /** The instance name (default `gemini`); used in errors and as the models' `provider`. */
  name?: string;
  /** The key; by default read at call time from `GEMINI_API_KEY`, else `GOOGLE_API_KEY`. */
  apiKey?: string;
  /** The API root; default `https://generativelanguage.googleapis.com/v1beta`. */
  baseURL?: string;
  headers?: Record<string, string>;
  /**
   * Whether `GEMINI_API_KEY` / `GOOGLE_API_KEY` may supply a missing key. By default only when calls go
   * to Google's own host: a Google key is never sent to another `baseURL` unless this is set.
   */
  environmentFallback?: boolean;
  environment?: Readonly<Record<string, string | undefined>>;
  /** Limits of the download of image and document URLs (private addresses refused by default). */
  mediaFetch?: GeminiMediaOptions;
  /** Replaces the media download (tests, or an application with its own fetcher). */
  fetchMedia?: GeminiMediaFetcher;
  pools?: HttpPools;
  limits?: UpstreamLimits;
  logger?: PluginLogger;
  /** Where these settings sit in the config, for error messages. Default `providers.<name>`. */
  settingsPath?: string;
}

/** Creates a Gemini Developer API provider. Nothing is read or connected here: the key is read when a call is made. */
export function createGeminiProvider(settings: GeminiProviderSettings = {}): GeminiProvider {
  const name = settings.name ?? 'gemini';
  const path = settings.settingsPath ?? `providers.${name}`;
  const baseURL = settings.baseURL ?? defaultGeminiBaseURL;
  const endpoint = new GeminiApiKeyEndpoint({
    provider: name,
    baseURL,
    apiKey: settings.apiKey,
    environmentFallback: settings.environmentFallback ?? allowsEnvironmentFallback(settings.baseURL, defaultGeminiBaseURL),
    environment: settings.environment ?? process.env,
    apiKeySetting: `${path}.api_key`,
  });
  const idleTimeoutMs = settings.limits?.idleTimeoutMs;
  const pools = settings.pools ?? new HttpPools(idleTimeoutMs === undefined ? {} : { bodyTimeout: idleTimeoutMs });
  return new GeminiProvider({
    name,
    client: new GeminiClient(name, endpoint, pools, settings.headers, settings.limits),
    endpoint,
    fetchMedia: settings.fetchMedia ?? createMediaFetcher(settings.mediaFetch),
    pools,
    ownsPools: settings.pools === undefined,
    apiKeySetting: `${path}.api_key`,
  });
}

import { ConfigError, type PluginLogger } from '@modelgate/core';
import {
  allowsEnvironmentFallback,
  OpenAICompatibleProvider,
  type HttpPools,
  type OpenAICompatibleAbility,
  type OpenAICompatibleQuirks,
  type UpstreamLimits,
} from '@modelgate/plugin-kit';
import { OpenAIProvider } from './openai-provider.js';
import { findOpenAICompatibleCatalogEntry, needsBaseURL, openAICompatibleCatalog } from './openai-compatible-catalog.js';

export interface OpenAIProviderSettings {
  /** The catalog entry: `openai` (default), `groq`, `deepseek`, `ollama`, ... */
  type?: string;
  /** The instance name (defaults to `type`); used in errors and as the models' `provider`. */
  name?: string;
  /** The key; by default read at call time from the catalog entry's environment variable. */
  apiKey?: string;
  /** Overrides the catalog's base URL (required when it has a `{placeholder}`). */
  baseURL?: string;
  organization?: string;
  project?: string;
  headers?: Record<string, string>;
  /** Overrides single quirks of the catalog entry. */
  quirks?: OpenAICompatibleQuirks;
  /** Replaces the catalog entry's list of endpoints besides chat, embeddings and models. */
  abilities?: readonly OpenAICompatibleAbility[];
  /**
   * Whether the catalog's environment variable (`OPENAI_API_KEY`) may supply a missing key. By
   * default only when calls go to the catalog's own host: a key meant for api.openai.com is never
   * sent to another `baseURL` unless this is set (or the key is given explicitly).
   */
  environmentFallback?: boolean;
  /** Where environment variables are read from, at call time; defaults to `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Shared connection pools (by default each provider has its own). */
  pools?: HttpPools;
  /** Response size cap and idle timeout of upstream calls. */
  limits?: UpstreamLimits;
  logger?: PluginLogger;
  /** Where these settings sit in the config, for error messages. Default `providers.<name>`. */
  settingsPath?: string;
}

/**
 * Creates an OpenAI (or OpenAI-compatible catalog host) provider. Nothing is read from the
 * environment and nothing is connected here: the key is read when a call is made.
 */
export function createOpenAIProvider(settings: OpenAIProviderSettings = {}): OpenAICompatibleProvider {
  const type = settings.type ?? 'openai';
  const name = settings.name ?? type;
  const path = settings.settingsPath ?? `providers.${name}`;
  const entry = findOpenAICompatibleCatalogEntry(type);
  if (entry === undefined && settings.baseURL === undefined) {
    const known = openAICompatibleCatalog.map((item) => item.id).join(', ');
    throw new ConfigError(
      `${path}.type: "${type}" is not an OpenAI-compatible catalog entry (known: ${known}); ` +
        `set ${path}.base_url to use it as a generic OpenAI-compatible server.`,
    );
  }
  if (entry !== undefined && needsBaseURL(entry) && settings.baseURL === undefined) {
    throw new ConfigError(`${path}.base_url is required for type "${type}" (${entry.displayName}), for example ${entry.baseURL}.`);
  }

  const headers: Record<string, string> = { ...entry?.headers };
  if (settings.organization !== undefined) headers['OpenAI-Organization'] = settings.organization;
  if (settings.project !== undefined) headers['OpenAI-Project'] = settings.project;
  Object.assign(headers, settings.headers);

  // The built-in variable is a key for the catalog's own host: never sent to another base_url.
  const fallback = settings.environmentFallback ?? allowsEnvironmentFallback(settings.baseURL, entry?.baseURL);
  const apiKeyEnvironmentVariable = fallback ? entry?.apiKeyEnvironmentVariable : undefined;
  // OpenAI itself also speaks the Responses API; the catalog hosts only Chat Completions.
  const Provider = type === 'openai' ? OpenAIProvider : OpenAICompatibleProvider;
  return new Provider({
    name,
    baseURL: settings.baseURL ?? entry!.baseURL,
    ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
    ...(apiKeyEnvironmentVariable === undefined ? {} : { apiKeyEnvironmentVariable }),
    apiKeyRequired: entry === undefined ? false : (entry.apiKeyRequired ?? true),
    apiKeySetting: `${path}.api_key`,
    headers,
    quirks: { ...entry?.quirks, ...settings.quirks },
    ...(entry?.models === undefined ? {} : { models: entry.models }),
    abilities: settings.abilities ?? entry?.abilities ?? [],
    ...(settings.environment === undefined ? {} : { environment: settings.environment }),
    ...(settings.pools === undefined ? {} : { pools: settings.pools }),
    ...(settings.limits === undefined ? {} : { limits: settings.limits }),
    ...(settings.logger === undefined ? {} : { logger: settings.logger }),
  });
}

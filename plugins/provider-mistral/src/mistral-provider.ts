import type { ChatModelV1, EmbeddingModelV1, ModelMetadataV1, PluginLogger } from '@modelgate/core';
import { allowsEnvironmentFallback, OpenAICompatibleProvider, type HttpPools, type UpstreamLimits } from '@modelgate/plugin-kit';
import { createMistralError } from './create-mistral-error.js';
import { MistralChatModel } from './mistral-chat-model.js';
import { MistralEmbeddingModel } from './mistral-embedding-model.js';
import { findMistralModelMetadata } from './mistral-model-metadata.js';

export const mistralBaseURL = 'https://api.mistral.ai/v1';
export const mistralApiKeyVariable = 'MISTRAL_API_KEY';

export interface MistralProviderSettings {
  /** The instance name (default `mistral`). */
  name?: string;
  /** The key; by default read at call time from `MISTRAL_API_KEY`. */
  apiKey?: string;
  /** Default `https://api.mistral.ai/v1` (`https://codestral.mistral.ai/v1` for Codestral's own endpoint). */
  baseURL?: string;
  /**
   * Whether `MISTRAL_API_KEY` may supply a missing key. By default only when calls go to Mistral's
   * own host: the key never goes to another `baseURL` unless this is set (or the key is given).
   */
  environmentFallback?: boolean;
  headers?: Record<string, string>;
  environment?: Readonly<Record<string, string | undefined>>;
  pools?: HttpPools;
  limits?: UpstreamLimits;
  logger?: PluginLogger;
  /** Where these settings sit in the config, for error messages. Default `providers.<name>`. */
  settingsPath?: string;
}

/**
 * Mistral AI: chat (translated from the canonical model, tool-call ids made valid for Mistral),
 * embeddings, `GET /models`, a health check and the credential state, on the plug-in kit's
 * OpenAI-compatible HTTP side; Mistral's own errors.
 */
export class MistralProvider extends OpenAICompatibleProvider {
  constructor(settings: MistralProviderSettings = {}) {
    const name = settings.name ?? 'mistral';
    const fallback = settings.environmentFallback ?? allowsEnvironmentFallback(settings.baseURL, mistralBaseURL);
    super({
      name,
      baseURL: settings.baseURL ?? mistralBaseURL,
      ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
      ...(fallback ? { apiKeyEnvironmentVariable: mistralApiKeyVariable } : {}),
      apiKeySetting: `${settings.settingsPath ?? `providers.${name}`}.api_key`,
      createError: createMistralError,
      ...(settings.headers === undefined ? {} : { headers: settings.headers }),
      ...(settings.environment === undefined ? {} : { environment: settings.environment }),
      ...(settings.pools === undefined ? {} : { pools: settings.pools }),
      ...(settings.limits === undefined ? {} : { limits: settings.limits }),
      ...(settings.logger === undefined ? {} : { logger: settings.logger }),
    });
  }

  override chat(modelId: string): ChatModelV1 {
    return new MistralChatModel(modelId, this.client);
  }

  override embeddings(modelId: string): EmbeddingModelV1 {
    return new MistralEmbeddingModel(modelId, this.client);
  }

  override modelMetadata(modelId: string): ModelMetadataV1 | undefined {
    return findMistralModelMetadata(modelId);
  }
}

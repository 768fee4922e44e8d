import type { ModelMetadataV1, PluginLogger } from '@modelgate/core';
import type { HttpPools } from '../http-pools.js';
import type { UpstreamLimits } from '../upstream-limits.js';

/** What an OpenAI-compatible host does differently from OpenAI. Every quirk is off by default. */
export interface OpenAICompatibleQuirks {
  /**
   * The token-limit field the host accepts: the other one is renamed to it when the request has only
   * the other. Unset: sent as the client gave it.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** `false` for hosts that reject `stream_options` (then usage arrives only if the host sends it anyway). Default `true`. */
  supportsStreamOptions?: boolean;
  /** Request fields the host rejects; they are dropped before sending (and logged once). */
  unsupportedFields?: readonly string[];
  /** The header that carries the key: `authorization` (`Bearer <key>`, the default) or `api-key` (Azure). */
  authHeader?: 'authorization' | 'api-key';
  /** Flattens message content made only of text parts into one string, for hosts that accept only strings. */
  contentAsString?: boolean;
}

/**
 * Endpoints of OpenAI's API beyond chat, embeddings and models, which only some hosts serve:
 * `/completions` (legacy), `/images/generations`, `/audio/speech`, `/audio/transcriptions`, `/moderations`.
 */
export type OpenAICompatibleAbility = 'text-completions' | 'images' | 'speech' | 'transcriptions' | 'moderations';

export const openAICompatibleAbilities: readonly OpenAICompatibleAbility[] = [
  'text-completions',
  'images',
  'speech',
  'transcriptions',
  'moderations',
];

export interface OpenAICompatibleProviderSettings {
  /** The provider instance name (`openai`, `groq`, `my-vllm`), used in errors and as `provider` of models. */
  name: string;
  /** The API root, up to but without `/chat/completions` (`https://api.openai.com/v1`). */
  baseURL: string;
  /** The key from the settings; wins over the environment variable. */
  apiKey?: string;
  /** The environment variable holding the key (`OPENAI_API_KEY`), read at call time. */
  apiKeyEnvironmentVariable?: string;
  /** `false` for local servers (Ollama, vLLM, LM Studio): no key means no auth header. Default `true`. */
  apiKeyRequired?: boolean;
  /** The settings path named when the key is missing. Default `providers.<name>.api_key`. */
  apiKeySetting?: string;
  /** Extra headers on every request (`OpenAI-Organization`, `HTTP-Referer`, ...). */
  headers?: Record<string, string>;
  quirks?: OpenAICompatibleQuirks;
  /** The endpoints besides chat, embeddings and models the host serves. Default none: a provider without one answers a 400 naming it. */
  abilities?: readonly OpenAICompatibleAbility[];
  /** Where environment variables are read from; defaults to `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Shared connection pools; by default the provider creates its own and closes them in `close()`. */
  pools?: HttpPools;
  /** Response size cap and idle timeout (the idle timeout applies to the provider's own pools). */
  limits?: UpstreamLimits;
  /** Receives a warning the first time a field is dropped by `unsupportedFields`. */
  logger?: PluginLogger;
  /** The host's published model facts (`modelMetadataTable`), answered by `modelMetadata()`; none by default. */
  models?: ReadonlyMap<string, ModelMetadataV1>;
}

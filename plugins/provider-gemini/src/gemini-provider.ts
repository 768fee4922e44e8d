import type {
  CallOptions,
  ChatModelV1,
  CredentialStateV1,
  EmbeddingModelV1,
  HealthStatusV1,
  ModelInfoV1,
  ModelMetadataV1,
  PassthroughRequestV1,
  PassthroughResponseV1,
  ProviderV1,
} from '@modelgate/core';
import type { HttpPools } from '@modelgate/plugin-kit';
import type { GeminiMediaFetcher } from './convert-gemini-media.js';
import { defaultGeminiBaseURL, geminiKeyVariables, type GeminiApiKeyEndpoint } from './gemini-api-key-endpoint.js';
import { GeminiChatModel } from './gemini-chat-model.js';
import type { GeminiClient } from './gemini-client.js';
import { GeminiEmbeddingModel, geminiModelName } from './gemini-embedding-model.js';
import { findGeminiModelMetadata } from './gemini-model-metadata.js';
import type { GeminiRequest } from './gemini-wire.js';
import { sendGooglePassthrough } from './send-google-passthrough.js';

export interface GeminiProviderParts {
  name: string;
  client: GeminiClient;
  endpoint: GeminiApiKeyEndpoint;
  fetchMedia: GeminiMediaFetcher;
  pools: HttpPools;
  ownsPools: boolean;
  apiKeySetting: string;
}

/** Pages of `GET /models` read at most (Google lists a few dozen models per page of 1000). */
const maximumModelPages = 10;

/** The Gemini API's `countTokens` takes the generate body as `generateContentRequest`, with the model named. */
export function geminiCountTokensBody(request: GeminiRequest, modelId: string): Record<string, unknown> {
  return { generateContentRequest: { model: geminiModelName(modelId), ...request } };
}

/** A Gemini Developer API instance: chat (with token counting), embeddings, `GET /models`, health, metadata. */
export class GeminiProvider implements ProviderV1 {
  readonly specificationVersion = 'v1';
  readonly name: string;

  constructor(private readonly parts: GeminiProviderParts) {
    this.name = parts.name;
  }

  chat(modelId: string): ChatModelV1 {
    return new GeminiChatModel(modelId, {
      client: this.parts.client,
      fetchMedia: this.parts.fetchMedia,
      filesBaseURL: defaultGeminiBaseURL,
      countTokensBody: geminiCountTokensBody,
    });
  }

  /**
   * A native request under the API root, version included as Google's SDKs send it
   * (`/v1beta/models/gemini-2.5-flash:generateContent`), as it is, with `x-goog-api-key`.
   */
  async passthrough(request: PassthroughRequestV1, options: CallOptions): Promise<PassthroughResponseV1> {
    return sendGooglePassthrough(this.parts.endpoint, this.parts.pools, this.name, request, options);
  }

  embeddings(modelId: string): EmbeddingModelV1 {
    return new GeminiEmbeddingModel(modelId, this.parts.client);
  }

  async listModels(options: CallOptions): Promise<ModelInfoV1[]> {
    const models: ModelInfoV1[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < maximumModelPages; page += 1) {
      const query = `pageSize=1000${pageToken === undefined ? '' : `&pageToken=${encodeURIComponent(pageToken)}`}`;
      const { value } = await this.parts.client.json({ url: `${this.parts.endpoint.baseURL}/models?${query}`, call: options });
      const list = (value as { models?: unknown; nextPageToken?: unknown } | null) ?? {};
      if (!Array.isArray(list.models))
        throw this.parts.client.malformed(`a model list without models: ${JSON.stringify(value).slice(0, 200)}`, undefined);
      for (const entry of list.models as Array<{ name?: unknown }>) {
        if (typeof entry?.name === 'string') models.push({ id: entry.name.replace(/^models\//, ''), ownedBy: 'google' });
      }
      if (typeof list.nextPageToken !== 'string' || list.nextPageToken === '') break;
      pageToken = list.nextPageToken;
    }
    return models;
  }

  /** Healthy when `GET /models` answers with the key; never throws, except for an abort. */
  async checkHealth(options: CallOptions): Promise<HealthStatusV1> {
    const started = performance.now();
    try {
      await this.parts.client.json({ url: `${this.parts.endpoint.baseURL}/models?pageSize=1`, call: options });
      return { healthy: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      if ((options.abort ?? options.signal)?.aborted) throw error;
      return { healthy: false, latencyMs: Math.round(performance.now() - started), message: (error as Error).message };
    }
  }

  modelMetadata(modelId: string): ModelMetadataV1 | undefined {
    return findGeminiModelMetadata(modelId);
  }

  describeCredentials(): CredentialStateV1 {
    return {
      state: this.parts.endpoint.apiKey() === undefined ? 'missing' : 'set',
      environmentVariable: geminiKeyVariables[0],
      setting: this.parts.apiKeySetting,
    };
  }

  async close(): Promise<void> {
    if (this.parts.ownsPools) await this.parts.pools.close();
  }
}

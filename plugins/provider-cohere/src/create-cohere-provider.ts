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
  RerankModelV1,
} from '@modelgate/core';
import { allowsEnvironmentFallback, HttpPools, type UpstreamLimits } from '@modelgate/plugin-kit';
import { CohereChatModel } from './cohere-chat-model.js';
import { abortOf, CohereClient } from './cohere-client.js';
import { CohereEmbeddingModel } from './cohere-embedding-model.js';
import { cohereModelMetadata } from './cohere-model-metadata.js';
import { CohereRerankModel } from './cohere-rerank-model.js';

export const defaultCohereBaseURL = 'https://api.cohere.com';

export interface CohereProviderSettings {
  /** The instance name (default `cohere`); used in errors and as the models' `provider`. */
  name?: string;
  /** The key; by default read at call time from `CO_API_KEY`, then `COHERE_API_KEY`. */
  apiKey?: string;
  /** Default `https://api.cohere.com` (paths add `/v2/chat`, `/v2/embed`, `/v2/rerank`, `/v1/models`). */
  baseURL?: string;
  /** Sent as `X-Client-Name`. */
  clientName?: string;
  headers?: Record<string, string>;
  /**
   * Whether `CO_API_KEY` / `COHERE_API_KEY` may supply a missing key. By default only when calls go to
   * Cohere's own host: a Cohere key never goes to another `baseURL` unless this is set.
   */
  environmentFallback?: boolean;
  /** Where environment variables are read from, at call time; defaults to `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Response size cap and idle timeout of upstream calls. */
  limits?: UpstreamLimits;
  /** Where these settings sit in the config, for error messages. Default `providers.<name>`. */
  settingsPath?: string;
}

interface CohereModelEntry {
  name?: unknown;
}

/** A Cohere provider instance: chat, embeddings, rerank, the model list, a health check and model facts. */
export class CohereProvider implements ProviderV1 {
  readonly specificationVersion = 'v1';
  readonly name: string;
  private readonly client: CohereClient;
  private readonly pools: HttpPools;

  constructor(settings: CohereProviderSettings = {}) {
    this.name = settings.name ?? 'cohere';
    const baseURL = (settings.baseURL ?? defaultCohereBaseURL).replace(/\/+$/, '').replace(/\/v[12]$/, '');
    const idleTimeoutMs = settings.limits?.idleTimeoutMs;
    this.pools = new HttpPools(idleTimeoutMs === undefined ? {} : { bodyTimeout: idleTimeoutMs });
    this.client = new CohereClient(
      {
        name: this.name,
        baseURL,
        apiKey: settings.apiKey,
        environmentFallback: settings.environmentFallback ?? allowsEnvironmentFallback(settings.baseURL, defaultCohereBaseURL),
        environment: settings.environment,
        setting: `${settings.settingsPath ?? `providers.${this.name}`}.api_key`,
        clientName: settings.clientName,
        headers: settings.headers,
        limits: settings.limits,
      },
      this.pools,
    );
  }

  chat(modelId: string): ChatModelV1 {
    return new CohereChatModel(modelId, this.client, cohereModelMetadata(modelId));
  }

  embeddings(modelId: string): EmbeddingModelV1 {
    return new CohereEmbeddingModel(modelId, this.client);
  }

  rerank(modelId: string): RerankModelV1 {
    return new CohereRerankModel(modelId, this.client);
  }

  /** A native request under the API root, version included (`/v2/chat`, `/v1/models`), as it is, with the key as Bearer. */
  passthrough(request: PassthroughRequestV1, options: CallOptions): Promise<PassthroughResponseV1> {
    return this.client.passthrough(request, options);
  }

  modelMetadata(modelId: string): ModelMetadataV1 | undefined {
    return cohereModelMetadata(modelId);
  }

  /** `GET /v1/models` (Cohere lists models under v1 only), every page. */
  async listModels(options: CallOptions): Promise<ModelInfoV1[]> {
    const models: ModelInfoV1[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const query = `page_size=1000${pageToken === undefined ? '' : `&page_token=${encodeURIComponent(pageToken)}`}`;
      const response = await this.client.send({ path: `/v1/models?${query}`, call: options });
      const answer = await this.client.readJson(response, undefined, options);
      if (!Array.isArray(answer.models))
        throw this.client.malformed(`a model list without models: ${JSON.stringify(answer).slice(0, 200)}`, undefined);
      for (const entry of answer.models as CohereModelEntry[]) {
        if (typeof entry?.name === 'string') models.push({ id: entry.name, ownedBy: 'cohere' });
      }
      pageToken = typeof answer.next_page_token === 'string' && answer.next_page_token !== '' ? answer.next_page_token : undefined;
      if (pageToken === undefined) break;
    }
    return models;
  }

  /** Healthy when the model list answers; never throws, except for an abort. */
  async checkHealth(options: CallOptions): Promise<HealthStatusV1> {
    const started = performance.now();
    try {
      await this.listModels(options);
      return { healthy: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (abortOf(options)?.aborted) throw error;
      return { healthy: false, latencyMs: Math.round(performance.now() - started), message: (error as Error).message };
    }
  }

  describeCredentials(): CredentialStateV1 {
    return this.client.describeCredentials();
  }

  async close(): Promise<void> {
    await this.pools.close();
  }
}

/** Creates a Cohere provider. Nothing is read from the environment and nothing is connected here. */
export function createCohereProvider(settings: CohereProviderSettings = {}): CohereProvider {
  return new CohereProvider(settings);
}

import type {
  CallOptions,
  ChatModelV1,
  CredentialStateV1,
  HealthStatusV1,
  ModelInfoV1,
  ModelMetadataV1,
  PassthroughRequestV1,
  PassthroughResponseV1,
  ProviderV1,
} from '@modelgate/core';
import { abortOf, HttpPools, sendPassthrough } from '@modelgate/plugin-kit';
import { AnthropicChatModel } from './anthropic-chat-model.js';
import { AnthropicClient, type AnthropicClientSettings } from './anthropic-client.js';
import { findAnthropicModelMetadata } from './anthropic-model-metadata.js';

export interface AnthropicProviderSettings extends AnthropicClientSettings {
  defaultMaxTokens?: number;
  /** Shared connection pools; by default the provider creates its own and closes them in `close()`. */
  pools?: HttpPools;
}

/** Pages of `GET /v1/models` read at most (1000 models a page). */
const maximumModelPages = 10;

function present(value: string | undefined): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * One Anthropic provider instance: Claude chat models (canonical, native and token counting), the model
 * list, a health check, credentials and published model facts. Nothing is read or connected at
 * construction; the key is read on each call.
 */
export class AnthropicProvider implements ProviderV1 {
  readonly specificationVersion = 'v1';
  readonly name: string;
  private readonly client: AnthropicClient;
  private readonly pools: HttpPools;
  private readonly ownsPools: boolean;

  constructor(private readonly settings: AnthropicProviderSettings) {
    this.name = settings.name;
    this.ownsPools = settings.pools === undefined;
    const idleTimeoutMs = settings.limits?.idleTimeoutMs;
    this.pools = settings.pools ?? new HttpPools(idleTimeoutMs === undefined ? {} : { bodyTimeout: idleTimeoutMs });
    this.client = new AnthropicClient(settings, this.pools);
  }

  chat(modelId: string): ChatModelV1 {
    return new AnthropicChatModel(
      modelId,
      this.client,
      this.settings.defaultMaxTokens === undefined ? {} : { defaultMaxTokens: this.settings.defaultMaxTokens },
    );
  }

  /**
   * A native request under the API root (`/v1/messages`) as it is, with `x-api-key`; the configured
   * `anthropic-version` is sent unless the caller chose one (its SDK always does).
   */
  async passthrough(request: PassthroughRequestV1, options: CallOptions): Promise<PassthroughResponseV1> {
    const headers = this.client.headers(
      { ...options, headers: request.headers },
      request.headers.accept ?? '*/*',
      request.body !== undefined,
    );
    const version = request.headers['anthropic-version'];
    if (version !== undefined) headers['anthropic-version'] = version;
    return sendPassthrough(this.pools, request, { provider: this.name, baseURL: this.settings.baseURL, headers, call: options });
  }

  modelMetadata(modelId: string): ModelMetadataV1 | undefined {
    return findAnthropicModelMetadata(modelId);
  }

  /** `GET /v1/models`, following `has_more` pages. */
  async listModels(options: CallOptions): Promise<ModelInfoV1[]> {
    const models: ModelInfoV1[] = [];
    let after: string | undefined;
    for (let page = 0; page < maximumModelPages; page += 1) {
      const query = after === undefined ? '?limit=1000' : `?limit=1000&after_id=${encodeURIComponent(after)}`;
      const value = await this.listPage(`/v1/models${query}`, options);
      for (const entry of value.data) {
        if (typeof entry !== 'object' || entry === null) continue;
        const { id, created_at: createdAt } = entry as { id?: unknown; created_at?: unknown };
        if (typeof id !== 'string') continue;
        const created = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
        models.push({ id, ownedBy: 'anthropic', ...(Number.isNaN(created) ? {} : { created: Math.floor(created / 1000) }) });
      }
      if (value.has_more !== true || typeof value.last_id !== 'string') break;
      after = value.last_id;
    }
    return models;
  }

  /** Healthy when `GET /v1/models` answers; never throws, except for an abort. */
  async checkHealth(options: CallOptions): Promise<HealthStatusV1> {
    const started = performance.now();
    try {
      await this.listPage('/v1/models?limit=1', options);
      return { healthy: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (abortOf(options)?.aborted) throw error;
      return { healthy: false, latencyMs: Math.round(performance.now() - started), message: (error as Error).message };
    }
  }

  describeCredentials(): CredentialStateV1 {
    const environmentVariable = this.settings.apiKeyEnvironmentVariable;
    const named = { ...(environmentVariable === undefined ? {} : { environmentVariable }), setting: this.settings.apiKeySetting };
    const environment = this.settings.environment ?? process.env;
    const set = present(this.settings.apiKey) || (environmentVariable !== undefined && present(environment[environmentVariable]));
    return { state: set ? 'set' : 'missing', ...named };
  }

  async close(): Promise<void> {
    if (this.ownsPools) await this.pools.close();
  }

  private async listPage(path: string, options: CallOptions): Promise<{ data: unknown[]; has_more?: unknown; last_id?: unknown }> {
    const response = await this.client.send({ path, method: 'GET', call: options });
    const text = await this.client.readText(response, undefined, abortOf(options));
    const value = this.client.parseJson(text, undefined) as { data?: unknown; has_more?: unknown; last_id?: unknown } | null;
    if (!Array.isArray(value?.data)) throw this.client.malformed(`a model list without data: ${text.slice(0, 200)}`, undefined);
    return value as { data: unknown[]; has_more?: unknown; last_id?: unknown };
  }
}

import type {
  CallOptions,
  ChatModelV1,
  CredentialStateV1,
  EmbeddingModelV1,
  HealthStatusV1,
  ImageModelV1,
  ModelInfoV1,
  ModelMetadataV1,
  ModerationModelV1,
  PassthroughRequestV1,
  PassthroughResponseV1,
  ProviderV1,
  SpeechModelV1,
  TranscriptionModelV1,
} from '@modelgate/core';
import { findModelMetadata } from '../find-model-metadata.js';
import { HttpPools } from '../http-pools.js';
import { sendPassthrough } from '../send-passthrough.js';
import { OpenAICompatibleChatModel } from './openai-compatible-chat-model.js';
import { describeOpenAICompatibleCredentials } from './describe-openai-compatible-credentials.js';
import { abortOf, OpenAICompatibleClient } from './openai-compatible-client.js';
import { OpenAICompatibleEmbeddingModel } from './openai-compatible-embedding-model.js';
import { OpenAICompatibleImageModel } from './openai-compatible-image-model.js';
import { OpenAICompatibleModerationModel } from './openai-compatible-moderation-model.js';
import type { OpenAICompatibleProviderSettings } from './openai-compatible-settings.js';
import { OpenAICompatibleSpeechModel } from './openai-compatible-speech-model.js';
import { OpenAICompatibleTranscriptionModel } from './openai-compatible-transcription-model.js';
import { ModelCache } from '../model-cache.js';

/**
 * A provider instance for any OpenAI-compatible host: chat, embeddings, `GET /models` and a health
 * check. Nothing is read or connected at construction; the key is read on each call.
 */
export class OpenAICompatibleProvider implements ProviderV1 {
  /** The chat models made so far, one per model id (they hold no state of their own). */
  protected readonly chatModels = new ModelCache<ChatModelV1>();
  readonly specificationVersion = 'v1';
  readonly name: string;
  /** The HTTP side, for hosts that build on this provider with models of their own. */
  protected readonly client: OpenAICompatibleClient;
  private readonly pools: HttpPools;
  private readonly ownsPools: boolean;
  private readonly settings: OpenAICompatibleProviderSettings;
  /** Declared only when the host serves the endpoint (`abilities`): the gateway never guesses. */
  readonly images?: (modelId: string) => ImageModelV1;
  readonly speech?: (modelId: string) => SpeechModelV1;
  readonly transcriptions?: (modelId: string) => TranscriptionModelV1;
  readonly moderations?: (modelId: string) => ModerationModelV1;

  constructor(settings: OpenAICompatibleProviderSettings) {
    this.name = settings.name;
    this.settings = settings;
    this.ownsPools = settings.pools === undefined;
    const idleTimeoutMs = settings.limits?.idleTimeoutMs;
    this.pools = settings.pools ?? new HttpPools(idleTimeoutMs === undefined ? {} : { bodyTimeout: idleTimeoutMs });
    this.client = new OpenAICompatibleClient(settings, this.pools);
    const { abilities } = this.client;
    if (abilities.has('images')) this.images = (modelId) => new OpenAICompatibleImageModel(modelId, this.client);
    if (abilities.has('speech')) this.speech = (modelId) => new OpenAICompatibleSpeechModel(modelId, this.client);
    if (abilities.has('transcriptions')) this.transcriptions = (modelId) => new OpenAICompatibleTranscriptionModel(modelId, this.client);
    if (abilities.has('moderations')) this.moderations = (modelId) => new OpenAICompatibleModerationModel(modelId, this.client);
  }

  chat(modelId: string): ChatModelV1 {
    return this.chatModels.get(modelId, (id) => new OpenAICompatibleChatModel(id, this.client));
  }

  embeddings(modelId: string): EmbeddingModelV1 {
    return new OpenAICompatibleEmbeddingModel(modelId, this.client);
  }

  /** A native request to the host as it is, under the base URL (`/chat/completions`), with the instance's credential header. */
  async passthrough(request: PassthroughRequestV1, options: CallOptions): Promise<PassthroughResponseV1> {
    const call = { ...options, headers: request.headers };
    const headers = this.client.headers(
      call,
      request.headers.accept ?? '*/*',
      request.body !== undefined,
      request.headers['content-type'] ?? 'application/json',
    );
    return sendPassthrough(this.pools, request, { provider: this.name, baseURL: this.settings.baseURL, headers, call: options });
  }

  modelMetadata(modelId: string): ModelMetadataV1 | undefined {
    const { models } = this.settings;
    return models === undefined ? undefined : findModelMetadata(models, modelId);
  }

  async listModels(options: CallOptions): Promise<ModelInfoV1[]> {
    const response = await this.client.send({ path: '/models', method: 'GET', call: options });
    const value = await this.client.readJson(response, undefined, abortOf(options));
    const data = (value as { data?: unknown } | null)?.data ?? (value as { models?: unknown } | null)?.models;
    if (!Array.isArray(data)) throw this.client.malformed(`a model list without data: ${JSON.stringify(value).slice(0, 200)}`, undefined);
    const models: ModelInfoV1[] = [];
    for (const entry of data as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const { id, owned_by: ownedBy, created } = entry as { id?: unknown; owned_by?: unknown; created?: unknown };
      if (typeof id !== 'string') continue;
      models.push({
        id,
        ...(typeof ownedBy === 'string' ? { ownedBy } : {}),
        ...(typeof created === 'number' ? { created } : {}),
      });
    }
    return models;
  }

  /** Healthy when `GET /models` answers; never throws, except for an abort. */
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
    return describeOpenAICompatibleCredentials(this.settings);
  }

  async close(): Promise<void> {
    if (this.ownsPools) await this.pools.close();
  }
}

import type {
  CallOptions,
  ChatModelV1,
  CredentialStateV1,
  EmbeddingModelV1,
  HealthStatusV1,
  ModelMetadataV1,
  PassthroughRequestV1,
  PassthroughResponseV1,
  ProviderV1,
} from '@modelgate/core';
import type { HttpPools } from '@modelgate/plugin-kit';
import {
  defaultGeminiBaseURL,
  findGeminiModelMetadata,
  GeminiChatModel,
  type GeminiClient,
  type GeminiMediaFetcher,
  sendGooglePassthrough,
  type GeminiRequest,
} from '@modelgate/provider-gemini';
import { VertexEmbeddingModel } from './vertex-embedding-model.js';
import { credentialsVariable, type VertexEndpoint } from './vertex-endpoint.js';

export interface VertexProviderParts {
  name: string;
  client: GeminiClient;
  endpoint: VertexEndpoint;
  fetchMedia: GeminiMediaFetcher;
  pools: HttpPools;
  ownsPools: boolean;
  settingsPath: string;
}

/** Vertex AI's `countTokens` takes the request's fields themselves (and not `toolConfig`, `safetySettings` or `labels`). */
export function vertexCountTokensBody(request: GeminiRequest): Record<string, unknown> {
  return {
    contents: request.contents,
    ...(request.systemInstruction === undefined ? {} : { systemInstruction: request.systemInstruction }),
    ...(request.tools === undefined ? {} : { tools: request.tools }),
    ...(request.generationConfig === undefined ? {} : { generationConfig: request.generationConfig }),
  };
}

/** A Vertex AI instance for Google's Gemini models: chat (with token counting), text embeddings, health and metadata. */
export class VertexProvider implements ProviderV1 {
  readonly specificationVersion = 'v1';
  readonly name: string;

  constructor(private readonly parts: VertexProviderParts) {
    this.name = parts.name;
  }

  chat(modelId: string): ChatModelV1 {
    return new GeminiChatModel(modelId, {
      client: this.parts.client,
      fetchMedia: this.parts.fetchMedia,
      filesBaseURL: defaultGeminiBaseURL,
      metadataAsLabels: true,
      countTokensBody: vertexCountTokensBody,
    });
  }

  embeddings(modelId: string): EmbeddingModelV1 {
    return new VertexEmbeddingModel(modelId, this.parts.client);
  }

  /**
   * A native request under the API root, version included as Google's SDKs send it
   * (`/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent`), as it is,
   * with the service account's access token as Bearer.
   */
  async passthrough(request: PassthroughRequestV1, options: CallOptions): Promise<PassthroughResponseV1> {
    return sendGooglePassthrough(this.parts.endpoint, this.parts.pools, this.name, request, options);
  }

  /** Healthy when the service account gets an access token; never throws, except for an abort. */
  async checkHealth(options: CallOptions): Promise<HealthStatusV1> {
    const started = performance.now();
    try {
      await this.parts.endpoint.tokens.token();
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
      state: this.parts.endpoint.hasCredentials() ? 'set' : 'missing',
      environmentVariable: credentialsVariable,
      setting: `${this.parts.settingsPath}.credentials_file`,
    };
  }

  async close(): Promise<void> {
    if (this.parts.ownsPools) await this.parts.pools.close();
  }
}

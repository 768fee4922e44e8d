import type { CallOptions, EmbeddingModelV1, EmbeddingRequest, EmbeddingResponse, UpstreamMetadata } from '@modelgate/core';
import { abortOf, type OpenAICompatibleClient } from './openai-compatible-client.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';

/** Embeddings against an OpenAI-compatible host: `POST {baseURL}/embeddings`. */
export class OpenAICompatibleEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async embed(request: EmbeddingRequest, options: CallOptions): Promise<{ response: EmbeddingResponse; upstream?: UpstreamMetadata }> {
    const body = JSON.stringify({ ...request, model: this.modelId });
    const response = await this.client.send({ path: '/embeddings', body, model: this.modelId, call: options });
    const value = await this.client.readJson(response, this.modelId, abortOf(options));
    if (typeof value !== 'object' || value === null || !Array.isArray((value as { data?: unknown }).data)) {
      throw this.client.malformed(`an embedding answer without data: ${JSON.stringify(value).slice(0, 200)}`, this.modelId);
    }
    const embeddings = value as EmbeddingResponse;
    embeddings.object = 'list';
    if (typeof embeddings.model !== 'string') embeddings.model = this.modelId;
    const usage = embeddings.usage as Partial<EmbeddingResponse['usage']> | undefined;
    const promptTokens = typeof usage?.prompt_tokens === 'number' ? usage.prompt_tokens : 0;
    embeddings.usage = { ...usage, prompt_tokens: promptTokens, total_tokens: typeof usage?.total_tokens === 'number' ? usage.total_tokens : promptTokens };
    return { response: embeddings, upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) } };
  }
}

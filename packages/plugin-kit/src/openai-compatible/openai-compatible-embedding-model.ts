import type { CallOptions, EmbeddingModelV1, EmbeddingRequestV1, EmbeddingResultV1 } from '@modelgate/core';
import { abortOf, type OpenAICompatibleClient } from './openai-compatible-client.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Embeddings against an OpenAI-compatible host: `POST {baseURL}/embeddings`, asked for as floats. */
export class OpenAICompatibleEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async embed(request: EmbeddingRequestV1, options: CallOptions): Promise<EmbeddingResultV1> {
    const input = request.values.length === 1 ? request.values[0] : request.values;
    const wire: Record<string, unknown> = {
      ...request.providerOptions?.openai,
      ...request.providerOptions?.[this.provider],
      model: this.modelId,
      input,
      encoding_format: 'float',
    };
    if (request.dimensions !== undefined) wire.dimensions = request.dimensions;
    if (request.user !== undefined) wire.user = request.user;
    const response = await this.client.send({ path: '/embeddings', body: JSON.stringify(wire), model: this.modelId, call: options });
    const value = (await this.client.readJson(response, this.modelId, abortOf(options))) as {
      data?: unknown;
      model?: unknown;
      usage?: { prompt_tokens?: unknown };
    } | null;
    const data = value?.data;
    if (!Array.isArray(data)) {
      throw this.client.malformed(`an embedding answer without data: ${JSON.stringify(value).slice(0, 200)}`, this.modelId);
    }
    const embeddings: number[][] = new Array(data.length);
    data.forEach((item: { index?: unknown; embedding?: unknown }, position) => {
      const index = typeof item.index === 'number' ? item.index : position;
      if (!Array.isArray(item.embedding))
        throw this.client.malformed(`an embedding that is not a list of numbers at index ${index}`, this.modelId);
      embeddings[index] = item.embedding as number[];
    });
    const inputTokens = count(value?.usage?.prompt_tokens);
    return {
      response: {
        embeddings,
        ...(inputTokens === undefined ? {} : { usage: { inputTokens } }),
        ...(typeof value?.model === 'string' ? { model: value.model } : {}),
      },
      upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) },
    };
  }
}

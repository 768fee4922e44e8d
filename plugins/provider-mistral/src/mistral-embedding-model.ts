import type { CallOptions, EmbeddingModelV1, EmbeddingRequestV1, EmbeddingResultV1 } from '@modelgate/core';
import { abortOf, pickUpstreamHeaders, type OpenAICompatibleClient } from '@modelgate/plugin-kit';

/**
 * Mistral's embeddings (`mistral-embed`, `codestral-embed`): `POST /embeddings` with `input` and, for
 * a requested size, `output_dimension` (Codestral Embed takes it; `mistral-embed` is 1024 wide).
 * Mistral has no end-user field: `user` is not sent (logged once).
 */
export class MistralEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async embed(request: EmbeddingRequestV1, options: CallOptions): Promise<EmbeddingResultV1> {
    const wire: Record<string, unknown> = { model: this.modelId, input: request.values };
    if (request.dimensions !== undefined) wire.output_dimension = request.dimensions;
    if (request.user !== undefined) this.client.reportDropped(['user']);
    Object.assign(wire, request.providerOptions?.mistral);
    const response = await this.client.send({ path: '/embeddings', body: JSON.stringify(wire), model: this.modelId, call: options });
    const value = (await this.client.readJson(response, this.modelId, abortOf(options))) as {
      data?: unknown;
      model?: unknown;
      usage?: { prompt_tokens?: unknown };
    } | null;
    if (!Array.isArray(value?.data)) {
      throw this.client.malformed(`an embedding answer without data: ${JSON.stringify(value).slice(0, 200)}`, this.modelId);
    }
    const embeddings: number[][] = new Array(value.data.length);
    value.data.forEach((item: { index?: unknown; embedding?: unknown }, position) => {
      const index = typeof item.index === 'number' ? item.index : position;
      if (!Array.isArray(item.embedding))
        throw this.client.malformed(`an embedding that is not a list of numbers at index ${index}`, this.modelId);
      embeddings[index] = item.embedding as number[];
    });
    const tokens = value.usage?.prompt_tokens;
    return {
      response: {
        embeddings,
        ...(typeof tokens === 'number' ? { usage: { inputTokens: tokens } } : {}),
        ...(typeof value.model === 'string' ? { model: value.model } : {}),
      },
      upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) },
    };
  }
}

import type { CallOptions, EmbeddingModelV1, EmbeddingRequestV1, EmbeddingResultV1 } from '@modelgate/core';
import { pickUpstreamHeaders } from '@modelgate/plugin-kit';
import { embeddingTexts, googleOptionsKey, type GeminiClient } from '@modelgate/provider-gemini';

/** `gemini-embedding-001` takes one instance per `:predict` call on Vertex AI; the text-embedding models up to 250. */
function batchSize(modelId: string): number {
  return /gemini-embedding/.test(modelId) ? 1 : 250;
}

interface Prediction {
  embeddings?: { values?: unknown; statistics?: { token_count?: unknown } };
}

/**
 * Embeddings on Vertex AI's `:predict`: `{instances:[{content}], parameters:{outputDimensionality}}` →
 * `{predictions:[{embeddings:{values, statistics:{token_count}}}]}`, in batches the model accepts.
 * `providerOptions.google` may add `task_type` and `title` to each instance and `autoTruncate` to the parameters.
 */
export class VertexEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: GeminiClient,
  ) {
    this.provider = client.provider;
  }

  async embed(request: EmbeddingRequestV1, options: CallOptions): Promise<EmbeddingResultV1> {
    const texts = embeddingTexts(request);
    const google = { ...request.providerOptions?.[googleOptionsKey], ...request.providerOptions?.[this.provider] };
    const instanceOptions = {
      ...(typeof google.task_type === 'string' ? { task_type: google.task_type } : {}),
      ...(typeof google.title === 'string' ? { title: google.title } : {}),
    };
    const parameters = {
      ...(request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions }),
      ...(typeof google.autoTruncate === 'boolean' ? { autoTruncate: google.autoTruncate } : {}),
    };
    const embeddings: number[][] = [];
    let inputTokens = 0;
    let counted = false;
    let upstream: EmbeddingResultV1['upstream'];
    const size = batchSize(this.modelId);
    for (let start = 0; start < texts.length; start += size) {
      const batch = texts.slice(start, start + size);
      const { value, response } = await this.client.json({
        url: this.client.endpoint.modelURL(this.modelId, 'predict'),
        body: JSON.stringify({
          instances: batch.map((content) => ({ content, ...instanceOptions })),
          ...(Object.keys(parameters).length === 0 ? {} : { parameters }),
        }),
        model: this.modelId,
        call: options,
      });
      upstream = { status: response.status, headers: pickUpstreamHeaders(response.headers) };
      const predictions = (value as { predictions?: unknown } | null)?.predictions;
      if (!Array.isArray(predictions) || predictions.length !== batch.length) {
        throw this.client.malformed(
          `a prediction answer that does not hold ${batch.length} embeddings: ${JSON.stringify(value).slice(0, 200)}`,
          this.modelId,
        );
      }
      for (const prediction of predictions as Prediction[]) {
        const values = prediction?.embeddings?.values;
        if (!Array.isArray(values)) throw this.client.malformed('a prediction without embeddings.values', this.modelId);
        embeddings.push(values as number[]);
        const tokens = prediction.embeddings?.statistics?.token_count;
        if (typeof tokens === 'number') {
          inputTokens += tokens;
          counted = true;
        }
      }
    }
    return {
      response: { embeddings, model: this.modelId, ...(counted ? { usage: { inputTokens } } : {}) },
      ...(upstream === undefined ? {} : { upstream }),
    };
  }
}

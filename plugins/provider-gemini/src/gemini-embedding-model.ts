import {
  InvalidRequestError,
  type CallOptions,
  type EmbeddingModelV1,
  type EmbeddingRequestV1,
  type EmbeddingResultV1,
} from '@modelgate/core';
import { pickUpstreamHeaders } from '@modelgate/plugin-kit';
import type { GeminiClient } from './gemini-client.js';
import { googleOptionsOf } from './gemini-provider-options.js';

/** `models/<id>` as the Gemini API names a model inside a request body. */
export function geminiModelName(modelId: string): string {
  return modelId.includes('/') ? modelId : `models/${modelId}`;
}

/** The values of an embedding request as texts; Google embeds text only. */
export function embeddingTexts(request: EmbeddingRequestV1): string[] {
  return request.values.map((value, index) => {
    if (typeof value !== 'string') {
      throw new InvalidRequestError(`values[${index}]: Google embedding models take text, not token arrays.`, {
        param: `values[${index}]`,
      });
    }
    return value;
  });
}

function vectorOf(value: unknown): number[] | undefined {
  const values = (value as { values?: unknown } | null)?.values;
  return Array.isArray(values) && values.every((item) => typeof item === 'number') ? (values as number[]) : undefined;
}

/**
 * Embeddings on the Gemini API: one value goes to `:embedContent`, several to `:batchEmbedContents`
 * (one request per value, in order). `dimensions` is `outputDimensionality`; `providerOptions.google`
 * may add `taskType` and `title`.
 */
export class GeminiEmbeddingModel implements EmbeddingModelV1 {
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
    const google = googleOptionsOf(request.providerOptions, this.provider);
    const common = {
      ...google,
      ...(request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions }),
    };
    const single = texts.length === 1;
    const body = single
      ? { ...common, content: { parts: [{ text: texts[0] }] } }
      : { requests: texts.map((text) => ({ model: geminiModelName(this.modelId), ...common, content: { parts: [{ text }] } })) };
    const { value, response } = await this.client.json({
      url: this.client.endpoint.modelURL(this.modelId, single ? 'embedContent' : 'batchEmbedContents'),
      body: JSON.stringify(body),
      model: this.modelId,
      call: options,
    });
    const answer = value as { embedding?: unknown; embeddings?: unknown } | null;
    const raw = single ? [answer?.embedding] : Array.isArray(answer?.embeddings) ? answer.embeddings : [];
    const embeddings = raw.map(vectorOf);
    if (embeddings.length !== texts.length || embeddings.some((vector) => vector === undefined)) {
      throw this.client.malformed(
        `an embedding answer that does not hold ${texts.length} vectors: ${JSON.stringify(value).slice(0, 200)}`,
        this.modelId,
      );
    }
    return {
      response: { embeddings: embeddings as number[][], model: this.modelId },
      upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) },
    };
  }
}

import {
  UnsupportedError,
  type CallOptions,
  type EmbeddingModelV1,
  type EmbeddingRequestV1,
  type EmbeddingResultV1,
} from '@modelgate/core';
import { pickCohereHeaders, type CohereClient } from './cohere-client.js';

/** What an embedding is for; Cohere's v3 and later models need it. */
export const cohereInputTypes = ['search_document', 'search_query', 'classification', 'clustering'] as const;
export const defaultCohereInputType = 'search_document';

function inputTypeOf(request: EmbeddingRequestV1, provider: string): string {
  // Extra fields of an OpenAI embeddings body land under `openai`: `input_type` is no OpenAI field, so a
  // client that sends it there (as LiteLLM-style clients do) means it for Cohere.
  for (const options of [request.providerOptions?.[provider], request.providerOptions?.cohere, request.providerOptions?.openai]) {
    const value = options?.input_type ?? options?.inputType;
    if (value === undefined) continue;
    if (typeof value !== 'string' || !(cohereInputTypes as readonly string[]).includes(value)) {
      throw new UnsupportedError(`input_type must be one of ${cohereInputTypes.join(', ')}.`, { param: 'input_type' });
    }
    return value;
  }
  return defaultCohereInputType;
}

/**
 * Embeddings against `POST /v2/embed`, asked for as floats. `input_type` comes from
 * `providerOptions.cohere.input_type` and defaults to `search_document` (what an embeddings call through an
 * OpenAI-shaped API most often does: index documents); queries should send `search_query`.
 */
export class CohereEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: CohereClient,
  ) {
    this.provider = client.provider;
  }

  async embed(request: EmbeddingRequestV1, options: CallOptions): Promise<EmbeddingResultV1> {
    if (request.values.some((value) => typeof value !== 'string')) {
      throw new UnsupportedError('Cohere embeds text, not token arrays.', { param: 'input' });
    }
    const extra = { ...request.providerOptions?.cohere, ...(this.provider === 'cohere' ? {} : request.providerOptions?.[this.provider]) };
    delete extra.input_type;
    delete extra.inputType;
    const body: Record<string, unknown> = {
      ...extra,
      model: this.modelId,
      texts: request.values,
      input_type: inputTypeOf(request, this.provider),
      embedding_types: ['float'],
    };
    if (request.dimensions !== undefined) body.output_dimension = request.dimensions;
    const response = await this.client.send({ path: '/v2/embed', body, model: this.modelId, call: options });
    const answer = await this.client.readJson(response, this.modelId, options);
    const floats = (answer.embeddings as { float?: unknown } | undefined)?.float;
    if (!Array.isArray(floats) || floats.length !== request.values.length || !floats.every(Array.isArray)) {
      throw this.client.malformed(
        `an embed answer without one float vector per text: ${JSON.stringify(answer).slice(0, 200)}`,
        this.modelId,
      );
    }
    const billed = (answer.meta as { billed_units?: { input_tokens?: unknown } } | undefined)?.billed_units?.input_tokens;
    return {
      response: {
        embeddings: floats as number[][],
        model: this.modelId,
        ...(typeof billed === 'number' ? { usage: { inputTokens: billed } } : {}),
      },
      upstream: { status: response.status, headers: pickCohereHeaders(response.headers) },
    };
  }
}

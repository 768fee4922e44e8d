import type { CallOptions, RerankModelV1, RerankRequestV1, RerankResultV1 } from '@modelgate/core';
import { pickCohereHeaders, type CohereClient } from './cohere-client.js';

/** Reranking against `POST /v2/rerank`; `providerOptions.cohere` adds wire fields (`priority`…). */
export class CohereRerankModel implements RerankModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: CohereClient,
  ) {
    this.provider = client.provider;
  }

  async rerank(request: RerankRequestV1, options: CallOptions): Promise<RerankResultV1> {
    const body: Record<string, unknown> = {
      ...request.providerOptions?.cohere,
      ...(this.provider === 'cohere' ? {} : request.providerOptions?.[this.provider]),
      model: this.modelId,
      query: request.query,
      documents: request.documents,
    };
    if (request.topN !== undefined) body.top_n = request.topN;
    if (request.maxTokensPerDocument !== undefined) body.max_tokens_per_doc = request.maxTokensPerDocument;
    const response = await this.client.send({ path: '/v2/rerank', body, model: this.modelId, call: options });
    const answer = await this.client.readJson(response, this.modelId, options);
    if (!Array.isArray(answer.results)) {
      throw this.client.malformed(`a rerank answer without results: ${JSON.stringify(answer).slice(0, 200)}`, this.modelId);
    }
    const results = (answer.results as { index?: unknown; relevance_score?: unknown }[]).map((result) => {
      if (typeof result.index !== 'number' || typeof result.relevance_score !== 'number' || result.index >= request.documents.length) {
        throw this.client.malformed(
          `a rerank result that is not {index, relevance_score}: ${JSON.stringify(result).slice(0, 200)}`,
          this.modelId,
        );
      }
      return { index: result.index, relevanceScore: result.relevance_score };
    });
    const billed = (answer.meta as { billed_units?: { search_units?: unknown } } | undefined)?.billed_units;
    return {
      response: {
        results: results.sort((left, right) => right.relevanceScore - left.relevanceScore),
        ...(typeof billed?.search_units === 'number' ? { usage: { searchUnits: billed.search_units } } : {}),
        metadata: { ...(typeof answer.id === 'string' ? { id: answer.id } : {}), model: this.modelId },
      },
      upstream: { status: response.status, headers: pickCohereHeaders(response.headers) },
    };
  }
}

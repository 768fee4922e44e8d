import type {
  CallOptions,
  ModerationModelV1,
  ModerationRequestV1,
  ModerationResponseV1,
  ModerationResultV1,
  UpstreamMetadata,
} from '@modelgate/core';
import { abortOf, type OpenAICompatibleClient } from './openai-compatible-client.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';

interface WireResult {
  flagged?: unknown;
  categories?: unknown;
  category_scores?: unknown;
  category_applied_input_types?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Moderation against an OpenAI-compatible host: `POST {baseURL}/moderations`. */
export class OpenAICompatibleModerationModel implements ModerationModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async moderate(
    request: ModerationRequestV1,
    options: CallOptions,
  ): Promise<{ response: ModerationResponseV1; upstream: UpstreamMetadata }> {
    // Separate texts are a list of strings (one result each); combined content is OpenAI's list of typed parts (one result).
    const input = request.combined
      ? request.inputs.map((part) =>
          part.type === 'text' ? { type: 'text', text: part.text } : { type: 'image_url', image_url: { url: part.url } },
        )
      : request.inputs.map((part) => (part.type === 'text' ? part.text : part.url));
    const wire = { ...request.providerOptions?.openai, ...request.providerOptions?.[this.provider], model: this.modelId, input };
    const response = await this.client.send({ path: '/moderations', body: JSON.stringify(wire), model: this.modelId, call: options });
    const value = (await this.client.readJson(response, this.modelId, abortOf(options))) as {
      id?: unknown;
      model?: unknown;
      results?: unknown;
    } | null;
    if (!Array.isArray(value?.results)) {
      throw this.client.malformed(`a moderation answer without results: ${JSON.stringify(value).slice(0, 200)}`, this.modelId);
    }
    const results = (value.results as WireResult[]).map((item): ModerationResultV1 => {
      const result: ModerationResultV1 = {
        flagged: item.flagged === true,
        categories: isRecord(item.categories) ? (item.categories as Record<string, boolean>) : {},
        categoryScores: isRecord(item.category_scores) ? (item.category_scores as Record<string, number>) : {},
      };
      if (isRecord(item.category_applied_input_types))
        result.categoryInputTypes = item.category_applied_input_types as Record<string, string[]>;
      return result;
    });
    return {
      response: {
        results,
        ...(typeof value.id === 'string' ? { id: value.id } : {}),
        ...(typeof value.model === 'string' ? { model: value.model } : {}),
      },
      upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) },
    };
  }
}

import type { CallOptions, GeneratedImageV1, ImageModelV1, ImageRequestV1, ImageResponseV1, UpstreamMetadata } from '@modelgate/core';
import { abortOf, type OpenAICompatibleClient } from './openai-compatible-client.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';

interface WireImage {
  url?: unknown;
  b64_json?: unknown;
  revised_prompt?: unknown;
}

/** Image generation against an OpenAI-compatible host: `POST {baseURL}/images/generations`. */
export class OpenAICompatibleImageModel implements ImageModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async generate(request: ImageRequestV1, options: CallOptions): Promise<{ response: ImageResponseV1; upstream: UpstreamMetadata }> {
    const wire: Record<string, unknown> = {
      ...request.providerOptions?.openai,
      ...request.providerOptions?.[this.provider],
      model: this.modelId,
    };
    wire.prompt = request.prompt;
    if (request.count !== undefined) wire.n = request.count;
    if (request.size !== undefined) wire.size = request.size;
    if (request.quality !== undefined) wire.quality = request.quality;
    if (request.style !== undefined) wire.style = request.style;
    if (request.delivery !== undefined) wire.response_format = request.delivery === 'url' ? 'url' : 'b64_json';
    if (request.user !== undefined) wire.user = request.user;
    const response = await this.client.send({
      path: '/images/generations',
      body: JSON.stringify(wire),
      model: this.modelId,
      call: options,
    });
    const value = (await this.client.readJson(response, this.modelId, abortOf(options))) as {
      created?: unknown;
      data?: unknown;
      output_format?: unknown;
      usage?: { input_tokens?: unknown; output_tokens?: unknown };
    } | null;
    if (!Array.isArray(value?.data)) {
      throw this.client.malformed(`an image answer without data: ${JSON.stringify(value).slice(0, 200)}`, this.modelId);
    }
    const mediaType = typeof value.output_format === 'string' ? `image/${value.output_format}` : undefined;
    const images = (value.data as WireImage[]).map((item): GeneratedImageV1 => {
      const image: GeneratedImageV1 = {};
      if (typeof item.url === 'string') image.url = item.url;
      if (typeof item.b64_json === 'string') {
        image.base64 = item.b64_json;
        if (mediaType !== undefined) image.mediaType = mediaType;
      }
      if (typeof item.revised_prompt === 'string') image.revisedPrompt = item.revised_prompt;
      return image;
    });
    const result: ImageResponseV1 = { images };
    if (typeof value.created === 'number') result.created = value.created;
    const { input_tokens: inputTokens, output_tokens: outputTokens } = value.usage ?? {};
    if (typeof inputTokens === 'number' && typeof outputTokens === 'number') result.usage = { inputTokens, outputTokens };
    return { response: result, upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) } };
  }
}

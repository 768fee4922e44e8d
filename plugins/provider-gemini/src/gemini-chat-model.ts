import type {
  CallOptions,
  ChatModelV1,
  ChatRequestV1,
  ChatResultV1,
  ChatStreamV1,
  TokenCountV1,
  UpstreamMetadata,
  WarningV1,
} from '@modelgate/core';
import { abortOf, pickUpstreamHeaders, refuseWarningsWhenStrict, type HttpResponse } from '@modelgate/plugin-kit';
import type { GeminiMediaFetcher } from './convert-gemini-media.js';
import { convertToGeminiRequest } from './convert-to-gemini-request.js';
import { createGeminiError } from './create-gemini-error.js';
import type { GeminiClient } from './gemini-client.js';
import type { GeminiRequest, GeminiResponse } from './gemini-wire.js';
import { parseGeminiResponse } from './parse-gemini-response.js';
import { readGeminiStream } from './read-gemini-stream.js';

export interface GeminiChatModelOptions {
  client: GeminiClient;
  fetchMedia: GeminiMediaFetcher;
  /** Where `file-id` sources point. */
  filesBaseURL: string;
  /** Vertex AI takes `metadata` as `labels`. */
  metadataAsLabels?: boolean;
  /** The `countTokens` body for a generate body: the Gemini API wraps it, Vertex AI takes its fields. */
  countTokensBody(request: GeminiRequest, modelId: string): Record<string, unknown>;
}

function isAnswer(value: unknown): value is GeminiResponse {
  return typeof value === 'object' && value !== null && ('candidates' in value || 'promptFeedback' in value || 'usageMetadata' in value);
}

function upstreamOf(response: HttpResponse): UpstreamMetadata {
  return { status: response.status, headers: pickUpstreamHeaders(response.headers) };
}

/** Chat on Google's `generateContent` / `streamGenerateContent?alt=sse` / `countTokens`, on the canonical model. */
export class GeminiChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly options: GeminiChatModelOptions,
  ) {
    this.provider = options.client.provider;
  }

  async generate(request: ChatRequestV1, options: CallOptions): Promise<ChatResultV1> {
    const warnings: WarningV1[] = [];
    const body = await this.convert(request, warnings);
    refuseWarningsWhenStrict(warnings, options);
    const client = this.options.client;
    const { value, response } = await client.json({
      url: client.endpoint.modelURL(this.modelId, 'generateContent'),
      body: JSON.stringify(body),
      model: this.modelId,
      call: options,
    });
    if (!isAnswer(value)) {
      throw createGeminiError({
        status: response.status,
        body: JSON.stringify(value),
        provider: this.provider,
        model: this.modelId,
        isRetryable: true,
      });
    }
    return { response: parseGeminiResponse(value, warnings), upstream: upstreamOf(response) };
  }

  async stream(request: ChatRequestV1, options: CallOptions): Promise<ChatStreamV1> {
    const warnings: WarningV1[] = [];
    const body = await this.convert(request, warnings);
    refuseWarningsWhenStrict(warnings, options);
    const client = this.options.client;
    const signal = abortOf(options);
    const response = await client.send({
      url: `${client.endpoint.modelURL(this.modelId, 'streamGenerateContent')}?alt=sse`,
      body: JSON.stringify(body),
      accept: 'text/event-stream',
      model: this.modelId,
      call: options,
    });
    if ((response.headers['content-type'] ?? '').includes('application/json')) {
      // Not a stream: an error answered with status 200, or a host that ignored alt=sse.
      const text = await client.readText(response, this.modelId, signal);
      throw createGeminiError({ status: response.status, body: text, provider: this.provider, model: this.modelId, isRetryable: true });
    }
    return {
      parts: readGeminiStream(response.body, {
        provider: this.provider,
        model: this.modelId,
        signal,
        includeRaw: options.includeRaw,
        warnings,
      }),
      upstream: upstreamOf(response),
    };
  }

  /** Google's own count of the request's input tokens (`:countTokens`). */
  async countTokens(request: ChatRequestV1, options: CallOptions): Promise<TokenCountV1> {
    const body = await this.convert(request, []);
    const client = this.options.client;
    const { value } = await client.json({
      url: client.endpoint.modelURL(this.modelId, 'countTokens'),
      body: JSON.stringify(this.options.countTokensBody(body, this.modelId)),
      model: this.modelId,
      call: options,
    });
    const total = (value as { totalTokens?: unknown } | null)?.totalTokens;
    if (typeof total !== 'number')
      throw client.malformed(`a token count without totalTokens: ${JSON.stringify(value).slice(0, 200)}`, this.modelId);
    return { inputTokens: total, source: 'provider' };
  }

  private convert(request: ChatRequestV1, warnings: WarningV1[]): Promise<GeminiRequest> {
    return convertToGeminiRequest(
      request,
      {
        provider: this.provider,
        modelId: this.modelId,
        fetchMedia: this.options.fetchMedia,
        filesBaseURL: this.options.filesBaseURL,
        ...(this.options.metadataAsLabels ? { metadataAsLabels: true } : {}),
      },
      warnings,
    );
  }
}

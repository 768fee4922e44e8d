import {
  openAIResponsesFormat,
  readOpenAIResponsesOutcome,
  type CallOptions,
  type NativeChatPathV1,
  type NativeChatRequestV1,
  type NativeChatResultV1,
  type NativeChatStreamV1,
} from '@modelgate/core';
import { abortOf, createUpstreamError, pickUpstreamHeaders, type HttpResponse, type OpenAICompatibleClient } from '@modelgate/plugin-kit';
import { readOpenAIResponsesStream } from './read-openai-responses-stream.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAI's Responses API forwarded as the client sent it: `POST {baseURL}/responses` with the
 * deployment's model and the provider's credentials; `stream` as the call asks. Only for OpenAI
 * itself (`type: openai`): the catalog hosts speak Chat Completions only.
 */
export class OpenAIResponsesNativePath implements NativeChatPathV1 {
  readonly format = openAIResponsesFormat;

  constructor(
    private readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {}

  async generate(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatResultV1> {
    const response = await this.client.send({ path: '/responses', body: this.prepare(request, false), model: this.modelId, call: options });
    const text = await this.client.readText(response, this.modelId, abortOf(options));
    const value = this.client.parseJson(text, this.modelId);
    if (!isRecord(value) || value['object'] !== 'response') {
      throw createUpstreamError({
        status: response.status,
        body: text,
        provider: this.client.provider,
        model: this.modelId,
        ...(isRecord(value) && 'error' in value ? {} : { isRetryable: true }),
      });
    }
    const outcome = readOpenAIResponsesOutcome(value);
    return { body: text, ...outcome, upstream: this.upstreamOf(response) };
  }

  async stream(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatStreamV1> {
    const response = await this.client.send({
      path: '/responses',
      body: this.prepare(request, true),
      accept: 'text/event-stream',
      model: this.modelId,
      call: options,
    });
    if ((response.headers['content-type'] ?? '').includes('application/json')) {
      const text = await this.client.readText(response, this.modelId, abortOf(options));
      throw createUpstreamError({
        status: response.status,
        body: text,
        provider: this.client.provider,
        model: this.modelId,
        isRetryable: true,
      });
    }
    const readOptions = { provider: this.client.provider, model: this.modelId, signal: abortOf(options) };
    return { parts: readOpenAIResponsesStream(response.body, readOptions), upstream: this.upstreamOf(response) };
  }

  /** The client's body with the deployment's model; `previous_response_id` never reaches here (the gateway keeps that state). */
  private prepare(request: NativeChatRequestV1, stream: boolean): string {
    const body: Record<string, unknown> = { ...request.body, model: this.modelId };
    if (stream) body['stream'] = true;
    else delete body['stream'];
    return JSON.stringify(body);
  }

  private upstreamOf(response: HttpResponse): { status: number; headers: Record<string, string> } {
    return { status: response.status, headers: pickUpstreamHeaders(response.headers) };
  }
}

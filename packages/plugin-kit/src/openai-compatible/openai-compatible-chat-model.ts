import type { CallOptions, ChatModelV1, ChatRequest, ChatResultV1, ChatStreamV1 } from '@modelgate/core';
import { createUpstreamError } from '../create-upstream-error.js';
import { abortOf, type OpenAICompatibleClient } from './openai-compatible-client.js';
import { normalizeOpenAICompatibleCompletion } from './normalize-openai-compatible-completion.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';
import { prepareOpenAICompatibleChatBody } from './prepare-openai-compatible-chat-body.js';
import { readOpenAICompatibleChatEvents } from './read-openai-compatible-chat-events.js';

/** Chat Completions against an OpenAI-compatible host: `POST {baseURL}/chat/completions`. */
export class OpenAICompatibleChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async generate(request: ChatRequest, options: CallOptions): Promise<ChatResultV1> {
    const body = this.body(request, false);
    const response = await this.client.send({ path: '/chat/completions', body, model: this.modelId, call: options });
    const value = await this.client.readJson(response, this.modelId, abortOf(options));
    const completion = normalizeOpenAICompatibleCompletion(value, this.modelId);
    if (completion === undefined) {
      throw createUpstreamError({
        status: response.status,
        body: JSON.stringify(value),
        provider: this.provider,
        model: this.modelId,
        ...(isErrorBody(value) ? {} : { isRetryable: true }),
      });
    }
    return { response: completion, upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) } };
  }

  async stream(request: ChatRequest, options: CallOptions): Promise<ChatStreamV1> {
    const body = this.body(request, true);
    const response = await this.client.send({
      path: '/chat/completions',
      body,
      accept: 'text/event-stream',
      model: this.modelId,
      call: options,
    });
    const contentType = response.headers['content-type'] ?? '';
    if (contentType.includes('application/json')) {
      // A host that answers a stream request with JSON (usually an error with status 200).
      const text = await this.client.readText(response, this.modelId, abortOf(options));
      throw createUpstreamError({ status: response.status, body: text, provider: this.provider, model: this.modelId, isRetryable: true });
    }
    return {
      events: readOpenAICompatibleChatEvents(response.body, { provider: this.provider, model: this.modelId, signal: abortOf(options) }),
      upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) },
    };
  }

  private body(request: ChatRequest, stream: boolean): string {
    const prepared = prepareOpenAICompatibleChatBody(request, { modelId: this.modelId, stream, quirks: this.client.quirks });
    if (prepared.droppedFields.length > 0) this.client.reportDropped(prepared.droppedFields);
    return JSON.stringify(prepared.body);
  }
}

function isErrorBody(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'error' in value;
}

import type { CallOptions, ChatModelV1, ChatRequestV1, ChatResultV1, ChatStreamV1, WarningV1 } from '@modelgate/core';
import {
  abortOf,
  normalizeOpenAICompatibleCompletion,
  OpenAICompatibleStreamParts,
  parseOpenAICompatibleCompletion,
  pickUpstreamHeaders,
  readOpenAICompatibleStream,
  refuseWarningsWhenStrict,
  type HttpResponse,
  type OpenAICompatibleClient,
} from '@modelgate/plugin-kit';
import { convertToMistralChatBody } from './convert-to-mistral-chat-body.js';
import { conversationToolCallIds } from './convert-to-mistral-messages.js';
import { MistralStreamParts } from './mistral-stream-parts.js';
import { MistralToolCallIds } from './mistral-tool-call-ids.js';
import { translateMistralCompletion } from './translate-mistral-content.js';

/**
 * Mistral's chat completions on the canonical model only: no native `openai-chat` path, since an
 * OpenAI body would have to be rebuilt anyway (tool-call ids, `seed`, `tool_choice`, fields Mistral
 * refuses). See `docs/decisions` (Mistral's wire).
 */
export class MistralChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async generate(request: ChatRequestV1, options: CallOptions): Promise<ChatResultV1> {
    const warnings: WarningV1[] = [];
    const ids = new MistralToolCallIds(conversationToolCallIds(request.messages));
    const body = convertToMistralChatBody(request, this.modelId, ids, warnings);
    refuseWarningsWhenStrict(warnings, options);
    const response = await this.client.send({ path: '/chat/completions', body: JSON.stringify(body), model: this.modelId, call: options });
    const text = await this.client.readText(response, this.modelId, abortOf(options));
    const value = this.client.parseJson(text, this.modelId);
    translateMistralCompletion(value, ids);
    const normalized = normalizeOpenAICompatibleCompletion(value, this.modelId);
    if (normalized === undefined) {
      const isError =
        typeof value === 'object' && value !== null && ('error' in value || (value as { object?: unknown }).object === 'error');
      throw this.client.upstreamError({
        status: response.status,
        body: text,
        provider: this.provider,
        model: this.modelId,
        ...(isError ? {} : { isRetryable: true }),
      });
    }
    return { response: parseOpenAICompatibleCompletion(normalized, warnings), upstream: this.upstreamOf(response) };
  }

  async stream(request: ChatRequestV1, options: CallOptions): Promise<ChatStreamV1> {
    const warnings: WarningV1[] = [];
    const ids = new MistralToolCallIds(conversationToolCallIds(request.messages));
    // Mistral puts the usage on the last chunk by itself; it refuses `stream_options`.
    const body = { ...convertToMistralChatBody(request, this.modelId, ids, warnings), stream: true };
    refuseWarningsWhenStrict(warnings, options);
    const response = await this.client.send({
      path: '/chat/completions',
      body: JSON.stringify(body),
      accept: 'text/event-stream',
      model: this.modelId,
      call: options,
    });
    if ((response.headers['content-type'] ?? '').includes('application/json')) {
      const text = await this.client.readText(response, this.modelId, abortOf(options));
      throw this.client.upstreamError({
        status: response.status,
        body: text,
        provider: this.provider,
        model: this.modelId,
        isRetryable: true,
      });
    }
    const readOptions = { provider: this.provider, model: this.modelId, signal: abortOf(options) };
    const parts = new OpenAICompatibleStreamParts({ ...readOptions, includeRaw: options.includeRaw }, warnings);
    return {
      parts: readOpenAICompatibleStream(response.body, readOptions, new MistralStreamParts(parts, ids, readOptions)),
      upstream: this.upstreamOf(response),
    };
  }

  private upstreamOf(response: HttpResponse): { status: number; headers: Record<string, string> } {
    return { status: response.status, headers: pickUpstreamHeaders(response.headers) };
  }
}

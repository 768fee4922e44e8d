import type {
  CallOptions,
  ChatModelV1,
  ChatRequestV1,
  ChatResultV1,
  ChatStreamV1,
  NativeChatPathV1,
  NativeChatRequestV1,
  NativeChatResultV1,
  NativeChatStreamV1,
  WarningV1,
} from '@modelgate/core';
import { textCompletionsFormat } from '@modelgate/core';
import type { HttpResponse } from '../http-pools.js';
import { refuseWarningsWhenStrict } from '../refuse-warnings-when-strict.js';
import { OpenAICompatibleTextCompletionPath } from './openai-compatible-text-completion-path.js';
import { convertToOpenAICompatibleChatBody } from './convert-to-openai-compatible-chat-body.js';
import { normalizeOpenAICompatibleCompletion, type NormalizedCompletion } from './normalize-openai-compatible-completion.js';
import { abortOf, type OpenAICompatibleClient } from './openai-compatible-client.js';
import { OpenAICompatibleNativeEvents } from './openai-compatible-native-events.js';
import { OpenAICompatibleStreamParts } from './openai-compatible-stream-parts.js';
import { parseOpenAICompatibleCompletion } from './parse-openai-compatible-completion.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';
import { droppedFieldWarnings, prepareOpenAICompatibleChatBody } from './prepare-openai-compatible-chat-body.js';
import { readOpenAICompatibleStream } from './read-openai-compatible-stream.js';

function isErrorBody(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/**
 * Chat Completions against an OpenAI-compatible host: `POST {baseURL}/chat/completions`, on the
 * canonical model (`generate`, `stream`) and natively for clients that speak OpenAI Chat themselves.
 */
export class OpenAICompatibleChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;
  private readonly native: NativeChatPathV1;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
    this.native = {
      format: 'openai-chat',
      generate: (request, options) => this.generateNative(request, options),
      stream: (request, options) => this.streamNative(request, options),
    };
  }

  nativePath(format: string): NativeChatPathV1 | undefined {
    if (format === this.native.format) return this.native;
    if (format === textCompletionsFormat && this.client.abilities.has('text-completions')) {
      return new OpenAICompatibleTextCompletionPath(this.modelId, this.client);
    }
    return undefined;
  }

  async generate(request: ChatRequestV1, options: CallOptions): Promise<ChatResultV1> {
    const warnings: WarningV1[] = [];
    const body = this.prepare(
      convertToOpenAICompatibleChatBody(request, { provider: this.provider, quirks: this.client.quirks }, warnings),
      false,
      warnings,
    );
    refuseWarningsWhenStrict(warnings, options);
    const { normalized, response } = await this.complete(body, options);
    return { response: parseOpenAICompatibleCompletion(normalized, warnings), upstream: this.upstreamOf(response) };
  }

  async stream(request: ChatRequestV1, options: CallOptions): Promise<ChatStreamV1> {
    const warnings: WarningV1[] = [];
    const body = this.prepare(
      convertToOpenAICompatibleChatBody(request, { provider: this.provider, quirks: this.client.quirks }, warnings),
      true,
      warnings,
    );
    refuseWarningsWhenStrict(warnings, options);
    const response = await this.open(body, options);
    const readOptions = { provider: this.provider, model: this.modelId, signal: abortOf(options) };
    const handler = new OpenAICompatibleStreamParts({ ...readOptions, includeRaw: options.includeRaw }, warnings);
    return { parts: readOpenAICompatibleStream(response.body, readOptions, handler), upstream: this.upstreamOf(response) };
  }

  private async generateNative(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatResultV1> {
    const warnings: WarningV1[] = [];
    const body = this.prepare(request.body, false, warnings);
    refuseWarningsWhenStrict(warnings, options);
    const { normalized, response, text } = await this.complete(body, options);
    return {
      body: normalized.changed ? JSON.stringify(normalized.completion) : text,
      finishReason: normalized.finishReason,
      ...(warnings.length === 0 ? {} : { warnings }),
      ...(normalized.usage === undefined ? {} : { usage: normalized.usage }),
      upstream: this.upstreamOf(response),
    };
  }

  private async streamNative(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatStreamV1> {
    const warnings: WarningV1[] = [];
    const body = this.prepare(request.body, true, warnings);
    refuseWarningsWhenStrict(warnings, options);
    const response = await this.open(body, options);
    const readOptions = { provider: this.provider, model: this.modelId, signal: abortOf(options) };
    const streamOptions = request.body.stream_options as { include_usage?: unknown } | null | undefined;
    const events = new OpenAICompatibleNativeEvents(readOptions, streamOptions?.include_usage === true);
    return {
      parts: readOpenAICompatibleStream(response.body, readOptions, events),
      ...(warnings.length === 0 ? {} : { warnings }),
      upstream: this.upstreamOf(response),
    };
  }

  /** Sends a non-stream request and reads the answer; an answer that is not a chat completion is a typed error. */
  private async complete(
    body: string,
    options: CallOptions,
  ): Promise<{ normalized: NormalizedCompletion; response: HttpResponse; text: string }> {
    const response = await this.client.send({ path: '/chat/completions', body, model: this.modelId, call: options });
    const text = await this.client.readText(response, this.modelId, abortOf(options));
    const value = this.client.parseJson(text, this.modelId);
    const normalized = normalizeOpenAICompatibleCompletion(value, this.modelId);
    if (normalized === undefined) {
      throw this.client.upstreamError({
        status: response.status,
        body: text,
        provider: this.provider,
        model: this.modelId,
        ...(isErrorBody(value) ? {} : { isRetryable: true }),
      });
    }
    return { normalized, response, text };
  }

  /** Opens a stream; a host that answers a stream request with JSON (usually an error with status 200) is a typed error. */
  private async open(body: string, options: CallOptions): Promise<HttpResponse> {
    const response = await this.client.send({
      path: '/chat/completions',
      body,
      accept: 'text/event-stream',
      model: this.modelId,
      call: options,
    });
    const contentType = response.headers['content-type'] ?? '';
    if (contentType.includes('application/json')) {
      const text = await this.client.readText(response, this.modelId, abortOf(options));
      throw this.client.upstreamError({
        status: response.status,
        body: text,
        provider: this.provider,
        model: this.modelId,
        isRetryable: true,
      });
    }
    return response;
  }

  private prepare(body: Readonly<Record<string, unknown>>, stream: boolean, warnings: WarningV1[]): string {
    const prepared = prepareOpenAICompatibleChatBody(body, { modelId: this.modelId, stream, quirks: this.client.quirks });
    if (prepared.droppedFields.length > 0) {
      this.client.reportDropped(prepared.droppedFields);
      warnings.push(...droppedFieldWarnings(this.provider, prepared.droppedFields));
    }
    return JSON.stringify(prepared.body);
  }

  private upstreamOf(response: HttpResponse): { status: number; headers: Record<string, string> } {
    return { status: response.status, headers: pickUpstreamHeaders(response.headers) };
  }
}

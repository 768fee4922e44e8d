import {
  InvalidRequestError,
  type CallOptions,
  type ChatModelV1,
  type ChatRequestV1,
  type ChatResultV1,
  type ChatStreamV1,
  type NativeChatPathV1,
  type NativeChatRequestV1,
  type NativeChatResultV1,
  type NativeChatStreamV1,
  type TokenCountV1,
  type WarningV1,
} from '@modelgate/core';
import { abortOf, refuseWarningsWhenStrict, type HttpResponse } from '@modelgate/plugin-kit';
import type { AnthropicClient } from './anthropic-client.js';
import { findAnthropicModelMetadata } from './anthropic-model-metadata.js';
import { AnthropicNativeEvents } from './anthropic-native-events.js';
import { AnthropicStreamParts } from './anthropic-stream-parts.js';
import { convertToAnthropicRequest, type AnthropicRequest } from './convert-to-anthropic-request.js';
import { createAnthropicError } from './create-anthropic-error.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mergeAnthropicUsage, normalizeAnthropicUsage, type AnthropicUsageCounts } from './normalize-anthropic-usage.js';
import { isAnthropicMessage, parseAnthropicMessage } from './parse-anthropic-message.js';
import { pickAnthropicHeaders } from './pick-anthropic-headers.js';
import { readAnthropicStream } from './read-anthropic-stream.js';

/** The wire format of Anthropic's Messages API, as surfaces and `nativePath` name it. */
export const anthropicMessagesFormat = 'anthropic-messages';

/** What `count_tokens` takes of a Messages body; sampling, limits and `stream` are refused there. */
const countedFields = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'mcp_servers'] as const;

export interface AnthropicChatModelSettings {
  /** The `default_max_tokens` setting. */
  defaultMaxTokens?: number;
}

/**
 * Claude through `POST /v1/messages`: on the canonical model (`generate`, `stream`), natively for clients
 * that speak Anthropic Messages themselves, and `countTokens` through `POST /v1/messages/count_tokens`.
 */
export class AnthropicChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;
  private readonly native: NativeChatPathV1;

  constructor(
    readonly modelId: string,
    private readonly client: AnthropicClient,
    private readonly settings: AnthropicChatModelSettings = {},
  ) {
    this.provider = client.provider;
    this.native = {
      format: anthropicMessagesFormat,
      generate: (request, options) => this.generateNative(request, options),
      stream: (request, options) => this.streamNative(request, options),
    };
  }

  nativePath(format: string): NativeChatPathV1 | undefined {
    return format === anthropicMessagesFormat ? this.native : undefined;
  }

  async generate(request: ChatRequestV1, options: CallOptions): Promise<ChatResultV1> {
    const warnings: WarningV1[] = [];
    const converted = this.convert(request, warnings);
    refuseWarningsWhenStrict(warnings, options);
    const { value, response, text } = await this.complete(JSON.stringify(converted.body), options);
    return { response: parseAnthropicMessage(value, text, converted.jsonTool, warnings), upstream: this.upstreamOf(response) };
  }

  async stream(request: ChatRequestV1, options: CallOptions): Promise<ChatStreamV1> {
    const warnings: WarningV1[] = [];
    const converted = this.convert(request, warnings);
    refuseWarningsWhenStrict(warnings, options);
    const response = await this.open(JSON.stringify({ ...converted.body, stream: true }), options);
    const readOptions = { provider: this.provider, model: this.modelId, signal: abortOf(options) };
    const handler = new AnthropicStreamParts({ ...readOptions, includeRaw: options.includeRaw, jsonTool: converted.jsonTool }, warnings);
    return { parts: readAnthropicStream(response.body, readOptions, handler), upstream: this.upstreamOf(response) };
  }

  async countTokens(request: ChatRequestV1, options: CallOptions): Promise<TokenCountV1> {
    const { body } = this.convert(request, []);
    const counted: Record<string, unknown> = {};
    for (const field of countedFields) if (body[field] !== undefined) counted[field] = body[field];
    const response = await this.client.send({
      path: '/v1/messages/count_tokens',
      body: JSON.stringify(counted),
      model: this.modelId,
      call: options,
    });
    const text = await this.client.readText(response, this.modelId, abortOf(options));
    const inputTokens = (this.client.parseJson(text, this.modelId) as { input_tokens?: unknown } | null)?.input_tokens;
    if (typeof inputTokens !== 'number' || !Number.isInteger(inputTokens) || inputTokens < 0) {
      throw this.client.malformed(`a token count without input_tokens: ${text.slice(0, 200)}`, this.modelId);
    }
    return { inputTokens, source: 'provider' };
  }

  private convert(request: ChatRequestV1, warnings: WarningV1[]): AnthropicRequest {
    return convertToAnthropicRequest(
      request,
      {
        modelId: this.modelId,
        provider: this.provider,
        anthropicVersion: this.client.settings.anthropicVersion,
        ...(this.settings.defaultMaxTokens === undefined ? {} : { defaultMaxTokens: this.settings.defaultMaxTokens }),
        metadata: findAnthropicModelMetadata(this.modelId),
      },
      warnings,
    );
  }

  /** The client's body as sent, with the deployment's model and the call's mode; everything else untouched. */
  private nativeBody(request: NativeChatRequestV1, stream: boolean): string {
    if (request.format !== anthropicMessagesFormat) {
      throw new InvalidRequestError(
        `The ${this.provider} model ${this.modelId} forwards ${anthropicMessagesFormat} bodies, not ${request.format}.`,
      );
    }
    const body: Record<string, unknown> = { ...request.body, model: this.modelId };
    if (stream) body.stream = true;
    else if ('stream' in body) body.stream = false;
    return JSON.stringify(body);
  }

  private async generateNative(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatResultV1> {
    // Nothing is dropped or changed on the native path, so strict mode has nothing to refuse.
    const body = this.nativeBody(request, false);
    const { value, response, text } = await this.complete(body, options);
    const counts: AnthropicUsageCounts = {};
    mergeAnthropicUsage(counts, value.usage);
    const usage = normalizeAnthropicUsage(counts);
    const hasToolCalls = value.content.some((block) => (block as { type?: unknown } | null)?.type === 'tool_use');
    return {
      body: text,
      finishReason: mapAnthropicFinishReason(value.stop_reason as string | undefined, hasToolCalls),
      ...(usage === undefined ? {} : { usage }),
      upstream: this.upstreamOf(response),
    };
  }

  private async streamNative(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatStreamV1> {
    const body = this.nativeBody(request, true);
    const response = await this.open(body, options);
    const readOptions = { provider: this.provider, model: this.modelId, signal: abortOf(options) };
    return {
      parts: readAnthropicStream(response.body, readOptions, new AnthropicNativeEvents(readOptions)),
      upstream: this.upstreamOf(response),
    };
  }

  /** Sends a non-stream request and reads the message; an answer that is not a message is a typed error. */
  private async complete(
    body: string,
    options: CallOptions,
  ): Promise<{ value: Record<string, unknown> & { content: unknown[] }; response: HttpResponse; text: string }> {
    const response = await this.client.send({ path: '/v1/messages', body, model: this.modelId, call: options });
    const text = await this.client.readText(response, this.modelId, abortOf(options));
    const value = this.client.parseJson(text, this.modelId);
    if (!isAnthropicMessage(value)) {
      const isError = (value as { type?: unknown } | null)?.type === 'error';
      throw createAnthropicError({
        status: response.status,
        body: text,
        provider: this.provider,
        model: this.modelId,
        ...(isError ? {} : { isRetryable: true }),
      });
    }
    return { value, response, text };
  }

  /** Opens a stream; a host that answers a stream request with JSON (usually an error with status 200) is a typed error. */
  private async open(body: string, options: CallOptions): Promise<HttpResponse> {
    const response = await this.client.send({
      path: '/v1/messages',
      body,
      accept: 'text/event-stream',
      model: this.modelId,
      call: options,
    });
    const contentType = response.headers['content-type'] ?? '';
    if (!contentType.includes('text/event-stream')) {
      const text = await this.client.readText(response, this.modelId, abortOf(options));
      throw createAnthropicError({ status: response.status, body: text, provider: this.provider, model: this.modelId, isRetryable: true });
    }
    return response;
  }

  private upstreamOf(response: HttpResponse): { status: number; headers: Record<string, string> } {
    return { status: response.status, headers: pickAnthropicHeaders(response.headers) };
  }
}

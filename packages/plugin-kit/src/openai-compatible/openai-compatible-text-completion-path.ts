import type {
  CallOptions,
  FinishReasonV1,
  ModelgateError,
  NativeChatPathV1,
  NativeChatRequestV1,
  NativeChatResultV1,
  NativeChatStreamV1,
  NativeStreamPartV1,
  UsageV1,
  WarningV1,
} from '@modelgate/core';
import { textCompletionsFormat } from '@modelgate/core';
import { createUpstreamError } from '../create-upstream-error.js';
import { refuseWarningsWhenStrict } from '../refuse-warnings-when-strict.js';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { abortOf, type OpenAICompatibleClient } from './openai-compatible-client.js';
import { normalizeOpenAICompatibleUsage } from './normalize-openai-compatible-usage.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';
import { droppedFieldWarnings } from './prepare-openai-compatible-chat-body.js';
import {
  parseOpenAICompatibleEvent,
  readOpenAICompatibleStream,
  type OpenAICompatibleStreamHandler,
  type ReadStreamOptions,
} from './read-openai-compatible-stream.js';

/** An event the gateway must read: it carries a finish reason or a usage that is not `null`. */
const mustRead = /"(?:usage"\s*:(?!\s*null)|finish_reason"\s*:(?!\s*null))/;

function finishOf(value: unknown): unknown {
  const choices = (value as { choices?: unknown } | null)?.choices;
  return Array.isArray(choices) ? (choices[0] as { finish_reason?: unknown } | undefined)?.finish_reason : undefined;
}

/** Forwards each event as sent, reading the finish reason and the usage on the way. */
class TextCompletionEvents implements OpenAICompatibleStreamHandler<NativeStreamPartV1> {
  private finishReason: unknown;
  private usage: UsageV1 | undefined;

  constructor(private readonly options: ReadStreamOptions) {}

  event(data: string, out: NativeStreamPartV1[]): void {
    if (!mustRead.test(data)) {
      out.push({ type: 'event', data });
      return;
    }
    const chunk = parseOpenAICompatibleEvent(data, this.options);
    this.finishReason = finishOf(chunk) ?? this.finishReason;
    this.usage = normalizeOpenAICompatibleUsage(chunk.usage) ?? this.usage;
    const usageOnly = Array.isArray(chunk.choices) && chunk.choices.length === 0;
    out.push({ type: 'event', data, ...(usageOnly ? { usageOnly: true } : {}) });
  }

  done(out: NativeStreamPartV1[]): void {
    const finishReason: FinishReasonV1 = mapOpenAICompatibleFinishReason(this.finishReason, false);
    out.push(this.usage === undefined ? { type: 'finish', finishReason } : { type: 'finish', finishReason, usage: this.usage });
  }

  error(error: ModelgateError): NativeStreamPartV1 {
    return { type: 'error', error };
  }
}

/**
 * OpenAI's legacy text completions (`POST {baseURL}/completions`) forwarded natively: the client's body
 * with the model swapped and the host's unsupported fields dropped, the answer and the events unchanged.
 * There is no canonical form of a raw prompt continuation, so hosts without the endpoint do not serve it.
 */
export class OpenAICompatibleTextCompletionPath implements NativeChatPathV1 {
  readonly format = textCompletionsFormat;
  private readonly provider: string;

  constructor(
    private readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async generate(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatResultV1> {
    const warnings: WarningV1[] = [];
    const body = this.prepare(request.body, false, warnings);
    refuseWarningsWhenStrict(warnings, options);
    const response = await this.client.send({ path: '/completions', body, model: this.modelId, call: options });
    const text = await this.client.readText(response, this.modelId, abortOf(options));
    const value = this.client.parseJson(text, this.modelId) as { choices?: unknown; usage?: unknown } | null;
    if (!Array.isArray(value?.choices)) {
      throw this.client.malformed(`a completion without choices: ${text.slice(0, 200)}`, this.modelId);
    }
    const usage = normalizeOpenAICompatibleUsage(value.usage);
    return {
      body: text,
      finishReason: mapOpenAICompatibleFinishReason(finishOf(value), false),
      ...(usage === undefined ? {} : { usage }),
      ...(warnings.length === 0 ? {} : { warnings }),
      upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) },
    };
  }

  async stream(request: NativeChatRequestV1, options: CallOptions): Promise<NativeChatStreamV1> {
    const warnings: WarningV1[] = [];
    const body = this.prepare(request.body, true, warnings);
    refuseWarningsWhenStrict(warnings, options);
    const response = await this.client.send({
      path: '/completions',
      body,
      accept: 'text/event-stream',
      model: this.modelId,
      call: options,
    });
    if ((response.headers['content-type'] ?? '').includes('application/json')) {
      const text = await this.client.readText(response, this.modelId, abortOf(options));
      throw createUpstreamError({ status: response.status, body: text, provider: this.provider, model: this.modelId, isRetryable: true });
    }
    const readOptions = { provider: this.provider, model: this.modelId, signal: abortOf(options) };
    return {
      parts: readOpenAICompatibleStream(response.body, readOptions, new TextCompletionEvents(readOptions)),
      ...(warnings.length === 0 ? {} : { warnings }),
      upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) },
    };
  }

  /** The body to send: the model swapped, usage asked for on streams (where the host takes it), rejected fields dropped. */
  private prepare(source: Readonly<Record<string, unknown>>, stream: boolean, warnings: WarningV1[]): string {
    const body: Record<string, unknown> = { ...source, model: this.modelId, stream };
    if (stream && this.client.quirks.supportsStreamOptions !== false) {
      body.stream_options = { ...(source.stream_options as object | undefined), include_usage: true };
    } else if (!stream || this.client.quirks.supportsStreamOptions === false) {
      delete body.stream_options;
    }
    const dropped = (this.client.quirks.unsupportedFields ?? []).filter((field) => body[field] !== undefined);
    for (const field of dropped) delete body[field];
    if (dropped.length > 0) {
      this.client.reportDropped(dropped);
      warnings.push(...droppedFieldWarnings(this.provider, dropped));
    }
    return JSON.stringify(body);
  }
}

import { toModelgateError, UpstreamError, type ChatStreamPartV1, type WarningV1 } from '@modelgate/core';
import { mapRequestError, ServerSentEventParser, type AbortState, type HttpResponseBody } from '@modelgate/plugin-kit';
import { createGeminiError } from './create-gemini-error.js';
import { GeminiStreamState } from './gemini-stream-state.js';
import type { GeminiResponse } from './gemini-wire.js';

export interface ReadGeminiStreamOptions {
  provider: string;
  model: string;
  signal?: AbortState | undefined;
  includeRaw?: boolean | undefined;
  warnings: readonly WarningV1[];
}

function ignore(): void {}

function streamError(message: string, options: ReadGeminiStreamOptions, cause?: unknown): UpstreamError {
  return new UpstreamError(`Upstream ${options.provider} (${options.model}) ${message}`, {
    code: 'upstream_stream_error',
    isRetryable: false,
    provider: options.provider,
    model: options.model,
    ...(cause === undefined ? {} : { cause }),
  });
}

function parseChunk(data: string, options: ReadGeminiStreamOptions): GeminiResponse {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw streamError(`sent a malformed chunk: ${data.slice(0, 200)}`, options, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw streamError(`sent a chunk that is not an object: ${data.slice(0, 200)}`, options);
  }
  if ((value as { error?: unknown }).error !== undefined) {
    throw createGeminiError({ body: data, provider: options.provider, model: options.model, isRetryable: false });
  }
  return value as GeminiResponse;
}

/**
 * Reads an open `streamGenerateContent?alt=sse` body as canonical parts. Gemini has no end marker:
 * the stream is complete when the body ends after a chunk with a `finishReason`. A body that ends
 * before one, a dropped connection, a malformed chunk or an in-stream `{"error":…}` is one `error`
 * part, never a finish. An abort throws its reason; stopping early destroys the body.
 */
export async function* readGeminiStream(
  body: HttpResponseBody,
  options: ReadGeminiStreamOptions,
): AsyncGenerator<ChatStreamPartV1, void, undefined> {
  const state = new GeminiStreamState();
  const out: ChatStreamPartV1[] = [{ type: 'stream-start', warnings: [...options.warnings] }];
  let ended = false;
  try {
    const parser = new ServerSentEventParser();
    for await (const bytes of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>) {
      for (const event of parser.push(bytes)) {
        if (event.data.length === 0) continue;
        const chunk = parseChunk(event.data, options);
        if (options.includeRaw) out.push({ type: 'raw', value: chunk });
        state.chunk(chunk, out);
      }
      if (out.length > 0) {
        for (let index = 0; index < out.length; index += 1) yield out[index]!;
        out.length = 0;
      }
    }
    ended = true;
    if (!state.finished) throw streamError('ended the stream before saying why it stopped (no finishReason)', options);
    state.finish(out);
    for (const part of out) yield part;
  } catch (error) {
    const mapped = mapRequestError(error, { signal: options.signal, provider: options.provider, model: options.model });
    if (options.signal?.aborted) throw mapped;
    for (const part of out) yield part;
    yield { type: 'error', error: toModelgateError(mapped) };
  } finally {
    if (!ended && !body.readableEnded && !body.destroyed) {
      body.on('error', ignore);
      body.destroy();
    }
  }
}

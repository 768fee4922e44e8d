import { toModelgateError, UpstreamError, type ChatStreamEventV1 } from '@modelgate/core';
import { createUpstreamError } from '../create-upstream-error.js';
import { doneSentinel } from '../format-server-sent-event.js';
import type { HttpResponseBody } from '../http-pools.js';
import { mapRequestError, type AbortState } from '../map-request-error.js';
import { ServerSentEventParser } from '../server-sent-event-parser.js';
import { OpenAICompatibleChunkNormalizer } from './openai-compatible-chunk-normalizer.js';

function ignore(): void {}

export interface ReadChatEventsOptions {
  provider: string;
  model: string;
  signal?: AbortState | undefined;
}

function streamError(message: string, options: ReadChatEventsOptions, cause?: unknown): UpstreamError {
  return new UpstreamError(`Upstream ${options.provider} (${options.model}) ${message}`, {
    code: 'upstream_stream_error',
    isRetryable: false,
    provider: options.provider,
    model: options.model,
    ...(cause === undefined ? {} : { cause }),
  });
}

function isErrorEvent(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.error !== undefined && record.error !== null && !Array.isArray(record.choices);
}

/**
 * Reads an open OpenAI-style SSE body into chat stream events: normalised `chunk`s, then one
 * `finish` (with the last usage seen) on `[DONE]`. A dropped connection, a malformed chunk, an
 * upstream `{"error":…}` event or an end without `[DONE]` become one `error` event and end the
 * iteration. An aborted signal throws its reason. Stopping early destroys the body (and its
 * socket); after `[DONE]` the rest of the body is drained so that the socket is kept alive.
 */
export async function* readOpenAICompatibleChatEvents(
  body: HttpResponseBody,
  options: ReadChatEventsOptions,
): AsyncGenerator<ChatStreamEventV1, void, undefined> {
  const normalizer = new OpenAICompatibleChunkNormalizer(options.model);
  let done = false;
  try {
    // One parser fed chunk by chunk (not a generator of events): a layer less of async iteration per event.
    const parser = new ServerSentEventParser();
    reading: for await (const bytes of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>) {
      for (const event of parser.push(bytes)) {
        if (event.data === doneSentinel) {
          done = true;
          break reading;
        }
        if (event.data.length === 0) continue;
        let value: unknown;
        try {
          value = JSON.parse(event.data);
        } catch (error) {
          yield { type: 'error', error: streamError(`sent a malformed chunk: ${event.data.slice(0, 200)}`, options, error) };
          return;
        }
        if (event.event === 'error' || isErrorEvent(value)) {
          const error = createUpstreamError({ body: event.data, provider: options.provider, model: options.model, isRetryable: false });
          yield { type: 'error', error };
          return;
        }
        const chunk = normalizer.normalize(value);
        if (chunk !== undefined) yield { type: 'chunk', chunk };
      }
    }
    if (!done) {
      yield { type: 'error', error: streamError('ended the stream without [DONE]', options) };
      return;
    }
    for (const chunk of normalizer.finish()) yield { type: 'chunk', chunk };
    yield normalizer.usage === undefined ? { type: 'finish' } : { type: 'finish', usage: normalizer.usage };
  } catch (error) {
    const mapped = mapRequestError(error, { signal: options.signal, provider: options.provider, model: options.model });
    if (options.signal?.aborted) throw mapped;
    yield { type: 'error', error: toModelgateError(mapped) };
  } finally {
    if (done && !body.readableEnded && !body.destroyed) {
      body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    } else if (!body.readableEnded && !body.destroyed) {
      // undici reports a destroy before the end as an error event: nobody is listening any more.
      body.on('error', ignore);
      body.destroy();
    }
  }
}

import { toModelgateError, UpstreamError, type ModelgateError } from '@modelgate/core';
import { createUpstreamError } from '../create-upstream-error.js';
import { doneSentinel } from '../format-server-sent-event.js';
import type { HttpResponseBody } from '../http-pools.js';
import { mapRequestError, type AbortState } from '../map-request-error.js';
import { ServerSentEventParser } from '../server-sent-event-parser.js';

function ignore(): void {}

export interface ReadStreamOptions {
  provider: string;
  model: string;
  signal?: AbortState | undefined;
}

/**
 * What a stream's parts are made of, one event at a time. `event` gets each data payload (not
 * `[DONE]`) and pushes the parts it makes into `out`; it may throw a `ModelgateError` to end the stream.
 * `done` is called on `[DONE]`, `error` for any failure.
 */
export interface OpenAICompatibleStreamHandler<P> {
  event(data: string, out: P[]): void;
  done(out: P[]): void;
  error(error: ModelgateError): P;
}

function streamError(message: string, options: ReadStreamOptions, cause?: unknown): UpstreamError {
  return new UpstreamError(`Upstream ${options.provider} (${options.model}) ${message}`, {
    code: 'upstream_stream_error',
    isRetryable: false,
    provider: options.provider,
    model: options.model,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Parses a data payload; a payload that is not JSON, or an upstream `{"error":…}` event, throws the typed error. */
export function parseOpenAICompatibleEvent(data: string, options: ReadStreamOptions): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw streamError(`sent a malformed chunk: ${data.slice(0, 200)}`, options, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw streamError(`sent a chunk that is not an object: ${data.slice(0, 200)}`, options);
  const record = value as Record<string, unknown>;
  if (record.error !== undefined && record.error !== null && !Array.isArray(record.choices)) {
    throw createUpstreamError({ body: data, provider: options.provider, model: options.model, isRetryable: false });
  }
  return record;
}

/**
 * Reads an open OpenAI-style SSE body through a handler. A dropped connection, a malformed chunk, an
 * upstream error event or an end without `[DONE]` become one error part and end the iteration; an
 * aborted signal throws its reason. Stopping early destroys the body (and its socket); after `[DONE]`
 * the rest of the body is drained so that the socket is kept alive. One async layer per event: the
 * handler is synchronous.
 */
export async function* readOpenAICompatibleStream<P>(
  body: HttpResponseBody,
  options: ReadStreamOptions,
  handler: OpenAICompatibleStreamHandler<P>,
): AsyncGenerator<P, void, undefined> {
  let done = false;
  const out: P[] = [];
  try {
    const parser = new ServerSentEventParser();
    reading: for await (const bytes of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>) {
      for (const event of parser.push(bytes)) {
        if (event.data === doneSentinel) {
          done = true;
          break reading;
        }
        if (event.data.length === 0) continue;
        if (event.event === 'error')
          throw createUpstreamError({ body: event.data, provider: options.provider, model: options.model, isRetryable: false });
        handler.event(event.data, out);
      }
      if (out.length > 0) {
        // Copy out before yielding: the consumer may come back after more bytes arrived.
        for (let index = 0; index < out.length; index += 1) yield out[index]!;
        out.length = 0;
      }
    }
    if (!done) throw streamError('ended the stream without [DONE]', options);
    handler.done(out);
    for (const part of out) yield part;
  } catch (error) {
    const mapped = mapRequestError(error, { signal: options.signal, provider: options.provider, model: options.model });
    if (options.signal?.aborted) throw mapped;
    // Parts made from the events before the failing one (same read) still go out, before the error.
    for (const part of out) yield part;
    yield handler.error(toModelgateError(mapped));
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

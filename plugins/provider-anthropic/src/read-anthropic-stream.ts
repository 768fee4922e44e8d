import { toModelgateError, UpstreamError, type ModelgateError } from '@modelgate/core';
import { mapRequestError, ServerSentEventParser, type AbortState, type HttpResponseBody } from '@modelgate/plugin-kit';
import { createAnthropicError } from './create-anthropic-error.js';

function ignore(): void {}

export interface ReadAnthropicStreamOptions {
  provider: string;
  model: string;
  signal?: AbortState | undefined;
}

/**
 * What a stream's parts are made of, one server-sent event at a time: `event` gets each event's name and
 * data (`message_stop` included) and pushes the parts it makes into `out`; it may throw a
 * `ModelgateError` to end the stream. `done` follows `message_stop`; `error` makes the part for a failure.
 */
export interface AnthropicStreamHandler<P> {
  event(name: string, data: string, out: P[]): void;
  done(out: P[]): void;
  error(error: ModelgateError): P;
}

export function anthropicStreamError(message: string, options: ReadAnthropicStreamOptions, cause?: unknown): UpstreamError {
  return new UpstreamError(`Upstream ${options.provider} (${options.model}) ${message}`, {
    code: 'upstream_stream_error',
    isRetryable: false,
    provider: options.provider,
    model: options.model,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Parses an event's data; data that is not a JSON object ends the stream with a typed error. */
export function parseAnthropicEvent(data: string, options: ReadAnthropicStreamOptions): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw anthropicStreamError(`sent a malformed event: ${data.slice(0, 200)}`, options, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw anthropicStreamError(`sent an event that is not an object: ${data.slice(0, 200)}`, options);
  }
  return value as Record<string, unknown>;
}

/** The event name: the `event:` line Anthropic always sends, else the data's `type`. */
function nameOf(event: { event?: string; data: string }, options: ReadAnthropicStreamOptions): string {
  if (event.event !== undefined && event.event !== 'message') return event.event;
  const type = parseAnthropicEvent(event.data, options).type;
  return typeof type === 'string' ? type : 'message';
}

/**
 * Reads an open Anthropic SSE body through a handler. An `error` event (it can come after HTTP 200, e.g.
 * `overloaded_error`), a dropped connection, a malformed event or an end without `message_stop` become
 * one error part that ends the iteration, never a normal finish; an aborted signal throws its reason.
 * Stopping early destroys the body (and its socket); after `message_stop` the rest is drained so that
 * the socket is kept alive.
 */
export async function* readAnthropicStream<P>(
  body: HttpResponseBody,
  options: ReadAnthropicStreamOptions,
  handler: AnthropicStreamHandler<P>,
): AsyncGenerator<P, void, undefined> {
  let done = false;
  const out: P[] = [];
  try {
    const parser = new ServerSentEventParser();
    reading: for await (const bytes of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>) {
      for (const event of parser.push(bytes)) {
        if (event.data.length === 0) continue;
        const name = nameOf(event, options);
        if (name === 'error') {
          throw createAnthropicError({ body: event.data, provider: options.provider, model: options.model, isRetryable: false });
        }
        handler.event(name, event.data, out);
        if (name === 'message_stop') {
          done = true;
          break reading;
        }
      }
      if (out.length > 0) {
        for (let index = 0; index < out.length; index += 1) yield out[index]!;
        out.length = 0;
      }
    }
    if (!done) throw anthropicStreamError('ended the stream without message_stop', options);
    handler.done(out);
    for (const part of out) yield part;
  } catch (error) {
    const mapped = mapRequestError(error, { signal: options.signal, provider: options.provider, model: options.model });
    if (options.signal?.aborted) throw mapped;
    for (const part of out) yield part;
    yield handler.error(toModelgateError(mapped));
  } finally {
    if (done && !body.readableEnded && !body.destroyed) {
      body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    } else if (!body.readableEnded && !body.destroyed) {
      body.on('error', ignore);
      body.destroy();
    }
  }
}

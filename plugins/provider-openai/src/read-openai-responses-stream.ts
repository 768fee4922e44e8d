import { readOpenAIResponsesOutcome, toModelgateError, UpstreamError, type NativeStreamPartV1 } from '@modelgate/core';
import { createUpstreamError, mapRequestError, ServerSentEventParser, type AbortState, type HttpResponseBody } from '@modelgate/plugin-kit';

function ignore(): void {}

export interface ReadResponsesStreamOptions {
  provider: string;
  model: string;
  signal?: AbortState | undefined;
}

const typePattern = /"type"\s*:\s*"([^"]+)"/;

/** The event's type: its `event:` line, else the `type` field near the start of its data (hosts that send no `event:` line). */
function typeOf(event: { event?: string; data: string }): string | undefined {
  return event.event ?? typePattern.exec(event.data.slice(0, 80))?.[1];
}

function streamError(message: string, options: ReadResponsesStreamOptions): UpstreamError {
  return new UpstreamError(`Upstream ${options.provider} (${options.model}) ${message}`, {
    code: 'upstream_stream_error',
    isRetryable: false,
    provider: options.provider,
    model: options.model,
  });
}

/** The typed error of an upstream `response.failed` or `error` event. */
function failureOf(type: string, data: string, options: ReadResponsesStreamOptions): Error {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return streamError(`sent a malformed ${type} event: ${data.slice(0, 200)}`, options);
  }
  const details = (type === 'error' ? value : ((value['response'] as Record<string, unknown> | undefined)?.['error'] ?? {})) as Record<
    string,
    unknown
  >;
  const error = { message: details['message'] ?? 'the response failed', type: 'server_error', code: details['code'] ?? null };
  return createUpstreamError({ body: JSON.stringify({ error }), provider: options.provider, model: options.model, isRetryable: false });
}

/**
 * Reads an upstream Responses API stream for the native path: every event goes to the client as it
 * came (its type named on an `event:` line). The gateway reads only `response.completed` and
 * `response.incomplete` (status and usage, for its `finish`); `response.failed` and `error` become the
 * stream's `error` part (the surface writes the failure event itself, so that nothing follows it), as
 * do a dropped connection and an end without a final event.
 */
export async function* readOpenAIResponsesStream(
  body: HttpResponseBody,
  options: ReadResponsesStreamOptions,
): AsyncGenerator<NativeStreamPartV1, void, undefined> {
  let finish: NativeStreamPartV1 | undefined;
  const out: NativeStreamPartV1[] = [];
  try {
    const parser = new ServerSentEventParser();
    reading: for await (const bytes of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>) {
      for (const event of parser.push(bytes)) {
        if (event.data.length === 0) continue;
        const type = typeOf(event);
        if (type === 'response.failed' || type === 'error') throw failureOf(type, event.data, options);
        out.push(type === undefined ? { type: 'event', data: event.data } : { type: 'event', event: type, data: event.data });
        if (type === 'response.completed' || type === 'response.incomplete') {
          const outcome = readOpenAIResponsesOutcome((JSON.parse(event.data) as { response?: unknown }).response);
          finish = { type: 'finish', ...outcome };
          break reading;
        }
      }
      if (out.length > 0) {
        for (let index = 0; index < out.length; index += 1) yield out[index]!;
        out.length = 0;
      }
    }
    if (finish === undefined) throw streamError('ended the stream without response.completed', options);
    for (const part of out) yield part;
    yield finish;
  } catch (error) {
    const mapped = mapRequestError(error, { signal: options.signal, provider: options.provider, model: options.model });
    if (options.signal?.aborted) throw mapped;
    for (const part of out) yield part;
    yield { type: 'error', error: toModelgateError(mapped) };
  } finally {
    if (finish !== undefined && !body.readableEnded && !body.destroyed) {
      body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    } else if (!body.readableEnded && !body.destroyed) {
      body.on('error', ignore);
      body.destroy();
    }
  }
}

import { toModelgateError, type ChatStreamPartV1 } from '@modelgate/core';
import { mapRequestError, ServerSentEventParser, type AbortState, type HttpResponseBody } from '@modelgate/plugin-kit';
import type { CohereStreamParts } from './cohere-stream-parts.js';

function ignore(): void {}

export interface ReadCohereStreamOptions {
  provider: string;
  model: string;
  signal?: AbortState | undefined;
}

/**
 * Reads an open Cohere event stream through `CohereStreamParts`. A dropped connection, a malformed event or an
 * end without `message-end` become one `error` part, last; an aborted signal throws its reason. Stopping early
 * destroys the body (and its socket); after `message-end` the rest is drained so the socket stays alive.
 */
export async function* readCohereStream(
  body: HttpResponseBody,
  handler: CohereStreamParts,
  options: ReadCohereStreamOptions,
): AsyncGenerator<ChatStreamPartV1, void, undefined> {
  const out: ChatStreamPartV1[] = [];
  handler.start(out);
  try {
    const parser = new ServerSentEventParser();
    reading: for await (const bytes of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>) {
      for (const event of parser.push(bytes)) {
        if (event.data.length === 0) continue;
        handler.event(event.data, out);
        if (handler.finished) break reading;
      }
      for (let index = 0; index < out.length; index += 1) yield out[index]!;
      out.length = 0;
    }
    if (!handler.finished) throw handler.incomplete();
    for (const part of out) yield part;
  } catch (error) {
    const mapped = mapRequestError(error, { signal: options.signal, provider: options.provider, model: options.model });
    if (options.signal?.aborted) throw mapped;
    for (const part of out) if (part.type !== 'error') yield part;
    yield { type: 'error', error: toModelgateError(mapped) };
  } finally {
    if (handler.finished && !body.readableEnded && !body.destroyed) {
      body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    } else if (!body.readableEnded && !body.destroyed) {
      // undici reports a destroy before the end as an error event: nobody is listening any more.
      body.on('error', ignore);
      body.destroy();
    }
  }
}

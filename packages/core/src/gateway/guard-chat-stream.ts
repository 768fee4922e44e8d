import { UpstreamError } from '../errors/upstream-error.js';
import { toModelgateError } from '../errors/to-modelgate-error.js';
import type { MiddlewareContextV1, MiddlewareV1 } from '../specification/middleware-v1.js';
import type { ChatStreamEventV1 } from '../specification/provider-v1.js';

export interface GuardOptions {
  /** Pass the usage-only chunk on (the client set `stream_options.include_usage`). */
  includeUsage: boolean;
  middleware: readonly MiddlewareV1[];
  context: MiddlewareContextV1;
  deploymentId: string;
  onFirstChunk?: () => void;
}

/**
 * Wraps a provider's stream so that it keeps the promise of the spec whatever the provider does:
 * exactly one `finish` or `error` at the end, nothing after it, a thrown exception becomes an
 * `error` event, and an iterable that just stops is an error, not a normal end.
 */
export async function* guardChatStream(
  events: AsyncIterable<ChatStreamEventV1>,
  options: GuardOptions,
): AsyncGenerator<ChatStreamEventV1> {
  const chunkHooks = options.middleware.filter((middleware) => middleware.onChunk !== undefined);
  let first = true;
  try {
    for await (const event of events) {
      if (event.type === 'chunk') {
        if (first) {
          first = false;
          options.onFirstChunk?.();
        }
        let chunk = event.chunk;
        if (!options.includeUsage && chunk.choices.length === 0 && chunk.usage) continue;
        for (const middleware of chunkHooks) chunk = middleware.onChunk!(chunk, options.context) ?? chunk;
        yield chunk === event.chunk ? event : { type: 'chunk', chunk };
        continue;
      }
      yield event;
      return;
    }
  } catch (error) {
    yield { type: 'error', error: toModelgateError(error) };
    return;
  }
  yield {
    type: 'error',
    error: new UpstreamError(`The stream from ${options.deploymentId} ended without a finish.`, { isRetryable: false }),
  };
}

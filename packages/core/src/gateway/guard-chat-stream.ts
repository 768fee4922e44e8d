import { UpstreamError } from '../errors/upstream-error.js';
import { toModelgateError } from '../errors/to-modelgate-error.js';
import type { MiddlewareContextV1, MiddlewareV1 } from '../specification/middleware-v1.js';
import type { Usage } from '../specification/chat-types.js';
import type { ChatStreamEventV1 } from '../specification/provider-v1.js';

export interface GuardOptions {
  /** Pass the usage-only chunk on (the client set `stream_options.include_usage`). */
  includeUsage: boolean;
  middleware: readonly MiddlewareV1[];
  context: MiddlewareContextV1;
  deploymentId: string;
  onFirstChunk?: () => void;
  /** Called with the usage of a stream that finished normally. */
  onFinish?: (usage: Usage | undefined) => void;
  /** Called once when the stream is over, however it ended. */
  onEnd?: () => void;
}

const finished: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * Wraps a provider's stream so that it keeps the promise of the spec whatever the provider does:
 * exactly one `finish` or `error` at the end, nothing after it, a thrown exception becomes an
 * `error` event, and an iterable that just stops is an error, not a normal end. A hand-written
 * iterator rather than an async generator: one promise per event instead of several.
 */
class GuardedChatStream implements AsyncIterableIterator<ChatStreamEventV1> {
  private ended = false;
  private first = true;
  private readonly inner: AsyncIterator<ChatStreamEventV1>;
  private readonly chunkHooks: readonly MiddlewareV1[];

  constructor(
    events: AsyncIterable<ChatStreamEventV1>,
    private readonly options: GuardOptions,
  ) {
    this.inner = events[Symbol.asyncIterator]();
    this.chunkHooks = options.middleware.filter((middleware) => middleware.onChunk !== undefined);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ChatStreamEventV1>> {
    if (this.ended) return finished;
    for (;;) {
      let result: IteratorResult<ChatStreamEventV1>;
      try {
        result = await this.inner.next();
      } catch (error) {
        return this.last({ type: 'error', error: toModelgateError(error) });
      }
      if (result.done === true) {
        const message = `The stream from ${this.options.deploymentId} ended without a finish.`;
        return this.last({ type: 'error', error: new UpstreamError(message, { isRetryable: false }) });
      }
      const event = result.value;
      if (event.type !== 'chunk') return this.last(event);
      if (this.first) {
        this.first = false;
        this.options.onFirstChunk?.();
      }
      let chunk = event.chunk;
      if (!this.options.includeUsage && chunk.choices.length === 0 && chunk.usage) continue;
      for (const middleware of this.chunkHooks) chunk = middleware.onChunk!(chunk, this.options.context) ?? chunk;
      return { done: false, value: chunk === event.chunk ? event : { type: 'chunk', chunk } };
    }
  }

  /** The consumer stopped early: stop the provider's stream too (it cancels the upstream read). */
  async return(): Promise<IteratorResult<ChatStreamEventV1>> {
    if (!this.ended) {
      this.ended = true;
      this.options.onEnd?.();
      await this.inner.return?.();
    }
    return finished;
  }

  /** The stream's last event: the provider's iterator is closed so that its clean-up runs now. */
  private last(event: ChatStreamEventV1): IteratorResult<ChatStreamEventV1> {
    this.ended = true;
    if (event.type === 'finish') this.options.onFinish?.(event.usage);
    this.options.onEnd?.();
    this.inner.return?.()?.catch(() => undefined);
    return { done: false, value: event };
  }
}

export function guardChatStream(events: AsyncIterable<ChatStreamEventV1>, options: GuardOptions): AsyncIterableIterator<ChatStreamEventV1> {
  return new GuardedChatStream(events, options);
}

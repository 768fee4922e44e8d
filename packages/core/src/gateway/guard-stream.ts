import { UpstreamError } from '../errors/upstream-error.js';
import { toModelgateError } from '../errors/to-modelgate-error.js';
import type { ModelgateError } from '../errors/modelgate-error.js';
import type { UsageV1 } from '../specification/chat/chat-response-v1.js';

/** What every stream part union shares: its end is one `finish` or one `error`. */
export type GuardedPart = { type: 'finish'; usage?: UsageV1 } | { type: 'error'; error: ModelgateError } | { type: string };

export interface GuardOptions<P extends GuardedPart> {
  deploymentId: string;
  /** Called with each part before it goes on; may return a replacement (middleware). May throw. */
  transform?: (part: P) => P;
  onFirstPart?: () => void;
  /** Called with the usage of a stream that finished normally. */
  onFinish?: (usage: UsageV1 | undefined) => void;
  /** Called once when the stream is over, however it ended. */
  onEnd?: () => void;
}

const finished: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

function isTerminal(part: GuardedPart): part is { type: 'finish'; usage?: UsageV1 } | { type: 'error'; error: ModelgateError } {
  return part.type === 'finish' || part.type === 'error';
}

/**
 * Wraps a provider's stream so that it keeps the promise of the spec whatever the provider does:
 * exactly one `finish` or `error` at the end, nothing after it, a thrown exception (the provider's or a
 * transform's) becomes an `error` part, and an iterable that just stops is an error, not a normal end.
 * A hand-written iterator rather than an async generator: one promise per part instead of several.
 */
class GuardedStream<P extends GuardedPart> implements AsyncIterableIterator<P> {
  private ended = false;
  private first = true;

  constructor(
    private readonly inner: AsyncIterator<P>,
    private readonly options: GuardOptions<P>,
    private pending: IteratorResult<P> | undefined,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<P>> {
    if (this.ended) return finished;
    let result: IteratorResult<P>;
    try {
      if (this.pending !== undefined) {
        result = this.pending;
        this.pending = undefined;
      } else {
        result = await this.inner.next();
      }
    } catch (error) {
      return this.last({ type: 'error', error: toModelgateError(error) } as P);
    }
    if (result.done === true) {
      const message = `The stream from ${this.options.deploymentId} ended without a finish.`;
      return this.last({
        type: 'error',
        error: new UpstreamError(message, { isRetryable: false, code: 'stream_incomplete' }),
      } as unknown as P);
    }
    if (this.first) {
      this.first = false;
      this.options.onFirstPart?.();
    }
    let part = result.value;
    if (this.options.transform !== undefined) {
      try {
        part = this.options.transform(part);
      } catch (error) {
        return this.last({ type: 'error', error: toModelgateError(error) } as P);
      }
    }
    if (isTerminal(part)) return this.last(part);
    return { done: false, value: part };
  }

  /** The consumer stopped early: stop the provider's stream too (it cancels the upstream read). */
  async return(): Promise<IteratorResult<P>> {
    if (!this.ended) {
      this.ended = true;
      this.options.onEnd?.();
      await this.inner.return?.();
    }
    return finished;
  }

  /** The stream's last part: the provider's iterator is closed so that its clean-up runs now. */
  private last(part: P): IteratorResult<P> {
    this.ended = true;
    if (part.type === 'finish') this.options.onFinish?.((part as { usage?: UsageV1 }).usage);
    this.options.onEnd?.();
    this.inner.return?.()?.catch(() => undefined);
    return { done: false, value: part };
  }
}

/**
 * Guards a stream. `pending` is a first result already read (the gateway reads the first part to learn
 * the stream's warnings before it answers).
 */
export function guardStream<P extends GuardedPart>(
  inner: AsyncIterator<P>,
  options: GuardOptions<P>,
  pending?: IteratorResult<P>,
): AsyncIterableIterator<P> {
  return new GuardedStream(inner, options, pending);
}

import type { CallAbortV1 } from '../specification/call-abort.js';

type Listener = () => void;

/**
 * A cheap abort source for the request path. It makes a standard `AbortSignal` only when someone
 * reads `signal`, and otherwise lets listeners subscribe with `once('abort')` (the form undici
 * takes as a `signal`). A child follows its parent's abort and can be aborted on its own (a
 * deadline), which is how each attempt of a request gets its own abort.
 */
export class Cancellation implements CallAbortV1 {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Listener[] | undefined;
  private controller: AbortController | undefined;
  private detach: (() => void) | undefined;

  /**
   * A cancellation that follows a standard signal (one listener on it). Call `release()` when the
   * call is over, so that a long-lived signal does not collect a listener per call.
   */
  static fromSignal(signal: AbortSignal | undefined): Cancellation {
    const cancellation = new Cancellation();
    if (signal === undefined) return cancellation;
    if (signal.aborted) {
      cancellation.abort(signal.reason);
      return cancellation;
    }
    const follow = () => cancellation.abort(signal.reason);
    signal.addEventListener('abort', follow, { once: true });
    cancellation.detach = () => signal.removeEventListener('abort', follow);
    return cancellation;
  }

  /** Stops following the signal this cancellation was made from (no-op otherwise). */
  release(): void {
    this.detach?.();
    this.detach = undefined;
  }

  /** The same abort as a standard `AbortSignal`, made on first use. */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  abort(reason: unknown = new Error('This operation was aborted')): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
  }

  /** The same as `once`: an abort happens at most once. */
  on(event: 'abort', listener: Listener): this {
    return this.once(event, listener);
  }

  once(_event: 'abort', listener: Listener): this {
    if (this.aborted) return this;
    (this.listeners ??= []).push(listener);
    return this;
  }

  removeListener(_event: 'abort', listener: Listener): this {
    const listeners = this.listeners;
    if (listeners === undefined) return this;
    const position = listeners.indexOf(listener);
    if (position !== -1) listeners.splice(position, 1);
    return this;
  }

  /** A cancellation aborted with this one (and on its own). `unlink` stops following this one. */
  child(): { cancellation: Cancellation; unlink: () => void } {
    const child = new Cancellation();
    if (this.aborted) {
      child.abort(this.reason);
      return { cancellation: child, unlink: () => {} };
    }
    const follow = () => child.abort(this.reason);
    this.once('abort', follow);
    return { cancellation: child, unlink: () => this.removeListener('abort', follow) };
  }
}

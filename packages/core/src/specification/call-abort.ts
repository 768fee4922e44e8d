/**
 * The abort of one call, in the form undici accepts as a `signal` (an EventEmitter-style
 * `once('abort', …)`), which costs nanoseconds where an `AbortSignal` costs microseconds to make
 * and to listen on. `CallOptions.signal` is the same abort as a standard `AbortSignal`.
 */
export interface CallAbortV1 {
  readonly aborted: boolean;
  readonly reason: unknown;
  on(event: 'abort', listener: () => void): unknown;
  once(event: 'abort', listener: () => void): unknown;
  removeListener(event: 'abort', listener: () => void): unknown;
}

import type { CallAbortV1 } from '../specification/call-abort.js';
import type { CallOptions } from '../specification/provider-v1.js';
import type { Cancellation } from './cancellation.js';

/** The options of one attempt's call: `signal` is made only if the provider reads it. */
export class AttemptCallOptions implements CallOptions {
  readonly abort: CallAbortV1;

  constructor(
    private readonly cancellation: Cancellation,
    readonly requestId: string,
    readonly headers: Record<string, string> | undefined,
    /** The deployment's or the request's strictness (`CallOptions.strict`). */
    readonly strict: boolean = false,
  ) {
    this.abort = cancellation;
  }

  get signal(): AbortSignal {
    return this.cancellation.signal;
  }
}

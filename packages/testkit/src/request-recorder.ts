import type { IncomingHttpHeaders } from 'node:http';

/** One request a mock upstream received. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string (`/v1/chat/completions`). */
  path: string;
  /** The query string without `?`, empty when there is none. */
  query: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; `undefined` when the body was empty or not JSON. */
  body: unknown;
  /** The body as received. */
  rawBody: string;
  /** The scenario that answered, when the route serves scenarios (`text`, `hang`, ...). */
  scenario: string | undefined;
  /** True when the client went away before the answer was complete. */
  aborted: boolean;
}

export interface WaitOptions {
  /** Rejects after this many milliseconds so that a test never hangs. Default 5000. */
  timeoutMs?: number;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  /** For request-count waiters: how many requests to wait for. */
  count: number;
}

function waitWithTimeout<T>(waiters: Set<Waiter<T>>, options: WaitOptions, what: string, count = 0): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise<T>((resolve, reject) => {
    const waiter: Waiter<T> = {
      count,
      resolve: (value) => {
        clearTimeout(waiter.timer);
        waiters.delete(waiter);
        resolve(value);
      },
      reject: (error) => {
        clearTimeout(waiter.timer);
        waiters.delete(waiter);
        reject(error);
      },
      timer: setTimeout(() => waiter.reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)), timeoutMs),
    };
    waiters.add(waiter);
  });
}

/**
 * The requests a mock upstream received, and promises that settle when requests arrive or are
 * aborted. Shared by every mock server of the testkit.
 */
export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];
  private unclaimedAborts: RecordedRequest[] = [];
  private readonly abortWaiters = new Set<Waiter<RecordedRequest>>();
  private readonly countWaiters = new Set<Waiter<RecordedRequest[]>>();

  record(request: RecordedRequest): void {
    this.requests.push(request);
    for (const waiter of [...this.countWaiters]) {
      if (this.requests.length >= waiter.count) waiter.resolve(this.requests);
    }
  }

  markAborted(request: RecordedRequest): void {
    if (request.aborted) return;
    request.aborted = true;
    const [waiter] = this.abortWaiters;
    if (waiter) waiter.resolve(request);
    else this.unclaimedAborts.push(request);
  }

  /** The next aborted request not yet returned by this method (earlier aborts count too). */
  waitForAbort(options: WaitOptions = {}): Promise<RecordedRequest> {
    const aborted = this.unclaimedAborts.shift();
    if (aborted) return Promise.resolve(aborted);
    return waitWithTimeout(this.abortWaiters, options, 'an aborted request');
  }

  /** Resolves with all requests once at least `count` were received since the last reset. */
  waitForRequests(count: number, options: WaitOptions = {}): Promise<RecordedRequest[]> {
    if (this.requests.length >= count) return Promise.resolve(this.requests);
    return waitWithTimeout(this.countWaiters, options, `${count} request(s)`, count);
  }

  /** Forgets the requests; pending waiters are rejected. */
  reset(): void {
    this.requests.length = 0;
    this.unclaimedAborts = [];
    this.rejectWaiters(new Error('The mock server was reset.'));
  }

  rejectWaiters(error: Error): void {
    for (const waiter of [...this.abortWaiters]) waiter.reject(error);
    for (const waiter of [...this.countWaiters]) waiter.reject(error);
  }
}

/** A pending deadline; `cancel()` forgets it. */
export interface Deadline {
  cancel(): void;
}

const longTimeoutMs = 2_000;

/**
 * Deadlines for many concurrent calls with one timer. A `setTimeout` per call costs about a
 * microsecond to arm and disarm; for long timeouts (the common case: minutes) the deadlines go
 * into buckets of `timeout / 64` (at most a second) swept by one unreferenced interval, so a
 * deadline fires less than two buckets late (its bucket ends up to one bucket after it, and the
 * sweep that sees the bucket's end comes up to one bucket after that). Short timeouts keep their
 * own `setTimeout`.
 */
export class DeadlineTimer {
  private readonly granularityMs: number;
  private readonly buckets = new Map<number, Set<() => void>>();
  private interval: NodeJS.Timeout | undefined;

  constructor(private readonly timeoutMs: number) {
    this.granularityMs = Math.min(1_000, Math.max(10, Math.floor(timeoutMs / 64)));
  }

  /** Calls `onExpire` once `timeoutMs` have passed, unless cancelled first. */
  start(onExpire: () => void): Deadline {
    if (this.timeoutMs < longTimeoutMs) {
      const timer = setTimeout(onExpire, this.timeoutMs);
      return { cancel: () => clearTimeout(timer) };
    }
    const bucket = Math.ceil((Date.now() + this.timeoutMs) / this.granularityMs);
    let entries = this.buckets.get(bucket);
    if (entries === undefined) {
      entries = new Set();
      this.buckets.set(bucket, entries);
    }
    entries.add(onExpire);
    this.interval ??= setInterval(() => this.sweep(), this.granularityMs).unref();
    const owner = entries;
    return { cancel: () => owner.delete(onExpire) };
  }

  /** Stops the sweeping timer (pending deadlines never fire). */
  close(): void {
    if (this.interval !== undefined) clearInterval(this.interval);
    this.interval = undefined;
    this.buckets.clear();
  }

  private sweep(): void {
    const now = Math.floor(Date.now() / this.granularityMs);
    for (const [bucket, entries] of this.buckets) {
      if (bucket > now) continue;
      this.buckets.delete(bucket);
      for (const onExpire of entries) onExpire();
    }
    if (this.buckets.size === 0 && this.interval !== undefined) {
      clearInterval(this.interval);
      this.interval = undefined;
    }
  }
}

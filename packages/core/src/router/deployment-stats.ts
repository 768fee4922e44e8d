import type { DeploymentStatsV1 } from '../specification/router-strategy-v1.js';

const smoothing = 0.2;
const minuteMs = 60_000;

/** Live figures of one deployment in this process. */
export class DeploymentStats implements DeploymentStatsV1 {
  inFlight = 0;
  latencyEwmaMs: number | undefined;
  timeToFirstTokenEwmaMs: number | undefined;
  private minuteStart = 0;
  private requests = 0;
  private tokens = 0;

  get requestsThisMinute(): number {
    this.roll(Date.now());
    return this.requests;
  }

  get tokensThisMinute(): number {
    this.roll(Date.now());
    return this.tokens;
  }

  started(now: number): void {
    this.roll(now);
    this.inFlight += 1;
    this.requests += 1;
  }

  finished(latencyMs: number): void {
    this.inFlight -= 1;
    this.latencyEwmaMs = this.latencyEwmaMs === undefined ? latencyMs : this.latencyEwmaMs + smoothing * (latencyMs - this.latencyEwmaMs);
  }

  firstToken(latencyMs: number): void {
    this.timeToFirstTokenEwmaMs =
      this.timeToFirstTokenEwmaMs === undefined
        ? latencyMs
        : this.timeToFirstTokenEwmaMs + smoothing * (latencyMs - this.timeToFirstTokenEwmaMs);
  }

  addTokens(count: number): void {
    this.roll(Date.now());
    this.tokens += count;
  }

  private roll(now: number): void {
    if (now - this.minuteStart >= minuteMs) {
      this.minuteStart = now;
      this.requests = 0;
      this.tokens = 0;
    }
  }
}

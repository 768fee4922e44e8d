import { Cancellation } from '../gateway/cancellation.js';
import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { ModelgateError } from '../errors/modelgate-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type { DeploymentV1, RouterStrategyV1, RoutingCandidateV1 } from '../specification/router-strategy-v1.js';
import { DeadlineTimer } from './deadline-timer.js';
import { DeploymentStats } from './deployment-stats.js';
import { classifyFailure, retryDelayMs } from './should-try-another.js';

export interface RouterOptions {
  registry: ModelRegistry;
  strategy: RouterStrategyV1;
  retries: number;
  timeoutMs: number;
  fallbacks: Readonly<Record<string, readonly string[]>>;
  /** Deadline of a whole request, every attempt and back-off included (until the answer opens). */
  requestTimeoutMs?: number;
  /** Providers that cannot serve (a credential references an unset variable): their attempts fail with this error. */
  unavailableProviders?: ReadonlyMap<string, ModelgateError>;
  /** Source of randomness for strategies; tests pass a seeded one. */
  random?: () => number;
}

export interface AttemptContext {
  deployment: DeploymentV1;
  /** Aborted when the request is cancelled or this attempt's deadline passes. */
  cancellation: Cancellation;
  /** The same abort as a standard signal (made when read). */
  readonly signal: AbortSignal;
  /** 0 for the first attempt. */
  attempt: number;
}

export interface RouteResult<T> {
  result: T;
  deployment: DeploymentV1;
  /** How many attempts were made, the successful one included. */
  attempts: number;
  /** Wall time spent inside attempts (upstream time), in milliseconds. */
  upstreamMs: number;
  /** The model group that served: the one asked for or a fallback. */
  model: string;
}

function sleep(ms: number, cancellation: Cancellation | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      cancellation?.removeListener('abort', done);
      resolve();
    }
    cancellation?.once('abort', done);
  });
}

const noop = () => {};

/** The whole request ran out of time (`router.request_timeout_ms`). */
function requestTimeout(timeoutMs: number, attempts: number, lastError: unknown): TimeoutError {
  return new TimeoutError(`The request did not get an answer within router.request_timeout_ms (${timeoutMs} ms, ${attempts} attempts).`, {
    code: 'request_timeout',
    ...(lastError === undefined ? {} : { cause: lastError }),
  });
}

function shortDeadline(ms: number, onExpire: () => void): { cancel(): void } {
  const timer = setTimeout(onExpire, Math.max(1, ms));
  return { cancel: () => clearTimeout(timer) };
}

/** One attempt's context; a class so that the `signal` getter costs nothing per call. */
class Attempt implements AttemptContext {
  constructor(
    readonly deployment: DeploymentV1,
    readonly cancellation: Cancellation,
    readonly attempt: number,
  ) {}

  get signal(): AbortSignal {
    return this.cancellation.signal;
  }
}

/**
 * Runs a call against the deployments of a model: the strategy picks among deployments not yet
 * tried, a retryable failure moves to another (or, when all were tried, to the same after a
 * back-off), and when a group is spent its fallbacks are tried in order. At most `retries + 1`
 * attempts are made per group.
 */
export class Router {
  private readonly stats = new Map<string, DeploymentStats>();
  private readonly random: () => number;
  private readonly deadlines: DeadlineTimer;

  constructor(private readonly options: RouterOptions) {
    this.random = options.random ?? Math.random;
    this.deadlines = new DeadlineTimer(options.timeoutMs);
  }

  /** Stops the deadline timer. */
  close(): void {
    this.deadlines.close();
  }

  statsOf(deploymentId: string): DeploymentStats {
    let stats = this.stats.get(deploymentId);
    if (!stats) {
      stats = new DeploymentStats();
      this.stats.set(deploymentId, stats);
    }
    return stats;
  }

  /** Throws `ModelNotFoundError` for a name with no group and no provider. */
  resolve(model: string): readonly DeploymentV1[] {
    const group = this.options.registry.resolve(model);
    if (!group) {
      throw new ModelNotFoundError(`The model \`${model}\` does not exist or you do not have access to it.`, { param: 'model' });
    }
    return group.deployments;
  }

  async run<T>(
    model: string,
    call: (context: AttemptContext) => Promise<T>,
    cancellation?: Cancellation,
    mayUseGroup?: (group: string) => boolean,
  ): Promise<RouteResult<T>> {
    // The group asked for is authorised by the caller; a fallback the caller may not use is passed over.
    // Own entries only: a model named `constructor` has no fallbacks.
    const fallbacks = Object.hasOwn(this.options.fallbacks, model) ? this.options.fallbacks[model] : undefined;
    const chain =
      fallbacks === undefined || fallbacks.length === 0
        ? [model]
        : [model, ...(mayUseGroup === undefined ? fallbacks : fallbacks.filter(mayUseGroup))];
    let attempts = 0;
    let upstreamMs = 0;
    let lastError: unknown;
    const requestTimeoutMs = this.options.requestTimeoutMs;
    const requestDeadline = requestTimeoutMs === undefined ? undefined : performance.now() + requestTimeoutMs;
    for (const groupName of chain) {
      const deployments = this.resolve(groupName);
      const tried = new Set<string>();
      const skipped = new Set<string>();
      for (let groupAttempt = 0; groupAttempt <= this.options.retries; groupAttempt += 1) {
        if (cancellation?.aborted) throw cancellation.reason ?? lastError;
        let pool: readonly DeploymentV1[] = tried.size === 0 ? deployments : deployments.filter((deployment) => !tried.has(deployment.id));
        if (pool.length === 0) {
          pool = deployments.filter((deployment) => !skipped.has(deployment.id));
          if (pool.length === 0) break;
          const delayMs = retryDelayMs(lastError, groupAttempt);
          if (requestDeadline !== undefined && performance.now() + delayMs >= requestDeadline) {
            throw requestTimeout(requestTimeoutMs!, attempts, lastError);
          }
          await sleep(delayMs, cancellation);
          if (cancellation?.aborted) throw cancellation.reason ?? lastError;
        }
        const remainingMs = requestDeadline === undefined ? undefined : requestDeadline - performance.now();
        // Under a millisecond left is none: timers and the clock do not agree more finely than that.
        if (remainingMs !== undefined && remainingMs < 1) throw requestTimeout(requestTimeoutMs!, attempts, lastError);
        const deployment = this.pick(pool, groupName, attempts);
        tried.add(deployment.id);
        const started = performance.now();
        try {
          const result = await this.attempt(deployment, attempts, call, cancellation, remainingMs);
          upstreamMs += performance.now() - started;
          return { result, deployment, attempts: attempts + 1, upstreamMs, model: groupName };
        } catch (error) {
          upstreamMs += performance.now() - started;
          attempts += 1;
          lastError = error;
          if (cancellation?.aborted) throw error;
          if (TimeoutError.isInstance(error) && error.code === 'request_timeout') throw error;
          const action = classifyFailure(error);
          if (action === 'stop') throw error;
          if (action === 'skip') {
            // A deployment that cannot serve this request is passed over without using up a retry.
            skipped.add(deployment.id);
            groupAttempt -= 1;
          }
        }
      }
    }
    throw lastError instanceof Error ? lastError : new ModelgateError('Every deployment failed.');
  }

  private pick(pool: readonly DeploymentV1[], model: string, attempt: number): DeploymentV1 {
    if (pool.length === 1) return pool[0]!;
    const candidates: RoutingCandidateV1[] = pool.map((deployment) => ({ deployment, stats: this.statsOf(deployment.id) }));
    return this.options.strategy.select(candidates, { model, attempt, random: this.random() }).deployment;
  }

  private async attempt<T>(
    deployment: DeploymentV1,
    attempt: number,
    call: (context: AttemptContext) => Promise<T>,
    parent: Cancellation | undefined,
    remainingMs: number | undefined,
  ): Promise<T> {
    const unavailable = this.options.unavailableProviders?.get(deployment.provider);
    if (unavailable !== undefined) throw unavailable;
    const stats = this.statsOf(deployment.id);
    // On success the attempt stays linked to the request: a stream keeps using its abort.
    const { cancellation, unlink } = parent === undefined ? { cancellation: new Cancellation(), unlink: noop } : parent.child();
    const timeoutMs = this.options.timeoutMs;
    const deadline =
      remainingMs !== undefined && remainingMs < timeoutMs
        ? shortDeadline(remainingMs, () => cancellation.abort(requestTimeout(this.options.requestTimeoutMs!, attempt + 1, undefined)))
        : this.deadlines.start(() => {
            cancellation.abort(new TimeoutError(`${deployment.id} did not answer within ${timeoutMs} ms.`));
          });
    const started = performance.now();
    stats.started(Date.now());
    try {
      return await call(new Attempt(deployment, cancellation, attempt));
    } catch (error) {
      unlink();
      // A deadline that fired is reported as such, whatever the provider made of the abort.
      if (cancellation.aborted && TimeoutError.isInstance(cancellation.reason) && parent?.aborted !== true) {
        throw cancellation.reason;
      }
      throw error;
    } finally {
      deadline.cancel();
      stats.finished(performance.now() - started);
    }
  }
}

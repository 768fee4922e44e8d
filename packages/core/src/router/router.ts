import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { ModelgateError } from '../errors/modelgate-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type { DeploymentV1, RouterStrategyV1, RoutingCandidateV1 } from '../specification/router-strategy-v1.js';
import { DeploymentStats } from './deployment-stats.js';
import { classifyFailure, retryDelayMs } from './should-try-another.js';

export interface RouterOptions {
  registry: ModelRegistry;
  strategy: RouterStrategyV1;
  retries: number;
  timeoutMs: number;
  fallbacks: Readonly<Record<string, readonly string[]>>;
  /** Source of randomness for strategies; tests pass a seeded one. */
  random?: () => number;
}

export interface AttemptContext {
  deployment: DeploymentV1;
  /** Aborted when the client aborts or this attempt's deadline passes. */
  signal: AbortSignal;
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

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
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

  constructor(private readonly options: RouterOptions) {
    this.random = options.random ?? Math.random;
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
    signal?: AbortSignal,
  ): Promise<RouteResult<T>> {
    const chain = [model, ...(this.options.fallbacks[model] ?? [])];
    let attempts = 0;
    let upstreamMs = 0;
    let lastError: unknown;
    for (const groupName of chain) {
      const deployments = this.resolve(groupName);
      const tried = new Set<string>();
      const skipped = new Set<string>();
      for (let groupAttempt = 0; groupAttempt <= this.options.retries; groupAttempt += 1) {
        if (signal?.aborted) throw signal.reason ?? lastError;
        let pool: readonly DeploymentV1[] = deployments.filter((deployment) => !tried.has(deployment.id));
        if (pool.length === 0) {
          pool = deployments.filter((deployment) => !skipped.has(deployment.id));
          if (pool.length === 0) break;
          await sleep(retryDelayMs(lastError, groupAttempt), signal);
          if (signal?.aborted) throw signal.reason ?? lastError;
        }
        const candidates: RoutingCandidateV1[] = pool.map((deployment) => ({ deployment, stats: this.statsOf(deployment.id) }));
        const { deployment } = this.options.strategy.select(candidates, { model: groupName, attempt: attempts, random: this.random() });
        tried.add(deployment.id);
        const started = performance.now();
        try {
          const result = await this.attempt(deployment, attempts, call, signal);
          upstreamMs += performance.now() - started;
          return { result, deployment, attempts: attempts + 1, upstreamMs, model: groupName };
        } catch (error) {
          upstreamMs += performance.now() - started;
          attempts += 1;
          lastError = error;
          if (signal?.aborted) throw error;
          const action = classifyFailure(error);
          if (action === 'stop') throw error;
          if (action === 'skip') skipped.add(deployment.id);
        }
      }
    }
    throw lastError instanceof Error ? lastError : new ModelgateError('Every deployment failed.');
  }

  private async attempt<T>(
    deployment: DeploymentV1,
    attempt: number,
    call: (context: AttemptContext) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const stats = this.statsOf(deployment.id);
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = this.options.timeoutMs;
    const timer = setTimeout(() => {
      controller.abort(new TimeoutError(`${deployment.id} did not answer within ${timeoutMs} ms.`));
    }, timeoutMs);
    const started = performance.now();
    stats.started(Date.now());
    try {
      // On success the client's abort stays linked: a stream keeps using this signal.
      return await call({ deployment, signal: controller.signal, attempt });
    } catch (error) {
      signal?.removeEventListener('abort', onAbort);
      // A deadline that fired is reported as such, whatever the provider made of the abort.
      if (controller.signal.aborted && TimeoutError.isInstance(controller.signal.reason) && !signal?.aborted) {
        throw controller.signal.reason;
      }
      throw error;
    } finally {
      clearTimeout(timer);
      stats.finished(performance.now() - started);
    }
  }
}

import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { MissingCredentialError } from '../errors/missing-credential-error.js';
import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UpstreamError } from '../errors/upstream-error.js';
import { Cancellation } from '../gateway/cancellation.js';
import { ModelRegistry } from '../models/model-registry.js';
import { Router } from './router.js';
import { weightedStrategy } from './weighted-strategy.js';

const config = {
  providers: { a: {}, b: {}, c: {} },
  models: [
    {
      name: 'smart',
      deployments: [
        { provider: 'a', model: 'm1', weight: 3 },
        { provider: 'b', model: 'm2', weight: 1 },
      ],
    },
    { name: 'fast', deployments: [{ provider: 'c', model: 'm3', weight: 1 }] },
  ],
};

function router(options: Partial<{ retries: number; timeoutMs: number; fallbacks: Record<string, string[]>; random: () => number }> = {}) {
  return new Router({
    registry: new ModelRegistry(config),
    strategy: weightedStrategy,
    retries: options.retries ?? 2,
    timeoutMs: options.timeoutMs ?? 5_000,
    fallbacks: options.fallbacks ?? {},
    random: options.random ?? (() => 0),
  });
}

const down = () => new UpstreamError('down', { upstreamStatus: 503 });

describe('model registry', () => {
  it('resolves groups first, then provider/model for a known provider', () => {
    const registry = new ModelRegistry(config);
    expect(registry.resolve('smart')?.deployments.map((deployment) => deployment.id)).toEqual(['a/m1', 'b/m2']);
    expect(registry.resolve('a/org/model-x')).toEqual({
      name: 'a/org/model-x',
      direct: true,
      deployments: [{ id: 'a/org/model-x', provider: 'a', model: 'org/model-x', weight: 1 }],
    });
    expect(registry.resolve('zzz/model')).toBeUndefined();
    expect(registry.resolve('a/')).toBeUndefined();
    expect(registry.resolve('/m')).toBeUndefined();
  });
});

describe('weighted strategy', () => {
  it('picks in proportion to weight', () => {
    const candidates = new ModelRegistry(config).resolve('smart')!.deployments.map((deployment) => ({
      deployment,
      stats: { inFlight: 0, requestsThisMinute: 0, tokensThisMinute: 0 },
    }));
    const pick = (random: number) => weightedStrategy.select(candidates, { model: 'smart', attempt: 0, random }).deployment.id;
    expect(pick(0)).toBe('a/m1');
    expect(pick(0.74)).toBe('a/m1');
    expect(pick(0.76)).toBe('b/m2');
    expect(pick(0.999)).toBe('b/m2');
  });
});

describe('router', () => {
  it('serves from the picked deployment and counts one attempt', async () => {
    const result = await router().run('smart', async ({ deployment }) => deployment.model);
    expect(result).toMatchObject({ result: 'm1', attempts: 1, model: 'smart', deployment: { id: 'a/m1' } });
  });

  it('moves to another deployment after a retryable error', async () => {
    const seen: string[] = [];
    const result = await router().run('smart', async ({ deployment }) => {
      seen.push(deployment.id);
      if (deployment.id === 'a/m1') throw down();
      return 'ok';
    });
    expect(seen).toEqual(['a/m1', 'b/m2']);
    expect(result.attempts).toBe(2);
    expect(result.deployment.id).toBe('b/m2');
  });

  it('stops at once on a client error', async () => {
    let calls = 0;
    await expect(
      router().run('smart', async () => {
        calls += 1;
        throw new InvalidRequestError('bad', { param: 'messages' });
      }),
    ).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });

  it('moves on after a missing credential on one deployment', async () => {
    const result = await router().run('smart', async ({ deployment }) => {
      if (deployment.provider === 'a')
        throw new MissingCredentialError({ provider: 'a', setting: 'api_key', environmentVariable: 'A_KEY' });
      return deployment.id;
    });
    expect(result.result).toBe('b/m2');
  });

  it('retries the same deployment when it is the only one, up to retries + 1 attempts', async () => {
    let calls = 0;
    const attempt = router({ retries: 2 }).run('fast', async () => {
      calls += 1;
      throw new UpstreamError('down', { upstreamStatus: 503, retryAfterMs: 1 });
    });
    await expect(attempt).rejects.toSatisfy((error) => UpstreamError.isInstance(error));
    expect(calls).toBe(3);
  });

  it('falls back to the next group when every deployment failed', async () => {
    const seen: string[] = [];
    const result = await router({ retries: 1, fallbacks: { smart: ['fast'] } }).run('smart', async ({ deployment }) => {
      seen.push(deployment.id);
      if (deployment.provider !== 'c') throw down();
      return 'fallback';
    });
    expect(seen).toEqual(['a/m1', 'b/m2', 'c/m3']);
    expect(result).toMatchObject({ result: 'fallback', model: 'fast', attempts: 3 });
  });

  it('turns a deadline into a TimeoutError and aborts the attempt', async () => {
    let aborted = false;
    const attempt = router({ retries: 0, timeoutMs: 20 }).run(
      'fast',
      ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted by signal'));
          });
        }),
    );
    await expect(attempt).rejects.toSatisfy((error) => TimeoutError.isInstance(error));
    expect(aborted).toBe(true);
  });

  it('does not retry after the client aborted', async () => {
    const cancellation = new Cancellation();
    let calls = 0;
    const attempt = router().run(
      'smart',
      async () => {
        calls += 1;
        cancellation.abort(new Error('client went away'));
        throw down();
      },
      cancellation,
    );
    await expect(attempt).rejects.toThrow('down');
    expect(calls).toBe(1);
  });

  it('keeps the attempt signal linked to the client after success (streams)', async () => {
    const request = Cancellation.fromSignal(new AbortController().signal);
    const { result: attempt } = await router().run('fast', async (context) => context, request);
    expect(attempt.cancellation.aborted).toBe(false);
    const signal = attempt.signal;
    request.abort(new Error('gone'));
    expect(attempt.cancellation.aborted).toBe(true);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('gone');
  });

  it('throws model_not_found for an unknown model', async () => {
    await expect(router().run('nope', async () => 1)).rejects.toSatisfy(
      (error) => ModelNotFoundError.isInstance(error) && error.code === 'model_not_found' && error.status === 404,
    );
  });

  it('tracks in-flight calls and latency per deployment', async () => {
    const instance = router();
    let inFlightDuring = -1;
    await instance.run('fast', async () => {
      inFlightDuring = instance.statsOf('c/m3').inFlight;
    });
    expect(inFlightDuring).toBe(1);
    expect(instance.statsOf('c/m3').inFlight).toBe(0);
    expect(instance.statsOf('c/m3').latencyEwmaMs).toBeGreaterThanOrEqual(0);
    expect(instance.statsOf('c/m3').requestsThisMinute).toBe(1);
  });
});

describe('router: deployments that cannot serve', () => {
  it('never reuses a deployment that failed for want of credentials, and falls back at once', async () => {
    const seen: string[] = [];
    const result = await router({ retries: 2, fallbacks: { fast: ['smart'] } }).run('fast', async ({ deployment }) => {
      seen.push(deployment.id);
      if (deployment.provider === 'c') throw new MissingCredentialError({ provider: 'c', setting: 'api_key' });
      return deployment.id;
    });
    expect(seen).toEqual(['c/m3', 'a/m1']);
    expect(result.model).toBe('smart');
  });
});

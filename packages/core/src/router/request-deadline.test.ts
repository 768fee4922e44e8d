import { describe, expect, it } from 'vitest';
import { MissingCredentialError } from '../errors/missing-credential-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { ModelRegistry } from '../models/model-registry.js';
import type { AttemptContext } from './router.js';
import { Router } from './router.js';
import { weightedStrategy } from './weighted-strategy.js';

const config = {
  providers: { a: {}, b: {} },
  models: [
    {
      name: 'smart',
      deployments: [
        { provider: 'a', model: 'm1', weight: 1 },
        { provider: 'b', model: 'm2', weight: 1 },
      ],
    },
  ],
};

function router(extra: { requestTimeoutMs?: number; unavailableProviders?: Map<string, MissingCredentialError> }) {
  return new Router({
    registry: new ModelRegistry(config),
    strategy: weightedStrategy,
    retries: 5,
    timeoutMs: 5_000,
    fallbacks: {},
    random: () => 0,
    ...extra,
  });
}

/** An attempt that never answers until its deadline aborts it. */
function hangs(context: AttemptContext): Promise<never> {
  return new Promise((_resolve, reject) => context.cancellation.once('abort', () => reject(context.cancellation.reason)));
}

describe('router.request_timeout_ms', () => {
  it('bounds every attempt and back-off of a request together', async () => {
    const attempts: string[] = [];
    const abortCodes: unknown[] = [];
    const error = await router({ requestTimeoutMs: 150 })
      .run('smart', (context) => {
        attempts.push(context.deployment.id);
        context.cancellation.once('abort', () => abortCodes.push((context.cancellation.reason as TimeoutError).code));
        return hangs(context);
      })
      .catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).code).toBe('request_timeout');
    expect((error as Error).message).toContain('router.request_timeout_ms (150 ms');
    // Six attempts of 5 s would be allowed by retries and timeout_ms; the request deadline allows one.
    expect(attempts).toEqual(['a/m1']);
    // The attempt itself was cut by the request deadline, not by its own 5 s timeout.
    expect(abortCodes).toEqual(['request_timeout']);
  });
});

describe('unavailable providers', () => {
  it('fails attempts on a provider whose credential references an unset variable, and tries the others', async () => {
    const unavailable = new Map([
      ['a', new MissingCredentialError({ provider: 'a', setting: 'providers.a.api_key', unsetVariable: 'TEAM_KEY' })],
    ]);
    const called: string[] = [];
    const result = await router({ unavailableProviders: unavailable }).run('smart', async (context) => {
      called.push(context.deployment.id);
      return 'ok';
    });
    expect(result.deployment.id).toBe('b/m2');
    expect(called).toEqual(['b/m2']);
  });
});

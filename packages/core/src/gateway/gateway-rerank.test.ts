import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UpstreamError } from '../errors/upstream-error.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { ProviderV1, RerankModelV1 } from '../specification/provider-v1.js';
import type { RerankRequestV1 } from '../specification/rerank-v1.js';
import { createGateway } from './create-gateway.js';

interface RerankCall {
  provider: string;
  modelId: string;
  request: RerankRequestV1;
}

/** A provider plugin with rerank (scores by shared words, answered in document order) or without it. */
function rerankPlugin(calls: RerankCall[]) {
  return definePlugin({
    kind: 'provider',
    name: 'ranker',
    specificationVersion: 'v1',
    settingsSchema: z.strictObject({ rerank: z.boolean().default(true), fail_times: z.number().int().default(0) }),
    create(settings, context): ProviderV1 {
      let failures = 0;
      const rerank = (modelId: string): RerankModelV1 => ({
        specificationVersion: 'v1',
        provider: context.instanceName,
        modelId,
        async rerank(request) {
          calls.push({ provider: context.instanceName, modelId, request });
          if (failures < settings.fail_times) {
            failures += 1;
            throw new UpstreamError('busy', { upstreamStatus: 503, provider: context.instanceName });
          }
          const words = new Set(request.query.toLowerCase().split(/\s+/));
          const results = request.documents.map((document, index) => ({
            index,
            relevanceScore:
              document
                .toLowerCase()
                .split(/\s+/)
                .filter((word) => words.has(word)).length / 10,
          }));
          return { response: { results, usage: { searchUnits: 1 }, metadata: { id: `rerank-${context.instanceName}` } } };
        },
      });
      return {
        specificationVersion: 'v1',
        name: context.instanceName,
        chat: () => {
          throw new Error('not used');
        },
        ...(settings.rerank ? { rerank } : {}),
      };
    },
  });
}

async function rerankGateway(calls: RerankCall[], retries = 0) {
  return createGateway(
    {
      providers: {
        plain: { type: 'ranker', rerank: false },
        ranking: { type: 'ranker' },
        flaky: { type: 'ranker', fail_times: 1 },
      },
      models: [
        {
          name: 'rank',
          deployments: [
            { provider: 'plain', model: 'no-rerank' },
            { provider: 'ranking', model: 'rank-1' },
          ],
        },
        { name: 'plain-only', deployments: [{ provider: 'plain', model: 'no-rerank' }] },
        { name: 'flaky', deployments: [{ provider: 'flaky', model: 'rank-2' }] },
      ],
      router: { retries, timeout_ms: 5000 },
    },
    { plugins: [rerankPlugin(calls)], environment: {}, random: () => 0 },
  );
}

const documents = ['cats sleep a lot', 'the capital of france is paris', 'paris is the capital'];

describe('gateway.runRerank', () => {
  it('skips a deployment without rerank without using up a retry, and sorts and cuts the results', async () => {
    const calls: RerankCall[] = [];
    // No retries at all: the deployment without rerank must not cost the only attempt.
    const gateway = await rerankGateway(calls, 0);
    const { response, metadata } = await gateway.runRerank({ model: 'rank', query: 'capital of paris', documents, topN: 2 });
    expect(response.results).toEqual([
      { index: 1, relevanceScore: 0.3 },
      { index: 2, relevanceScore: 0.2 },
    ]);
    expect(response.usage).toEqual({ searchUnits: 1 });
    expect(metadata.deployment).toMatchObject({ provider: 'ranking', model: 'rank-1' });
    expect(calls.map((call) => [call.provider, call.modelId, call.request.topN])).toEqual([['ranking', 'rank-1', 2]]);
    await gateway.close();
  });

  it('answers 400 naming the provider and the ability when no deployment can rerank', async () => {
    const gateway = await rerankGateway([], 2);
    const error = await gateway.runRerank({ model: 'plain-only', query: 'q', documents: ['d'] }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, message: 'Provider "plain" does not serve rerank.', param: 'model' });
    await gateway.close();
  });

  it('retries a retryable upstream failure', async () => {
    const calls: RerankCall[] = [];
    const gateway = await rerankGateway(calls, 1);
    const { metadata } = await gateway.runRerank({ model: 'flaky', query: 'q', documents: ['d'] });
    expect(metadata.attempts).toBe(2);
    expect(calls).toHaveLength(2);
    await gateway.close();
  });

  it('refuses an invalid request with a 400 naming the field, before routing', async () => {
    const calls: RerankCall[] = [];
    const gateway = await rerankGateway(calls);
    for (const [body, param] of [
      [{ model: 'rank', query: 'q', documents: [] }, 'documents'],
      [{ model: 'rank', query: '', documents: ['d'] }, 'query'],
      [{ model: 'rank', query: 'q', documents: ['d'], topN: 0 }, 'topN'],
      [{ model: 'rank', query: 'q', documents: [3] }, 'documents[0]'],
    ] as const) {
      const error = await gateway.runRerank(body).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ status: 400, param });
    }
    expect(calls).toHaveLength(0);
    await gateway.close();
  });
});

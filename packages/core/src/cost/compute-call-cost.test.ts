import { describe, expect, it } from 'vitest';
import { computeCallCost } from './compute-call-cost.js';
import { deploymentModelFacts } from './deployment-model-facts.js';

const gpt4o = { inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10 };

describe('computeCallCost', () => {
  it('prices input and output per million tokens', () => {
    expect(computeCallCost({ inputTokens: 1000, outputTokens: 500 }, gpt4o)).toBeCloseTo(0.0025 + 0.005, 12);
  });

  it('prices cache reads at the cached-input price, out of the input count', () => {
    // 1000 input of which 800 read from the cache: 200 × 2.5 + 800 × 1.25 = 1500 µ$.
    expect(computeCallCost({ inputTokens: 1000, outputTokens: 0, cacheReadTokens: 800 }, gpt4o)).toBeCloseTo(0.0015, 12);
  });

  it('prices cache writes at the cache-write price (Anthropic: 1.25 × input)', () => {
    const sonnet = { inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3, cacheWritePerMillion: 3.75 };
    const usage = { inputTokens: 10_000, outputTokens: 100, cacheReadTokens: 2000, cacheWriteTokens: 5000 };
    // 3000 × 3 + 2000 × 0.3 + 5000 × 3.75 + 100 × 15 = 9000 + 600 + 18750 + 1500 = 29850 µ$.
    expect(computeCallCost(usage, sonnet)).toBeCloseTo(0.02985, 12);
  });

  it('charges cached tokens the input price when the model has no cache prices', () => {
    const plain = { inputPerMillion: 2, outputPerMillion: 8 };
    expect(computeCallCost({ inputTokens: 1000, outputTokens: 0, cacheReadTokens: 600, cacheWriteTokens: 100 }, plain)).toBeCloseTo(
      0.002,
      12,
    );
  });

  it('counts reasoning tokens once, as output tokens they already are', () => {
    const o3 = { inputPerMillion: 2, outputPerMillion: 8 };
    const withReasoning = computeCallCost({ inputTokens: 100, outputTokens: 1000, reasoningTokens: 900 } as never, o3);
    expect(withReasoning).toBeCloseTo((100 * 2 + 1000 * 8) / 1e6, 12);
  });

  it('is absent, not 0, without usage or prices', () => {
    expect(computeCallCost(undefined, gpt4o)).toBeUndefined();
    expect(computeCallCost({ inputTokens: 10, outputTokens: 10 }, undefined)).toBeUndefined();
    expect(computeCallCost({ inputTokens: 10, outputTokens: 10 }, {})).toBeUndefined();
  });

  it('is absent when a count above zero has no price, and known when that count is zero', () => {
    const inputOnly = { inputPerMillion: 0.02 };
    expect(computeCallCost({ inputTokens: 10, outputTokens: 5 }, inputOnly)).toBeUndefined();
    expect(computeCallCost({ inputTokens: 1_000_000 }, inputOnly)).toBeCloseTo(0.02, 12);
    expect(computeCallCost({ inputTokens: 0, outputTokens: 0 }, gpt4o)).toBe(0);
  });
});

describe('deploymentModelFacts', () => {
  const metadata = {
    id: 'gpt-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    prices: gpt4o,
    capabilities: { tools: true, vision: true },
  };

  it("keeps the provider's facts when the config overrides nothing", () => {
    expect(deploymentModelFacts(metadata, undefined)).toEqual({
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      prices: gpt4o,
      capabilities: { tools: true, vision: true },
    });
  });

  it('lets each override win over its field only', () => {
    const facts = deploymentModelFacts(metadata, { contextWindow: 64_000, prices: { inputPerMillion: 2 } });
    expect(facts?.contextWindow).toBe(64_000);
    expect(facts?.maxOutputTokens).toBe(16_384);
    expect(facts?.prices).toEqual({ inputPerMillion: 2, cachedInputPerMillion: 1.25, outputPerMillion: 10 });
    expect(computeCallCost({ inputTokens: 1000, outputTokens: 0 }, facts?.prices)).toBeCloseTo(0.002, 12);
  });

  it('prices a model the provider does not know from the overrides alone', () => {
    expect(deploymentModelFacts(undefined, { prices: { inputPerMillion: 1, outputPerMillion: 2 } })).toEqual({
      prices: { inputPerMillion: 1, outputPerMillion: 2 },
    });
    expect(deploymentModelFacts(undefined, undefined)).toBeUndefined();
  });
});

import { computeCallCost } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider } from './create-openai-provider.js';

describe('the OpenAI plugin model metadata', () => {
  const openai = createOpenAIProvider({ apiKey: 'sk-test' });

  it('knows limits, prices and capabilities of OpenAI models, dated ids included', () => {
    expect(openai.modelMetadata('gpt-4o-2024-08-06')).toEqual({
      id: 'gpt-4o',
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      prices: { inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10 },
      capabilities: { tools: true, vision: true, jsonSchema: true },
    });
    expect(openai.modelMetadata('gpt-4.1-mini-2025-04-14')?.contextWindow).toBe(1_047_576);
    expect(openai.modelMetadata('o4-mini')?.capabilities?.reasoning).toBe(true);
    expect(openai.modelMetadata('o3-mini')?.capabilities?.vision).toBeUndefined();
    expect(openai.modelMetadata('gpt-5-nano')?.prices?.outputPerMillion).toBe(0.4);
    expect(openai.modelMetadata('text-embedding-3-small')?.capabilities).toEqual({ embeddings: true });
    expect(openai.modelMetadata('no-such-model')).toBeUndefined();
  });

  it('gives a cost with the cached-input price for cache reads', () => {
    const prices = openai.modelMetadata('gpt-4.1')?.prices;
    // 1000 input of which 400 cached, 200 output: 600 × 2 + 400 × 0.5 + 200 × 8 = 3000 µ$.
    expect(computeCallCost({ inputTokens: 1000, outputTokens: 200, cacheReadTokens: 400 }, prices)).toBeCloseTo(0.003, 12);
  });

  it("knows DeepSeek's models on the deepseek host, and nothing on hosts without a table", () => {
    const deepseek = createOpenAIProvider({ type: 'deepseek', apiKey: 'sk-test' });
    expect(deepseek.modelMetadata('deepseek-chat')?.prices).toEqual({
      inputPerMillion: 0.56,
      cachedInputPerMillion: 0.07,
      outputPerMillion: 1.68,
    });
    expect(deepseek.modelMetadata('gpt-4o')).toBeUndefined();
    expect(createOpenAIProvider({ type: 'groq', apiKey: 'gsk-test' }).modelMetadata('llama-3.3-70b-versatile')).toBeUndefined();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { anthropicModels, findAnthropicModelMetadata } from './anthropic-model-metadata.js';
import { anthropicPlugin } from './anthropic-plugin.js';
import { createAnthropicProvider } from './create-anthropic-provider.js';
import { startAnthropicFixture, type AnthropicFixture } from './test-fixtures/anthropic-fixture.js';

let fixture: AnthropicFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('the Anthropic provider', () => {
  it('lists models from GET /v1/models, following pages', async () => {
    fixture = await startAnthropicFixture();
    const models = await fixture.provider.listModels({});
    expect(models.map((model) => model.id)).toEqual([
      'claude-opus-4-5-20251101',
      'claude-sonnet-4-5-20250929',
      'claude-haiku-4-5-20251001',
      'claude-3-5-haiku-20241022',
    ]);
    expect(models[0]).toEqual({ id: 'claude-opus-4-5-20251101', ownedBy: 'anthropic', created: Date.UTC(2025, 0, 1) / 1000 });
    expect(fixture.mock.requests[0]?.query).toBe('limit=1000');
  });

  it('is healthy when the models route answers, and says why not otherwise', async () => {
    fixture = await startAnthropicFixture();
    expect(await fixture.provider.checkHealth({})).toMatchObject({ healthy: true });
    const wrong = await startAnthropicFixture({ apiKey: 'sk-ant-wrong' });
    const health = await wrong.provider.checkHealth({});
    await wrong.close();
    expect(health).toMatchObject({ healthy: false, message: expect.stringContaining('invalid x-api-key') });
  });

  it('describes its credential from the settings or ANTHROPIC_API_KEY, read now', () => {
    expect(createAnthropicProvider({ environment: { ANTHROPIC_API_KEY: 'sk-ant-x' } }).describeCredentials()).toEqual({
      state: 'set',
      environmentVariable: 'ANTHROPIC_API_KEY',
      setting: 'providers.anthropic.api_key',
    });
    expect(createAnthropicProvider({ environment: {} }).describeCredentials().state).toBe('missing');
    // A key meant for api.anthropic.com is not sent to another base_url unless named.
    const elsewhere = createAnthropicProvider({ baseURL: 'https://proxy.example.com', environment: { ANTHROPIC_API_KEY: 'sk-ant-x' } });
    expect(elsewhere.describeCredentials()).toEqual({ state: 'missing', setting: 'providers.anthropic.api_key' });
  });

  it('knows Claude models by family, dated ids included, with prices per million and limits', () => {
    expect(findAnthropicModelMetadata('claude-sonnet-4-5-20250929')).toMatchObject({
      id: 'claude-sonnet-4-5',
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      prices: { inputPerMillion: 3, cachedInputPerMillion: 0.3, cacheWritePerMillion: 3.75, outputPerMillion: 15 },
      capabilities: { tools: true, vision: true, reasoning: true, jsonSchema: true },
    });
    expect(findAnthropicModelMetadata('claude-opus-4-1-20250805')?.prices?.outputPerMillion).toBe(75);
    expect(findAnthropicModelMetadata('claude-3-5-haiku-20241022')?.prices).toEqual({
      inputPerMillion: 0.8,
      cachedInputPerMillion: 0.08,
      cacheWritePerMillion: 1,
      outputPerMillion: 4,
    });
    expect(findAnthropicModelMetadata('claude-haiku-4-5-20251001')?.prices?.inputPerMillion).toBe(1);
    expect(findAnthropicModelMetadata('anthropic.claude-opus-4-5-20251101-v1:0')?.id).toBe('claude-opus-4-5');
    expect(findAnthropicModelMetadata('gpt-4o')).toBeUndefined();
    expect(createAnthropicProvider().modelMetadata('claude-3-7-sonnet-20250219')?.capabilities?.jsonSchema).toBe(false);
    // The documented cache multipliers: read 0.1×, 5-minute write 1.25× the input price (Haiku 3 alone is priced apart: 0.03 and 0.30).
    expect(findAnthropicModelMetadata('claude-3-haiku-20240307')?.prices).toMatchObject({
      cachedInputPerMillion: 0.03,
      cacheWritePerMillion: 0.3,
    });
    for (const model of anthropicModels.filter((each) => each.id !== 'claude-3-haiku')) {
      expect(model.prices?.cachedInputPerMillion).toBeCloseTo((model.prices?.inputPerMillion ?? 0) * 0.1, 5);
      expect(model.prices?.cacheWritePerMillion).toBeCloseTo((model.prices?.inputPerMillion ?? 0) * 1.25, 5);
    }
  });

  it('is created from the config settings by the plugin', async () => {
    fixture = await startAnthropicFixture();
    const settings = anthropicPlugin.settingsSchema.parse({
      api_key: 'sk-ant-test-0123456789abcdef',
      base_url: fixture.mock.url,
      beta: ['b1'],
    });
    const provider = await anthropicPlugin.create(settings, {
      instanceName: 'claude',
      type: 'anthropic',
      environment: {},
      logger: console,
    });
    await provider
      .chat('claude-haiku-4-5')
      .generate({ model: 'x', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {});
    await provider.close?.();
    expect(fixture.mock.requests[0]?.headers['anthropic-beta']).toBe('b1');
    expect(provider.name).toBe('claude');
    expect(() => anthropicPlugin.settingsSchema.parse({ api_key: 'k', unknown_key: 1 })).toThrow();
  });
});

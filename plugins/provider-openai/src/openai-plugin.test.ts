import {
  ConfigError,
  MissingCredentialError,
  PluginLoader,
  type ChatRequestV1,
  type ChatStreamPartV1,
  type ProviderV1,
} from '@modelgate/core';
import { defaultMockContent, startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import openAIPluginDefault, { createOpenAIProvider, openAIPlugin } from './index.js';
import { openAICompatibleCatalog } from './openai-compatible-catalog.js';

let mock: MockOpenAIServer;
const providers: ProviderV1[] = [];
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close?.()));
  mock.reset();
});
afterAll(() => mock.close());

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const request: ChatRequestV1 = {
  model: 'fast',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  maxOutputTokens: 20,
  // OpenAI-only wire fields, which some catalog entries drop.
  providerOptions: { openai: { logprobs: true, store: true } },
};

async function instantiate(
  instanceName: string,
  type: string,
  settings: Record<string, unknown>,
  environment: Record<string, string | undefined> = {},
) {
  const loader = new PluginLoader({ plugins: [openAIPlugin], environment, logger: silent });
  const provider = await loader.instantiate({ kind: 'provider', instanceName, type, settings, configPath: ['providers', instanceName] });
  providers.push(provider);
  return provider;
}

describe('the openai plugin definition', () => {
  it('is the default export, a v1 provider plugin whose aliases are the other catalog ids', () => {
    expect(openAIPluginDefault).toBe(openAIPlugin);
    expect(openAIPlugin).toMatchObject({ kind: 'provider', name: 'openai', specificationVersion: 'v1' });
    expect(openAIPlugin.aliases).toEqual(openAICompatibleCatalog.map((entry) => entry.id).filter((id) => id !== 'openai'));
    expect(openAIPlugin.aliases).toContain('groq');
    expect(openAIPlugin.aliases).not.toContain('azure');
  });

  it('has a strict snake_case settings schema', () => {
    const schema = openAIPlugin.settingsSchema;
    expect(
      schema.safeParse({
        api_key: 'k',
        base_url: 'https://example.com/v1',
        organization: 'org',
        project: 'p',
        headers: { 'X-Title': 'app' },
      }).success,
    ).toBe(true);
    expect(schema.safeParse({ quirks: { max_tokens_field: 'max_tokens', unsupported_fields: ['seed'] } }).success).toBe(true);
    expect(schema.safeParse({ apiKey: 'k' }).success).toBe(false);
    expect(schema.safeParse({ base_url: 'not a url' }).success).toBe(false);
    expect(schema.safeParse({ timeout_ms: 5 }).success).toBe(false);
  });
});

describe('create through the plugin loader', () => {
  it('never sends GROQ_API_KEY to a base_url other than the catalog host', async () => {
    const environment: Record<string, string | undefined> = { GROQ_API_KEY: 'gsk-from-the-environment' };
    const provider = await instantiate('groq', 'groq', { base_url: mock.baseURL }, environment);
    const missing = await provider
      .chat('llama-3.3-70b-versatile')
      .generate(request, {})
      .catch((error: unknown) => error);
    expect(MissingCredentialError.isInstance(missing)).toBe(true);
    expect((missing as Error).message).toContain('providers.groq.api_key');
    expect(mock.requests).toHaveLength(0);
  });

  it('serves `providers: { groq: { type: groq } }` with the catalog quirks and its key', async () => {
    const provider = await instantiate('groq', 'groq', { base_url: mock.baseURL, api_key: 'gsk-test' });
    expect(provider.name).toBe('groq');
    const model = provider.chat('llama-3.3-70b-versatile');
    const { response } = await model.generate(request, {});
    expect(response.content).toEqual([{ type: 'text', text: defaultMockContent }]);
    expect(response.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    const sent = mock.requests[0]!;
    expect(sent.headers.authorization).toBe('Bearer gsk-test');
    expect(sent.body).toEqual({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 20 });
    // Dropped fields are reported to the caller, not only logged.
    expect(response.warnings.map((warning) => warning.setting).sort()).toEqual(['logprobs', 'store']);
  });

  it('renames max tokens and keeps OpenAI-only fields per catalog entry', async () => {
    const deepseek = await instantiate('deepseek', 'deepseek', { base_url: mock.baseURL, api_key: 'sk-d' });
    await deepseek.chat('deepseek-chat').generate(request, {});
    expect(mock.requests[0]!.body).toEqual({
      model: 'deepseek-chat',
      messages: [{ role: 'user', content: 'Hi' }],
      logprobs: true,
      max_tokens: 20,
    });
    const openai = await instantiate('openai', 'openai', {
      base_url: mock.baseURL,
      api_key: 'sk-o',
      organization: 'org-1',
      project: 'proj-1',
    });
    const { response } = await openai.chat('gpt-4.1').generate(request, {});
    expect(mock.requests[1]!.body).toEqual({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'Hi' }],
      max_completion_tokens: 20,
      logprobs: true,
      store: true,
    });
    expect(response.warnings).toEqual([]);
    expect(mock.requests[1]!.headers['openai-organization']).toBe('org-1');
    expect(mock.requests[1]!.headers['openai-project']).toBe('proj-1');
  });

  it('lets settings override quirks and headers', async () => {
    const provider = await instantiate('my-vllm', 'vllm', {
      base_url: mock.baseURL,
      headers: { 'X-Team': 'search' },
      quirks: { supports_stream_options: false, unsupported_fields: ['logprobs'] },
    });
    const stream = await provider.chat('qwen').stream(request, {});
    const parts: ChatStreamPartV1[] = [];
    for await (const part of stream.parts) parts.push(part);
    const sent = mock.requests[0]!;
    expect(sent.headers['x-team']).toBe('search');
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).toEqual({ model: 'qwen', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 20, store: true, stream: true });
    expect(parts[0]).toEqual({
      type: 'stream-start',
      warnings: [{ type: 'unsupported-setting', setting: 'logprobs', message: expect.stringContaining('"logprobs"') }],
    });
    expect(parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('')).toBe(defaultMockContent);
    expect(parts.at(-1)?.type).toBe('finish');
  });

  it('sends the Azure key as api-key', async () => {
    const provider = await instantiate('my-azure', 'azure-openai', { base_url: mock.baseURL, api_key: 'az-key' });
    await provider.chat('my-deployment').generate(request, {});
    expect(mock.requests[0]!.headers['api-key']).toBe('az-key');
    expect(mock.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('requires base_url for hosts with an account or resource in the URL, naming the setting', async () => {
    const azure = await instantiate('my-azure', 'azure-openai', {}).catch((error: unknown) => error);
    expect(ConfigError.isInstance(azure)).toBe(true);
    expect((azure as Error).message).toContain('providers.my-azure.base_url');
    const cloudflare = await instantiate('workers', 'cloudflare', {}).catch((error: unknown) => error);
    expect((cloudflare as Error).message).toContain('providers.workers.base_url');
  });

  it('reports unknown settings keys with their config path', async () => {
    const error = await instantiate('groq', 'groq', { apiKey: 'x' }).catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('providers.groq');
  });
});

describe('createOpenAIProvider', () => {
  it('defaults to OpenAI and reads OPENAI_API_KEY at call time, not at create time', async () => {
    const environment: Record<string, string | undefined> = {};
    const provider = createOpenAIProvider({ baseURL: mock.baseURL, environment, environmentFallback: true });
    providers.push(provider);
    expect(provider.name).toBe('openai');
    await expect(provider.chat('gpt-4.1').generate(request, {})).rejects.toThrow(/OPENAI_API_KEY/);
    environment.OPENAI_API_KEY = 'sk-late';
    await provider.chat('gpt-4.1').generate(request, {});
    expect(mock.requests[0]!.headers.authorization).toBe('Bearer sk-late');
  });

  it('accepts an unknown type only with a base URL', () => {
    expect(() => createOpenAIProvider({ type: 'nope' })).toThrow(/providers\.nope\.type: "nope" is not an OpenAI-compatible catalog entry/);
    const provider = createOpenAIProvider({ type: 'nope', baseURL: mock.baseURL });
    providers.push(provider);
    expect(provider.name).toBe('nope');
  });
});

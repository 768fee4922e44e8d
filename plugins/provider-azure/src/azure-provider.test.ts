import { ContentPolicyError, MissingCredentialError, ModelNotFoundError, UpstreamError, type NativeStreamPartV1 } from '@modelgate/core';
import { azureContentFilterBody, collectStreamParts, startMockAzure, streamPartProblems, type MockAzureServer } from '@modelgate/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { AzureOpenAIProvider, type AzureOpenAIProviderSettings } from './azure-openai-provider.js';

const apiKey = 'azure-test-key-0123456789abcdef';
const entraToken = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-token';
const hello = { model: 'alias', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hello.' }] }] };

let mock: MockAzureServer | undefined;
let provider: AzureOpenAIProvider | undefined;

afterEach(async () => {
  await provider?.close();
  await mock?.close();
  provider = undefined;
  mock = undefined;
});

async function setup(
  settings: Partial<AzureOpenAIProviderSettings> = {},
  mockOptions: Parameters<typeof startMockAzure>[0] = {},
): Promise<{ mock: MockAzureServer; provider: AzureOpenAIProvider }> {
  mock = await startMockAzure({ apiKey, entraToken, ...mockOptions });
  provider = new AzureOpenAIProvider({ baseURL: mock.url, apiKey, apiVersion: '2024-10-21', environment: {}, ...settings });
  return { mock, provider };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('Azure URLs and credentials', () => {
  it('calls the classic deployment API: the deployment in the path, api-version in the query, the key in api-key', async () => {
    const { mock, provider } = await setup();
    await provider.chat('chat prod').generate(hello, {});
    await provider.embeddings('embed-small').embed({ model: 'alias', values: ['a'] }, {});
    const [chat, embed] = mock.requests;
    expect([chat?.path, chat?.query, embed?.path, embed?.query]).toEqual([
      '/openai/deployments/chat%20prod/chat/completions',
      'api-version=2024-10-21',
      '/openai/deployments/embed-small/embeddings',
      'api-version=2024-10-21',
    ]);
    expect(chat?.headers['api-key']).toBe(apiKey);
    expect(chat?.headers.authorization).toBeUndefined();
  });

  it('calls the v1 API without api_version: /openai/v1 and the deployment as the body model, whatever the base URL ends with', async () => {
    const { mock, provider } = await setup({ apiVersion: undefined });
    const second = new AzureOpenAIProvider({ baseURL: `${mock.url}/openai/v1/`, apiKey, environment: {} });
    await provider.chat('chat-prod').generate(hello, {});
    await second.chat('chat-prod').generate(hello, {});
    await second.close();
    for (const request of mock.requests) {
      expect([request.path, request.query, (request.body as { model?: string }).model]).toEqual([
        '/openai/v1/chat/completions',
        '',
        'chat-prod',
      ]);
    }
  });

  it('sends an Entra ID token as a Bearer token and no api-key', async () => {
    const { mock, provider } = await setup({ apiKey: undefined, entraToken });
    const { response } = await provider.chat('chat-prod').generate(hello, {});
    expect(response.content).toEqual([{ type: 'text', text: expect.any(String) }]);
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${entraToken}`);
    expect(mock.requests[0]?.headers['api-key']).toBeUndefined();
  });

  it('reads AZURE_OPENAI_API_KEY, then AZURE_OPENAI_AD_TOKEN, at call time, but only for Azure hosts unless allowed', async () => {
    const { mock } = await setup();
    const environment: Record<string, string | undefined> = { AZURE_OPENAI_AD_TOKEN: entraToken };
    const allowed = new AzureOpenAIProvider({ baseURL: mock.url, apiVersion: '2024-10-21', environment, environmentFallback: true });
    await allowed.chat('chat-prod').generate(hello, {});
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${entraToken}`);
    environment.AZURE_OPENAI_API_KEY = apiKey;
    await allowed.chat('chat-prod').generate(hello, {});
    expect(mock.requests[1]?.headers['api-key']).toBe(apiKey);
    await allowed.close();

    // A base URL outside Azure's domains never receives the environment's credential by default.
    const loopback = new AzureOpenAIProvider({ baseURL: mock.url, apiVersion: '2024-10-21', environment, name: 'az' });
    expect(loopback.describeCredentials()).toEqual({ state: 'missing', setting: 'providers.az.api_key' });
    const error = await rejection(loopback.chat('chat-prod').generate(hello, {}));
    expect(MissingCredentialError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('providers.az.api_key');
    expect(mock.requests).toHaveLength(2);
    const azure = new AzureOpenAIProvider({ baseURL: 'https://my-resource.openai.azure.com', environment });
    expect(azure.describeCredentials()).toEqual({
      state: 'set',
      environmentVariable: 'AZURE_OPENAI_API_KEY',
      setting: 'providers.azure.api_key',
    });
  });

  it('answers a wrong key with an error that does not carry the key', async () => {
    const { provider } = await setup({ apiKey: 'wrong-key-of-the-same-length-0' });
    const error = await rejection(provider.chat('chat-prod').generate(hello, {}));
    expect(UpstreamError.isInstance(error) && error.upstreamStatus).toBe(401);
    expect((error as Error).message).toContain('Access denied');
    expect((error as Error).message).not.toContain('wrong-key');
  });
});

describe('Azure errors', () => {
  it('maps DeploymentNotFound to a model-not-found error naming the deployment', async () => {
    const { provider } = await setup({}, { deployments: ['chat-prod'] });
    const error = await rejection(provider.chat('chat-typo').generate(hello, {}));
    expect(ModelNotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect((error as Error).message).toContain('`chat-typo`');
  });

  it('maps a prompt refused by the content filter to a ContentPolicyError, before and inside a stream', async () => {
    const { mock, provider } = await setup();
    mock.enqueue({ type: 'error', status: 400, body: azureContentFilterBody('violence') });
    const error = await rejection(provider.chat('chat-prod').generate(hello, {}));
    expect(ContentPolicyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'content_filter' });
    const onlyInner = azureContentFilterBody('hate');
    delete (onlyInner.error as { code?: string }).code;
    mock.enqueue({ type: 'error', status: 400, body: onlyInner });
    const streamError = await rejection(provider.chat('chat-prod').stream(hello, {}));
    expect(ContentPolicyError.isInstance(streamError)).toBe(true);
  });

  it('makes a 429 with retry-after retryable, with its wait', async () => {
    const { mock, provider } = await setup();
    mock.enqueue({
      type: 'error',
      status: 429,
      body: { error: { code: '429', message: 'Please retry after 2 seconds.' } },
      headers: { 'retry-after': '2' },
    });
    const error = await rejection(provider.chat('chat-prod').generate(hello, {}));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ upstreamStatus: 429, isRetryable: true, retryAfterMs: 2000 });
  });

  it('reports a filtered completion as finish reason content-filter, the raw value kept', async () => {
    const { mock, provider } = await setup();
    mock.enqueue({ type: 'text', content: 'Partial', finishReason: 'content_filter' });
    const { response } = await provider.chat('chat-prod').generate(hello, {});
    expect(response.finishReason).toEqual({ unified: 'content-filter', raw: 'content_filter' });
    mock.enqueue({ type: 'text', content: 'Partial', finishReason: 'content_filter' });
    const collected = await collectStreamParts((await provider.chat('chat-prod').stream(hello, {})).parts);
    expect(collected.parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'content-filter', raw: 'content_filter' } });
  });
});

describe('Azure content-filter chunks', () => {
  for (const contentFilter of ['sync', 'async'] as const) {
    it(`leave a well-formed canonical stream (${contentFilter} filter): no junk parts, the envelope of a real chunk`, async () => {
      const { mock, provider } = await setup({}, { contentFilter });
      mock.enqueue({ type: 'text', content: 'Filtered but fine.' });
      const collected = await collectStreamParts((await provider.chat('chat-prod').stream(hello, {})).parts);
      expect(streamPartProblems(collected.parts)).toEqual([]);
      const text = collected.parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
      expect(text.join('')).toBe('Filtered but fine.');
      expect(text.every((delta) => delta.length > 0)).toBe(true);
      const metadata = collected.parts.find((part) => part.type === 'response-metadata');
      expect(metadata).toMatchObject({ id: expect.stringMatching(/^chatcmpl-/), model: 'chat-prod' });
      expect((metadata as { created?: number }).created).toBeGreaterThan(0);
      expect(collected.parts.at(-1)).toMatchObject({
        type: 'finish',
        finishReason: { unified: 'stop' },
        usage: { inputTokens: expect.any(Number) },
      });
    });

    it(`are not forwarded on the native path as chunks without a choice or a delta (${contentFilter} filter)`, async () => {
      const { mock, provider } = await setup({}, { contentFilter });
      mock.enqueue({ type: 'text', content: 'Native and filtered.' });
      const native = provider.chat('chat-prod').nativePath?.('openai-chat');
      const stream = await native!.stream(
        { format: 'openai-chat', body: { model: 'alias', messages: [{ role: 'user', content: 'Hi' }], stream: true } },
        {},
      );
      const parts: NativeStreamPartV1[] = [];
      for await (const part of stream.parts) parts.push(part);
      type AzureChunk = { choices: Array<{ delta?: { content?: string }; content_filter_results?: unknown }> };
      type Forwarded = { data: string; usageOnly: boolean | undefined; chunk: AzureChunk };
      const events = parts.flatMap((part): Forwarded[] =>
        part.type === 'event'
          ? [{ data: part.data, usageOnly: part.usageOnly, chunk: JSON.parse(part.data) }]
          : part.type === 'events'
            ? part.data.map((data) => ({ data, usageOnly: undefined, chunk: JSON.parse(data) }))
            : [],
      );
      for (const event of events) {
        if (event.usageOnly === true) continue;
        expect(event.chunk.choices.length, event.data).toBeGreaterThan(0);
        expect(event.chunk.choices[0]?.delta, event.data).toBeTypeOf('object');
      }
      const content = events.map((event) => event.chunk.choices[0]?.delta?.content ?? '').join('');
      expect(content).toBe('Native and filtered.');
      // Azure's own annotations on content chunks reach the client as Azure sent them.
      expect(events.some((event) => event.chunk.choices[0]?.content_filter_results !== undefined)).toBe(true);
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } });
    });
  }
});

describe('Azure models, health and metadata', () => {
  it('lists the resource models on the v1 API only; the health check works on both', async () => {
    const { mock, provider } = await setup({ apiVersion: undefined }, { models: ['gpt-4o-mini-2024-07-18'] });
    expect(await provider.listModels?.({})).toEqual([{ id: 'gpt-4o-mini-2024-07-18' }]);
    const classic = new AzureOpenAIProvider({ baseURL: mock.url, apiKey, apiVersion: '2024-10-21', environment: {} });
    expect(classic.listModels).toBeUndefined();
    expect(await classic.checkHealth({})).toMatchObject({ healthy: true });
    expect(mock.requests.at(-1)).toMatchObject({ path: '/openai/models', query: 'api-version=2024-10-21' });
    const wrongKey = new AzureOpenAIProvider({ baseURL: mock.url, apiKey: 'nope', apiVersion: '2024-10-21', environment: {} });
    expect(await wrongKey.checkHealth({})).toMatchObject({ healthy: false });
    await classic.close();
    await wrongKey.close();
  });

  it("finds OpenAI's prices for a deployment by its model name, or by the name it runs as", () => {
    const azure = new AzureOpenAIProvider({ baseURL: 'https://r.openai.azure.com', deploymentModels: { 'chat-prod': 'gpt-4.1' } });
    expect(azure.modelMetadata('chat-prod')).toMatchObject({
      id: 'chat-prod',
      prices: { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
    });
    expect(azure.modelMetadata('gpt-4o-mini')?.prices).toEqual({
      inputPerMillion: 0.15,
      cachedInputPerMillion: 0.075,
      outputPerMillion: 0.6,
    });
    expect(azure.modelMetadata('gpt-4o-2024-08-06')).toMatchObject({ id: 'gpt-4o-2024-08-06', contextWindow: 128_000 });
    expect(azure.modelMetadata('text-embedding-3-small')?.prices?.inputPerMillion).toBe(0.02);
    expect(azure.modelMetadata('my-deployment')).toBeUndefined();
  });
});

describe('Azure pass-through', () => {
  const body = new TextEncoder().encode(JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }));
  const request = {
    method: 'POST' as const,
    path: '/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  };

  async function text(stream: AsyncIterable<Uint8Array>): Promise<string> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }

  it('sends the path under the resource endpoint with the api-key', async () => {
    const { mock, provider } = await setup();
    const answer = await provider.passthrough(request, {});
    expect(answer.status).toBe(200);
    expect(await text(answer.body)).toContain('chat.completion');
    const sent = mock.requests.at(-1)!;
    expect(sent.path).toBe('/openai/deployments/chat-prod/chat/completions');
    expect(sent.headers['api-key']).toBe(apiKey);
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('sends the Entra ID token as Bearer when that is the credential, the bytes untouched', async () => {
    const { mock, provider } = await setup({ apiKey: undefined, entraToken });
    const answer = await provider.passthrough(request, {});
    expect(answer.status).toBe(200);
    await text(answer.body);
    const sent = mock.requests.at(-1)!;
    expect([sent.path, sent.query]).toEqual(['/openai/deployments/chat-prod/chat/completions', 'api-version=2024-10-21']);
    expect(sent.headers.authorization).toBe(`Bearer ${entraToken}`);
    expect(sent.headers['api-key']).toBeUndefined();
    expect(sent.rawBody).toBe(new TextDecoder().decode(body));
  });

  it('returns an upstream error answer instead of throwing', async () => {
    const { provider } = await setup({ apiKey: 'a-wrong-key-of-another-value-000' });
    const answer = await provider.passthrough(request, {});
    expect(answer.status).toBe(401);
    expect(await text(answer.body)).toContain('error');
  });
});

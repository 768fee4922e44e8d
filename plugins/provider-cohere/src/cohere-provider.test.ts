import { MissingCredentialError, PluginLoader, UpstreamError, type ProviderV1 } from '@modelgate/core';
import { collectStreamParts, mockEmbedding, partsOfType, startMockCohere, type ConformanceUpstream } from '@modelgate/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import coherePluginDefault, { coherePlugin, createCohereProvider } from './index.js';
import { startWireServer } from './test-fixtures/cohere-wire-server.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const apiKey = 'co-test-key-0000000001';
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const prompt = { model: 'alias', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }] };

async function mockAndProvider(
  settings: Parameters<typeof createCohereProvider>[0] = {},
): Promise<{ upstream: ConformanceUpstream; provider: ProviderV1 }> {
  const upstream = await startMockCohere({ apiKey });
  const provider = createCohereProvider({ baseURL: upstream.baseURL, apiKey, ...settings });
  closers.push(
    () => provider.close(),
    () => upstream.close(),
  );
  return { upstream, provider };
}

describe('the cohere plugin', () => {
  it('is the default export, with a strict snake_case settings schema', () => {
    expect(coherePluginDefault).toBe(coherePlugin);
    expect(coherePlugin).toMatchObject({ kind: 'provider', name: 'cohere', specificationVersion: 'v1' });
    const schema = coherePlugin.settingsSchema;
    expect(schema.safeParse({ api_key: 'k', base_url: 'https://api.cohere.com', client_name: 'app', headers: { a: 'b' } }).success).toBe(
      true,
    );
    expect(schema.safeParse({ apiKey: 'k' }).success).toBe(false);
    expect(schema.safeParse({ base_url: 'not a url' }).success).toBe(false);
  });

  it('loads through the plugin loader and reads its key from CO_API_KEY, then COHERE_API_KEY, at call time', async () => {
    const upstream = await startMockCohere({ apiKey });
    closers.push(() => upstream.close());
    for (const environment of [{ CO_API_KEY: apiKey, COHERE_API_KEY: 'co-wrong' }, { COHERE_API_KEY: apiKey }]) {
      const loader = new PluginLoader({ plugins: [coherePlugin], environment, logger: silent });
      const provider = await loader.instantiate({
        kind: 'provider',
        instanceName: 'cohere',
        type: 'cohere',
        settings: {},
        configPath: ['providers', 'cohere'],
      });
      closers.push(() => provider.close!());
      expect(provider.describeCredentials?.()).toEqual({
        state: 'set',
        environmentVariable: 'CO_API_KEY',
        setting: 'providers.cohere.api_key',
      });
      // The default host is api.cohere.com; point the same settings at the mock to see which key is sent.
      const local = createCohereProvider({ baseURL: upstream.baseURL, environment, environmentFallback: true });
      closers.push(() => local.close());
      upstream.enqueue({ type: 'text', text: 'ok' });
      await local.chat('command-r7b-12-2024').generate(prompt, {});
      expect(upstream.requests.at(-1)?.headers.authorization).toBe(`Bearer ${apiKey}`);
    }
  });

  it('never sends CO_API_KEY to another base_url, and names the setting when the key is missing', async () => {
    const { upstream, provider } = await mockAndProvider({ apiKey: undefined, environment: { CO_API_KEY: 'co-from-the-environment' } });
    expect(provider.describeCredentials?.()).toEqual({ state: 'missing', setting: 'providers.cohere.api_key' });
    const error = await provider
      .chat('command-a-03-2025')
      .generate(prompt, {})
      .catch((caught: unknown) => caught);
    expect(MissingCredentialError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('providers.cohere.api_key');
    expect(upstream.requests).toHaveLength(0);
  });

  it("maps Cohere's 401 body and a 498 to an upstream authentication error that never blames the caller", async () => {
    const upstream = await startMockCohere({ apiKey });
    closers.push(() => upstream.close());
    const wrong = createCohereProvider({ baseURL: upstream.baseURL, apiKey: 'co-test-key-0000000002' });
    closers.push(() => wrong.close());
    const refused = await wrong
      .chat('command-a-03-2025')
      .generate(prompt, {})
      .catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ name: 'UpstreamError', status: 502, upstreamStatus: 401, code: 'upstream_authentication_error' });
    expect((refused as Error).message).toContain('invalid api token');
    const { provider } = await wireProvider({ json: { message: 'invalid api token' }, status: 498 });
    const invalid = await provider
      .chat('command-a-03-2025')
      .generate(prompt, {})
      .catch((caught: unknown) => caught);
    expect(invalid).toMatchObject({ status: 502, upstreamStatus: 401, code: 'upstream_authentication_error', isRetryable: false });
    expect((invalid as Error).message).toContain('HTTP 498');
  });

  it('maps 422, 429, 499 and 500 bodies to typed errors, and a context-window message to ContextWindowExceededError', async () => {
    const { provider } = await wireProvider(
      { json: { message: 'invalid request: tool_call_id not found' }, status: 422 },
      { json: { message: 'too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 4292' }, status: 400 },
      { json: { message: 'request cancelled' }, status: 499 },
      { json: { message: 'internal server error, this has been reported to our developers' }, status: 500 },
    );
    const model = provider.chat('command-r7b-12-2024');
    const outcomes = [];
    for (let index = 0; index < 4; index += 1) outcomes.push(await model.generate(prompt, {}).catch((caught: unknown) => caught));
    expect(
      outcomes.map((error) => [(error as Error).name, (error as UpstreamError).upstreamStatus, (error as UpstreamError).isRetryable]),
    ).toEqual([
      ['UpstreamError', 422, false],
      ['ContextWindowExceededError', undefined, undefined],
      ['UpstreamError', 499, true],
      ['UpstreamError', 500, true],
    ]);
  });

  it("maps a trial key's monthly-limit 429 to a non-retryable insufficient_quota, and keeps a plain 429 retryable", async () => {
    const { provider } = await wireProvider(
      {
        json: {
          message:
            "You are using a Trial key, which is limited to 1000 API calls / month. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'.",
        },
        status: 429,
      },
      { json: { message: 'You are using a Trial key, which is limited to 10 API calls / minute.' }, status: 429 },
    );
    const model = provider.chat('command-r7b-12-2024');
    const monthly = await model.generate(prompt, {}).catch((caught: unknown) => caught);
    expect(monthly).toMatchObject({ name: 'UpstreamError', upstreamStatus: 429, code: 'insufficient_quota', isRetryable: false });
    expect((monthly as Error).message).toContain('1000 API calls / month');
    const perMinute = await model.generate(prompt, {}).catch((caught: unknown) => caught);
    expect(perMinute).toMatchObject({ name: 'UpstreamError', upstreamStatus: 429, isRetryable: true });
    expect((perMinute as UpstreamError).code).not.toBe('insufficient_quota');
  });

  it("sends providerOptions.cohere as wire fields under the typed settings, never another provider's, never stream", async () => {
    const { upstream, provider } = await mockAndProvider();
    upstream.enqueue({ type: 'text', text: 'ok' });
    const { response } = await provider.chat('command-a-03-2025').generate(
      {
        ...prompt,
        temperature: 0.3,
        providerOptions: {
          cohere: { safety_mode: 'STRICT', temperature: 0.9, stream: true, documents: [{ data: { text: 'RAG text' } }] },
          openai: { logprobs: true },
        },
      },
      {},
    );
    expect(response.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(upstream.requests[0]?.body).toEqual({
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'Hi' }],
      safety_mode: 'STRICT',
      temperature: 0.3,
      documents: [{ data: { text: 'RAG text' } }],
    });
  });

  it('reads thinking blocks as reasoning and keeps citations, whole and streamed', async () => {
    const citations = [
      { start: 0, end: 3, text: 'The', sources: [{ type: 'document', id: 'doc:0', document: { id: 'doc:0', text: 'x' } }] },
    ];
    const { provider } = await wireProvider(
      {
        json: {
          id: 'r-1',
          finish_reason: 'COMPLETE',
          message: {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'Two plus two.' },
              { type: 'text', text: '4' },
            ],
            citations,
          },
          usage: { billed_units: { input_tokens: 8, output_tokens: 50 }, tokens: { input_tokens: 10, output_tokens: 54 } },
        },
      },
      {
        events: [
          { id: 'r-2', type: 'message-start', delta: { message: { role: 'assistant' } } },
          { type: 'content-start', index: 0, delta: { message: { content: { type: 'thinking', thinking: '' } } } },
          { type: 'content-delta', index: 0, delta: { message: { content: { thinking: 'Two plus' } } } },
          { type: 'content-delta', index: 0, delta: { message: { content: { thinking: ' two.' } } } },
          { type: 'content-end', index: 0 },
          { type: 'content-start', index: 1, delta: { message: { content: { type: 'text', text: '' } } } },
          { type: 'content-delta', index: 1, delta: { message: { content: { text: '4' } } } },
          { type: 'content-end', index: 1 },
          { type: 'message-end', delta: { finish_reason: 'COMPLETE', usage: { tokens: { input_tokens: 10, output_tokens: 54 } } } },
        ],
      },
    );
    const model = provider.chat('command-a-reasoning-08-2025');
    const { response } = await model.generate(prompt, {});
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Two plus two.' },
      { type: 'text', text: '4' },
    ]);
    expect(response.providerMetadata?.cohere?.citations).toEqual(citations);
    expect(response.usage).toEqual({ inputTokens: 10, outputTokens: 54, totalTokens: 64 });
    const { parts } = await collectStreamParts((await model.stream(prompt, {})).parts);
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(partsOfType(parts, 'response-metadata')[0]).toMatchObject({ id: 'r-2' });
  });

  it('treats a JSON answer to a stream request as an error before the first part', async () => {
    const { provider } = await wireProvider({ json: { message: 'streaming is not available for this model' } });
    const error = await provider
      .chat('command-a-03-2025')
      .stream(prompt, {})
      .catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('streaming is not available');
  });

  it('embeds with input_type search_document by default, or the one asked for, as float vectors', async () => {
    const { upstream, provider } = await mockAndProvider();
    const model = provider.embeddings!('embed-v4.0');
    const { response } = await model.embed({ model: 'alias', values: ['a cat', 'a dog'], dimensions: 256 }, {});
    expect(response.embeddings).toEqual([mockEmbedding('a cat', 256), mockEmbedding('a dog', 256)]);
    expect(response.usage).toEqual({ inputTokens: 4 });
    await model.embed(
      { model: 'alias', values: ['find cats'], providerOptions: { cohere: { input_type: 'search_query', truncate: 'END' } } },
      {},
    );
    await model.embed({ model: 'alias', values: ['find cats'], providerOptions: { openai: { input_type: 'classification' } } }, {});
    expect(upstream.requests.map((request) => request.body)).toEqual([
      { model: 'embed-v4.0', texts: ['a cat', 'a dog'], input_type: 'search_document', embedding_types: ['float'], output_dimension: 256 },
      { model: 'embed-v4.0', texts: ['find cats'], input_type: 'search_query', embedding_types: ['float'], truncate: 'END' },
      { model: 'embed-v4.0', texts: ['find cats'], input_type: 'classification', embedding_types: ['float'] },
    ]);
    const refused = await model
      .embed({ model: 'alias', values: ['x'], providerOptions: { cohere: { input_type: 'poem' } } }, {})
      .catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ status: 400, param: 'input_type' });
    const tokens = await model.embed({ model: 'alias', values: [[1, 2, 3]] }, {}).catch((caught: unknown) => caught);
    expect(tokens).toMatchObject({ status: 400, param: 'input' });
    expect(upstream.requests).toHaveLength(3);
  });

  it('reranks through POST /v2/rerank: results sorted by score, search units as usage', async () => {
    const { upstream, provider } = await mockAndProvider();
    const { response } = await provider.rerank!('rerank-v3.5').rerank(
      {
        model: 'alias',
        query: 'capital of France',
        documents: ['Berlin is in Germany.', 'Paris is the capital of France.', 'France exports wine.'],
        topN: 2,
        maxTokensPerDocument: 512,
      },
      {},
    );
    expect(response.results).toEqual([
      { index: 1, relevanceScore: 1 },
      { index: 2, relevanceScore: 0.333333 },
    ]);
    expect(response.usage).toEqual({ searchUnits: 1 });
    expect(upstream.requests[0]?.body).toEqual({
      model: 'rerank-v3.5',
      query: 'capital of France',
      documents: ['Berlin is in Germany.', 'Paris is the capital of France.', 'France exports wine.'],
      top_n: 2,
      max_tokens_per_doc: 512,
    });
  });

  it('lists models from GET /v1/models, checks health, and knows the published facts of Cohere models', async () => {
    const { provider } = await mockAndProvider();
    expect((await provider.listModels!({})).map((model) => model.id)).toEqual([
      'command-a-03-2025',
      'command-r7b-12-2024',
      'embed-v4.0',
      'rerank-v3.5',
    ]);
    expect(await provider.checkHealth!({})).toMatchObject({ healthy: true });
    const broken = createCohereProvider({ baseURL: 'http://127.0.0.1:9', apiKey });
    closers.push(() => broken.close());
    expect(await broken.checkHealth({})).toMatchObject({ healthy: false });
    expect(provider.modelMetadata?.('command-a-03-2025')).toMatchObject({
      contextWindow: 256_000,
      prices: { inputPerMillion: 2.5, outputPerMillion: 10 },
    });
    expect(provider.modelMetadata?.('command-r7b-12-2024')?.prices).toEqual({ inputPerMillion: 0.0375, outputPerMillion: 0.15 });
    expect(provider.modelMetadata?.('command-a-reasoning-08-2025')?.capabilities?.reasoning).toBe(true);
    expect(provider.modelMetadata?.('rerank-v3.5')?.prices?.perSearchUnit).toBe(0.002);
    expect(provider.modelMetadata?.('embed-v4.0')?.capabilities?.embeddings).toBe(true);
    expect(provider.modelMetadata?.('gpt-4o')).toBeUndefined();
  });
});

async function wireProvider(...answers: Parameters<typeof startWireServer>) {
  const server = await startWireServer(...answers);
  const provider = createCohereProvider({ baseURL: server.url, apiKey });
  closers.push(
    () => provider.close(),
    () => server.close(),
  );
  return { server, provider };
}

describe('Cohere pass-through', () => {
  const request = {
    method: 'POST' as const,
    path: '/v2/chat',
    headers: { 'content-type': 'application/json' },
    body: new TextEncoder().encode(JSON.stringify({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] })),
  };

  it('sends the path under the API root with the key as Bearer and the client name', async () => {
    const { upstream, provider } = await mockAndProvider({ clientName: 'my-app' });
    const answer = await provider.passthrough!(request, {});
    expect(answer.status).toBe(200);
    for await (const _chunk of answer.body);
    const sent = upstream.requests.at(-1)!;
    expect(sent.path).toBe('/v2/chat');
    expect(sent.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(sent.headers['x-client-name']).toBe('my-app');
  });

  it('names the setting when no key is configured', async () => {
    const { provider } = await mockAndProvider({ apiKey: undefined, environment: {} });
    const error = await provider.passthrough!(request, {}).catch((caught: unknown) => caught);
    expect(MissingCredentialError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('providers.cohere.api_key');
  });
});

import { ContextWindowExceededError, MissingCredentialError, UpstreamError, type ChatRequestV1, type PluginLogger } from '@modelgate/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalOpenAIServer, writeJson, type LocalOpenAIServer } from '../test-fixtures/local-openai-server.js';
import { modelMetadataTable } from '../find-model-metadata.js';
import { OpenAICompatibleProvider } from './openai-compatible-provider.js';
import type { OpenAICompatibleProviderSettings } from './openai-compatible-settings.js';

let server: LocalOpenAIServer;
const providers: OpenAICompatibleProvider[] = [];

beforeAll(async () => {
  server = await startLocalOpenAIServer();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
  server.reset();
});
afterAll(() => server.close());

function provider(settings: Partial<OpenAICompatibleProviderSettings> = {}): OpenAICompatibleProvider {
  const created = new OpenAICompatibleProvider({ name: 'local', baseURL: server.baseURL, apiKey: 'sk-test', ...settings });
  providers.push(created);
  return created;
}

const completion = {
  id: 'chatcmpl-abc',
  object: 'chat.completion',
  created: 1_741_569_952,
  model: 'gpt-4.1-2025-04-14',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hello!', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: {
    prompt_tokens: 19,
    completion_tokens: 10,
    total_tokens: 29,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  },
  service_tier: 'default',
};

const request: ChatRequestV1 = { model: 'smart', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], temperature: 0.2 };

describe('OpenAICompatibleProvider.chat().generate', () => {
  it('posts to /chat/completions with the deployment model and returns the canonical answer and upstream headers', async () => {
    server.handle((_request, response) =>
      writeJson(response, 200, completion, {
        'x-request-id': 'req_123',
        'x-ratelimit-remaining-requests': '99',
        'openai-version': '2020-10-01',
      }),
    );
    const result = await provider({ headers: { 'OpenAI-Organization': 'org-1' } })
      .chat('gpt-4.1')
      .generate(request, {});
    const sent = server.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.body).toEqual({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2 });
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['openai-organization']).toBe('org-1');
    expect(result.response).toEqual({
      content: [{ type: 'text', text: 'Hello!' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 19, outputTokens: 10, totalTokens: 29, cacheReadTokens: 0, reasoningTokens: 0 },
      metadata: { id: 'chatcmpl-abc', model: 'gpt-4.1-2025-04-14', created: 1_741_569_952 },
      warnings: [],
    });
    expect(result.upstream).toEqual({ status: 200, headers: { 'x-request-id': 'req_123', 'x-ratelimit-remaining-requests': '99' } });
  });

  it('maps message.reasoning to a reasoning part, object arguments to JSON text and stop-with-tools to tool-calls', async () => {
    const message = {
      role: 'assistant',
      content: null,
      reasoning: 'Let me think',
      tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }],
    };
    server.handle((_request, response) =>
      writeJson(response, 200, { ...completion, choices: [{ index: 0, message, finish_reason: 'stop' }] }),
    );
    const { response } = await provider().chat('m').generate(request, {});
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Let me think' },
      { type: 'tool-call', toolCallId: expect.stringMatching(/^call_[0-9a-f]{24}$/), toolName: 'f', input: '{"a":1}' },
    ]);
    expect(response.finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
  });

  it('reads the key from the environment at call time and names the setting when it is missing', async () => {
    server.handle((_request, response) => writeJson(response, 200, completion));
    const environment: Record<string, string | undefined> = {};
    const model = provider({ apiKey: undefined, apiKeyEnvironmentVariable: 'LOCAL_API_KEY', environment }).chat('m');
    const missing = await model.generate(request, {}).catch((error: unknown) => error);
    expect(MissingCredentialError.isInstance(missing)).toBe(true);
    expect((missing as Error).message).toMatch(/providers\.local\.api_key.*LOCAL_API_KEY/);
    expect(server.requests).toHaveLength(0);
    environment.LOCAL_API_KEY = 'sk-env';
    await model.generate(request, {});
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-env');
  });

  it('sends the key as api-key for Azure-style hosts, and no auth at all for keyless local servers', async () => {
    server.handle((_request, response) => writeJson(response, 200, completion));
    await provider({ quirks: { authHeader: 'api-key' } })
      .chat('m')
      .generate(request, {});
    expect(server.requests[0]!.headers['api-key']).toBe('sk-test');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    await provider({ apiKey: undefined, apiKeyRequired: false, apiKeyEnvironmentVariable: 'NONE', environment: {} })
      .chat('m')
      .generate(request, {});
    expect(server.requests[1]!.headers.authorization).toBeUndefined();
  });

  it('applies quirks to the outgoing body, logs each dropped field once and reports it as a warning on every answer', async () => {
    server.handle((_request, response) => writeJson(response, 200, completion));
    const warn = vi.fn();
    const logger: PluginLogger = { debug() {}, info() {}, warn, error() {} };
    const model = provider({
      logger,
      quirks: { maxTokensField: 'max_tokens', unsupportedFields: ['logit_bias'], contentAsString: true },
    }).chat('m');
    const quirky: ChatRequestV1 = {
      model: 'x',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
      ],
      maxOutputTokens: 7,
      providerOptions: { openai: { logit_bias: { '1': 2 } } },
    };
    const first = await model.generate(quirky, {});
    const second = await model.generate(quirky, {});
    expect(server.requests[0]!.body).toEqual({ model: 'm', messages: [{ role: 'user', content: 'a\nb' }], max_tokens: 7 });
    expect(server.requests[1]!.body).toEqual(server.requests[0]!.body);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('logit_bias');
    for (const result of [first, second]) {
      expect(result.response.warnings).toEqual([
        { type: 'unsupported-setting', setting: 'logit_bias', message: expect.stringContaining('"logit_bias"') },
      ]);
    }
  });

  it('turns error answers into typed errors', async () => {
    server.handle((_request, response) =>
      writeJson(response, 400, {
        error: {
          message: 'maximum context length is 8192 tokens',
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      }),
    );
    const error = await provider()
      .chat('m')
      .generate(request, {})
      .catch((caught: unknown) => caught);
    expect(ContextWindowExceededError.isInstance(error)).toBe(true);
    server.handle((_request, response) =>
      writeJson(response, 503, { error: { message: 'overloaded', type: 'server_error' } }, { 'retry-after-ms': '250' }),
    );
    const overloaded = (await provider()
      .chat('m')
      .generate(request, {})
      .catch((caught: unknown) => caught)) as UpstreamError;
    expect(UpstreamError.isInstance(overloaded)).toBe(true);
    expect(overloaded).toMatchObject({ upstreamStatus: 503, isRetryable: true, retryAfterMs: 250 });
    expect(overloaded.message).toContain('overloaded');
  });

  it('treats a 200 body that is not a completion as a malformed answer', async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"choices": oops');
    });
    const error = (await provider()
      .chat('m')
      .generate(request, {})
      .catch((caught: unknown) => caught)) as UpstreamError;
    expect(error.code).toBe('upstream_malformed_response');
    expect(error.isRetryable).toBe(true);
  });

  it('rejects with a retryable UpstreamError when the host refuses connections', async () => {
    const refused = provider({ baseURL: 'http://127.0.0.1:1/v1' });
    const error = (await refused
      .chat('m')
      .generate(request, {})
      .catch((caught: unknown) => caught)) as UpstreamError;
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error.upstreamStatus).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.code).toBe('upstream_connection_error');
  });

  it('rejects with the signal reason when aborted before the answer', async () => {
    server.handle(() => undefined); // never answers
    const controller = new AbortController();
    const pending = provider().chat('m').generate(request, { signal: controller.signal });
    // Abort once the request is in (on a busy machine 20 ms may not be enough to connect).
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const reason = new Error('client disconnected');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(await server.closed(0)).toEqual({ finished: false });
  });
});

describe('OpenAICompatibleProvider embeddings and models', () => {
  it('posts /embeddings with the deployment model and returns plain vectors in request order', async () => {
    const answer = {
      object: 'list',
      data: [
        { object: 'embedding', index: 1, embedding: [0.3, 0.4] },
        { object: 'embedding', index: 0, embedding: [0.1, -0.2] },
      ],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 2, total_tokens: 2 },
    };
    server.handle((_request, response) => writeJson(response, 200, answer, { 'x-request-id': 'req_e' }));
    const result = await provider()
      .embeddings('text-embedding-3-small')
      .embed({ model: 'embed', values: ['hi', 'there'], dimensions: 2, user: 'u-1' }, {});
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/embeddings' });
    expect(server.requests[0]!.body).toEqual({
      model: 'text-embedding-3-small',
      input: ['hi', 'there'],
      encoding_format: 'float',
      dimensions: 2,
      user: 'u-1',
    });
    expect(result.response).toEqual({
      embeddings: [
        [0.1, -0.2],
        [0.3, 0.4],
      ],
      usage: { inputTokens: 2 },
      model: 'text-embedding-3-small',
    });
    expect(result.upstream).toEqual({ status: 200, headers: { 'x-request-id': 'req_e' } });
  });

  it('sends one value as a plain input, and an answer without data is a malformed answer', async () => {
    server.handle((_request, response) => writeJson(response, 200, { object: 'list', data: [{ index: 0, embedding: [1] }] }));
    const embeddings = provider().embeddings('e');
    expect((await embeddings.embed({ model: 'embed', values: ['only'] }, {})).response.embeddings).toEqual([[1]]);
    expect(server.requests[0]!.body).toEqual({ model: 'e', input: 'only', encoding_format: 'float' });
    server.handle((_request, response) => writeJson(response, 200, { object: 'list' }));
    const error = (await embeddings.embed({ model: 'embed', values: ['x'] }, {}).catch((caught: unknown) => caught)) as UpstreamError;
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error.code).toBe('upstream_malformed_response');
  });

  it('lists models with GET /models and reports health', async () => {
    server.handle((_request, response) =>
      writeJson(response, 200, {
        object: 'list',
        data: [{ id: 'gpt-4.1', object: 'model', created: 1, owned_by: 'openai' }, { id: 'llama3' }],
      }),
    );
    const local = provider();
    expect(await local.listModels({})).toEqual([{ id: 'gpt-4.1', ownedBy: 'openai', created: 1 }, { id: 'llama3' }]);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect((await local.checkHealth({})).healthy).toBe(true);
    server.handle((_request, response) => writeJson(response, 401, { error: { message: 'bad key' } }));
    const health = await local.checkHealth({});
    expect(health.healthy).toBe(false);
    expect(health.message).toContain('bad key');
  });

  it('answers model metadata from its table, dated ids included, and nothing without one', () => {
    const models = modelMetadataTable([{ id: 'gpt-4.1', contextWindow: 1_047_576, prices: { inputPerMillion: 2, outputPerMillion: 8 } }]);
    const known = provider({ models });
    expect(known.modelMetadata('gpt-4.1-2025-04-14')?.contextWindow).toBe(1_047_576);
    expect(known.modelMetadata('llama3')).toBeUndefined();
    expect(provider().modelMetadata('gpt-4.1')).toBeUndefined();
  });
});

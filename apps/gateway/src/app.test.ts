import { createGateway, type Gateway } from '@modelgate/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { scriptedCalls, scriptedProviderPlugin } from './test-fixtures/scripted-provider.js';

const masterKey = 'sk-master-test';
let gateway: Gateway;
let app: FastifyInstance;
const auth = { authorization: `Bearer ${masterKey}` };

beforeAll(async () => {
  gateway = await createGateway(
    {
      server: { log_level: 'silent', body_limit_bytes: 2048 },
      auth: { master_key: masterKey },
      providers: { local: { type: 'scripted' } },
      models: [{ name: 'smart', deployments: [{ provider: 'local', model: 'scripted-1' }] }],
    },
    { plugins: [scriptedProviderPlugin] },
  );
  app = buildApp(gateway);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await gateway.close();
});

function expectOpenAIError(response: { headers: Record<string, unknown>; json: () => unknown }) {
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  const body = response.json() as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error['message']).toBe('string');
  expect(typeof body.error['type']).toBe('string');
  expect(body.error).toHaveProperty('param');
  expect(body.error).toHaveProperty('code');
  return body.error;
}

describe('buildApp', () => {
  it('answers a chat completion with the call headers', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { ...auth, 'x-request-id': 'my-request.1' },
      payload: { model: 'smart', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().choices[0].message.content).toBe('scripted: hi');
    expect(response.headers['x-request-id']).toBe('my-request.1');
    expect(response.headers['x-modelgate-deployment']).toBe('local/scripted-1');
    expect(response.headers['x-modelgate-attempts']).toBe('1');
    expect(response.headers['x-modelgate-overhead-ms']).toMatch(/^\d+\.\d{2}$/);
    expect(response.headers['x-ratelimit-remaining-requests']).toBe('99');
    expect(response.headers['x-other']).toBeUndefined();
  });

  it('replaces an insane incoming request id', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'bad id\u00e9' } });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('streams server-sent events ending with [DONE]', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { model: 'smart', stream: true, messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['x-accel-buffering']).toBe('no');
    expect(response.headers['x-request-id']).toBeTruthy();
    expect(response.headers['x-modelgate-deployment']).toBe('local/scripted-1');
    const events = response.body.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice(6)));
    expect(chunks.map((chunk) => chunk.choices[0].delta.content)).toEqual(['scripted', ' words', undefined]);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
  });

  it('answers errors in the OpenAI shape', async () => {
    const cases = [
      {
        request: { method: 'POST', url: '/v1/chat/completions', payload: { model: 'smart', messages: [] } },
        status: 401,
        code: 'invalid_api_key',
        headers: {},
      },
      {
        request: { method: 'POST', url: '/v1/chat/completions', payload: { messages: [{ role: 'user', content: 'x' }] } },
        status: 400,
        param: 'model',
      },
      {
        request: { method: 'POST', url: '/v1/chat/completions', payload: { model: 'smart', messages: 'no' } },
        status: 400,
        param: 'messages',
      },
      {
        request: { method: 'POST', url: '/v1/chat/completions', payload: { model: 'nope', messages: [{ role: 'user', content: 'x' }] } },
        status: 404,
        code: 'model_not_found',
      },
      {
        request: { method: 'POST', url: '/v1/chat/completions', payload: '{"model":', headers: { 'content-type': 'application/json' } },
        status: 400,
        code: 'invalid_json',
      },
      {
        request: {
          method: 'POST',
          url: '/v1/chat/completions',
          payload: 'x'.repeat(5000),
          headers: { 'content-type': 'application/json' },
        },
        status: 413,
        code: 'request_too_large',
      },
      {
        request: {
          method: 'POST',
          url: '/v1/chat/completions',
          payload: 'a=b',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
        status: 415,
      },
      { request: { method: 'GET', url: '/v1/nothing' }, status: 404, code: 'unknown_url' },
      { request: { method: 'GET', url: '/v1/models/nope/really' }, status: 404, code: 'model_not_found' },
      { request: { method: 'GET', url: '/v1/models/%E0%A4%A' }, status: 400 },
    ] as const;
    for (const testCase of cases) {
      const headers = 'headers' in testCase.request ? testCase.request.headers : {};
      const response = await app.inject({ ...testCase.request, headers: { ...('headers' in testCase ? {} : auth), ...headers } } as never);
      expect(response.statusCode, JSON.stringify(testCase)).toBe(testCase.status);
      const error = expectOpenAIError(response);
      if ('code' in testCase) expect(error['code']).toBe(testCase.code);
      if ('param' in testCase) expect(error['param']).toBe(testCase.param);
    }
  });

  it('lists and retrieves models, ids with slashes included', async () => {
    const list = await app.inject({ method: 'GET', url: '/v1/models', headers: auth });
    expect(list.json()).toMatchObject({ object: 'list', data: [{ id: 'smart', object: 'model', owned_by: 'modelgate' }] });
    const direct = await app.inject({ method: 'GET', url: '/v1/models/local/some/model', headers: auth });
    expect(direct.statusCode).toBe(200);
    expect(direct.json()).toMatchObject({ id: 'local/some/model', owned_by: 'local' });
  });

  it('serves health without auth', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  it('accepts x-api-key and passes the master principal', async () => {
    scriptedCalls.length = 0;
    const principals: unknown[] = [];
    const runEmbeddings = gateway.runEmbeddings.bind(gateway);
    gateway.runEmbeddings = (codec, body, context) => {
      principals.push(context?.principal);
      return runEmbeddings(codec, body, context);
    };
    const response = await app.inject({
      method: 'POST',
      url: '/v1/embeddings',
      headers: { 'x-api-key': masterKey },
      payload: { model: 'smart', input: ['a', 'b'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toHaveLength(2);
    expect(principals).toEqual([{ id: 'master', kind: 'master', role: 'admin', scopes: {} }]);
    gateway.runEmbeddings = runEmbeddings;
    // A wrong key of the same length as the master key is refused like any other.
    const sameLength = `${masterKey.slice(0, -1)}${masterKey.endsWith('x') ? 'y' : 'x'}`;
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/embeddings',
      headers: { 'x-api-key': sameLength },
      payload: { model: 'smart', input: 'a' },
    });
    expect(refused.statusCode).toBe(401);
    expect(principals).toHaveLength(1);
  });

  it('aborts the upstream call when the client disconnects mid-stream', async () => {
    const listening = buildApp(gateway);
    await listening.listen({ host: '127.0.0.1', port: 0 });
    try {
      scriptedCalls.length = 0;
      const controller = new AbortController();
      const response = await fetch(`http://127.0.0.1:${(listening.server.address() as { port: number }).port}/v1/chat/completions`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'local/slow-stream', stream: true, messages: [{ role: 'user', content: 'go' }] }),
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toMatch(/^data: \{/);
      const signal = scriptedCalls[0]!.signal!;
      expect(signal.aborted).toBe(false);
      controller.abort();
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve())));
      expect(signal.aborted).toBe(true);
    } finally {
      // fetch may keep a spare connection open; do not wait for its keep-alive timeout.
      listening.server.closeAllConnections();
      await listening.close();
    }
  });
});

import { parseConfig, type MiddlewareV1 } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import OpenAI, { APIError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { JsonLineLogger } from './logging/json-line-logger.js';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

/** A chat hook that changes nothing: its presence alone moves every request to the canonical path. */
const passThrough: MiddlewareV1 = { specificationVersion: 'v1', name: 'pass-through', beforeChat: async () => undefined };

interface Gateway {
  mock: MockOpenAIServer;
  server: RunningServer;
  client: OpenAI;
  lines: Record<string, unknown>[];
}

/** A gateway in front of a Groq-like host (a catalog entry whose quirks drop OpenAI-only fields such as `store`). */
async function startGateway(canonical: boolean): Promise<Gateway> {
  const mock = await startMockOpenAI();
  const lines: Record<string, unknown>[] = [];
  const server = await startServer({
    config: parseConfig({
      server: { log_level: 'silent' },
      auth: { master_key: testMasterKey },
      providers: { hosted: { type: 'groq', base_url: mock.baseURL, api_key: 'gsk-test' } },
      models: [
        { name: 'fast', deployments: [{ provider: 'hosted', model: 'llama-3.3-70b-versatile' }] },
        { name: 'fast-strict', deployments: [{ provider: 'hosted', model: 'llama-3.3-70b-versatile', strict: true }] },
      ],
    }),
    host: '127.0.0.1',
    port: 0,
    logger: new JsonLineLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    ...(canonical ? { middleware: [passThrough] } : {}),
  });
  return { mock, server, lines, client: new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 }) };
}

const question = { messages: [{ role: 'user' as const, content: 'Hi.' }], store: true };

async function refusal(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

describe.each([false, true])('strict mode (canonical path: %s)', (canonical) => {
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await startGateway(canonical);
  });
  afterEach(() => gateway.mock.reset());
  afterAll(async () => {
    await gateway.server.close();
    await gateway.mock.close();
  });

  it('by default drops what the host does not take, says so in x-modelgate-warnings and logs it', async () => {
    const { data, response } = await gateway.client.chat.completions
      .create({ model: 'fast', ...question }, { headers: { 'x-request-id': `lenient-${canonical}` } })
      .withResponse();
    expect(data.choices[0]?.message.content).toBeTruthy();
    expect(response.headers.get('x-modelgate-warnings')).toContain('"store"');
    expect(gateway.mock.requests).toHaveLength(1);
    expect(gateway.mock.requests[0]?.body).not.toHaveProperty('store');
    const line = await vi.waitFor(() => {
      const found = gateway.lines.find((candidate) => candidate.reqId === `lenient-${canonical}`);
      if (found === undefined) throw new Error('no access line yet');
      return found;
    });
    expect(line.warnings).toContain('"store"');
  });

  it('refuses it with a 400 naming the parameter when the request sends x-modelgate-strict: true', async () => {
    const error = await refusal(
      gateway.client.chat.completions.create({ model: 'fast', ...question }, { headers: { 'x-modelgate-strict': 'true' } }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('store');
    expect(error.code).toBe('unsupported_parameter');
    expect(error.message).toContain('"store"');
    expect(gateway.mock.requests).toHaveLength(0);
  });

  it('refuses a stream the same way, before it opens', async () => {
    const error = await refusal(
      gateway.client.chat.completions.create({ model: 'fast', ...question, stream: true }, { headers: { 'x-modelgate-strict': 'true' } }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('store');
    expect(gateway.mock.requests).toHaveLength(0);
  });

  it('refuses it for a deployment with strict: true, whatever the request says', async () => {
    const error = await refusal(gateway.client.chat.completions.create({ model: 'fast-strict', ...question }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('store');
    const relaxed = await refusal(
      gateway.client.chat.completions.create({ model: 'fast-strict', ...question }, { headers: { 'x-modelgate-strict': 'false' } }),
    );
    expect(relaxed.param).toBe('store');
    expect(gateway.mock.requests).toHaveLength(0);
  });

  it('serves a strict request that asks for nothing the host drops, without warnings', async () => {
    const { response } = await gateway.client.chat.completions
      .create({ model: 'fast', messages: question.messages }, { headers: { 'x-modelgate-strict': 'true' } })
      .withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-modelgate-warnings')).toBeNull();
  });

  it('answers a 400 naming the header for a value that is neither true nor false', async () => {
    const error = await refusal(
      gateway.client.chat.completions.create({ model: 'fast', ...question }, { headers: { 'x-modelgate-strict': 'yes please' } }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('x-modelgate-strict');
    expect(gateway.mock.requests).toHaveLength(0);
  });
});

import { parseConfig, type Gateway } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { createAppGateway } from './create-app-gateway.js';
import { mockGatewayConfig, testMasterKey } from './test-fixtures/mock-gateway.js';

/**
 * Thousands of malformed requests, in process: every answer is a 4xx in OpenAI's error shape (or a
 * 2xx for input that happens to be valid), nothing crashes or hangs, and the upstream never sees a
 * malformed request.
 */

const bodyLimit = 4096;
let mock: MockOpenAIServer;
let gateway: Gateway;
let app: FastifyInstance;

beforeAll(async () => {
  mock = await startMockOpenAI();
  const config = mockGatewayConfig(mock, {
    server: { log_level: 'silent', body_limit_bytes: bodyLimit },
    router: { retries: 0, timeout_ms: 5000 },
  });
  gateway = await createAppGateway(parseConfig(config));
  app = buildApp(gateway);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await gateway?.close();
  await mock?.close();
});

const routes = [
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/models',
  '/v1/models/smart',
  '/v1/models/mock/gpt-4.1',
  '/health/live',
  '/health/ready',
];
const postRoutes = ['/v1/chat/completions', '/v1/embeddings'];
const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
const contentTypes = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'json',
  ';;;',
];
const authorizations: Record<string, string>[] = [
  { authorization: `Bearer ${testMasterKey}` },
  { authorization: `bearer ${testMasterKey}` },
  { 'x-api-key': testMasterKey },
  { authorization: 'Bearer sk-wrong' },
  // Wrong keys of the right length: a matcher that only compared lengths would let these in.
  { authorization: `Bearer ${testMasterKey.slice(0, -1)}X` },
  { 'x-api-key': `X${testMasterKey.slice(1)}` },
  { authorization: 'Bearer ' },
  { authorization: `Basic ${testMasterKey}` },
  {},
];

const printable = fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((text) => text.replace(/[^\x20-\x7e]/g, ''));
const model = fc.oneof(
  fc.constantFrom('smart', 'embed', 'mock/gpt-4.1', 'nope', '', 'mock/', '/x'),
  fc.string({ maxLength: 12 }),
  fc.jsonValue(),
);
const message = fc.oneof(
  fc.record({
    role: fc.constantFrom('user', 'system', 'assistant', 'tool', 'robot'),
    content: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue()),
  }),
  fc.jsonValue(),
);
const chatLike = fc.record(
  {
    model,
    messages: fc.oneof(fc.array(message, { maxLength: 3 }), fc.jsonValue()),
    stream: fc.oneof(fc.boolean(), fc.jsonValue()),
    temperature: fc.oneof(fc.double(), fc.jsonValue()),
    input: fc.oneof(fc.string({ maxLength: 10 }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.jsonValue()),
    stream_options: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const validChat = fc.record({
  model: fc.constantFrom('smart', 'mock/gpt-4.1'),
  messages: fc.constant([{ role: 'user', content: 'hi' }]),
  stream: fc.boolean(),
});
/** A chat body over the server's body limit. */
const oversizedChat = `{"model":"smart","messages":[{"role":"user","content":"${'x'.repeat(bodyLimit)}"}]}`;
const payload = fc.oneof(
  chatLike.map((body) => JSON.stringify(body)),
  validChat.map((body) => JSON.stringify(body)),
  validChat.chain((body) => {
    const text = JSON.stringify(body);
    return fc.nat(text.length - 1).map((cut) => text.slice(0, cut));
  }),
  fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 60 }),
  fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(
    '',
    '{"__proto__":{"polluted":1},"model":"smart","messages":[{"role":"user","content":"x"}]}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    oversizedChat,
    '\uFEFF{}',
    '[1,2,3]',
    'null',
  ),
);

function withTimeout(response: Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  return Promise.race([
    response,
    new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('The request hung.')), 10_000)),
  ]);
}

/** How many answers of each status the properties produced: proof that they reach every branch. */
const statuses = new Map<number, number>();

function checkAnswer(options: InjectOptions, response: LightMyRequestResponse): void {
  statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
  const context = `${options.method} ${options.url} → ${response.statusCode} ${response.body.slice(0, 200)}`;
  expect(response.statusCode, context).toBeLessThan(500);
  expect(response.headers['x-request-id'], context).toBeTruthy();
  if (options.method === 'HEAD') return;
  const contentType = String(response.headers['content-type'] ?? '');
  if (response.statusCode >= 400) {
    expect(contentType, context).toMatch(/^application\/json/);
    const body = JSON.parse(response.body) as { error: Record<string, unknown> };
    expect(Object.keys(body), context).toEqual(['error']);
    expect(typeof body.error['message'], context).toBe('string');
    expect(typeof body.error['type'], context).toBe('string');
    expect(body.error['param'] === null || typeof body.error['param'] === 'string', context).toBe(true);
    expect(body.error['code'] === null || typeof body.error['code'] === 'string', context).toBe(true);
    return;
  }
  if (contentType.startsWith('text/event-stream')) {
    expect(response.body.endsWith('data: [DONE]\n\n'), context).toBe(true);
  } else {
    expect(contentType, context).toMatch(/^application\/json/);
    expect(() => JSON.parse(response.body), context).not.toThrow();
  }
}

function expectWellFormedUpstreamRequests(): void {
  for (const request of mock.requests) {
    const body = request.body as Record<string, unknown> | undefined;
    expect(request.method).toBe('POST');
    expect(typeof body?.['model']).toBe('string');
    if (request.path === '/v1/chat/completions') {
      expect(Array.isArray(body?.['messages']) && (body['messages'] as unknown[]).length > 0).toBe(true);
    } else {
      expect(request.path).toBe('/v1/embeddings');
      expect(body?.['input']).toBeDefined();
    }
  }
}

describe('malformed requests', () => {
  it('answers malformed bodies at the POST routes in the OpenAI error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...postRoutes),
        payload,
        fc.constantFrom(...contentTypes),
        fc.constantFrom(...authorizations),
        async (url, body, contentType, authorization) => {
          const headers: Record<string, string> = { ...authorization };
          if (contentType !== undefined) headers['content-type'] = contentType;
          const options: InjectOptions = { method: 'POST', url, headers, payload: body };
          checkAnswer(options, await withTimeout(app.inject(options)));
        },
      ),
      {
        numRuns: 1200,
        // Runs besides the random ones, so that the branches counted below are reached on every seed.
        examples: [
          ['/v1/chat/completions', oversizedChat, 'application/json', authorizations[0]!],
          ['/v1/chat/completions', '{"model":"smart","messages":[{"role":"user","content":"hi"}]}', 'application/json', authorizations[0]!],
          ['/v1/chat/completions', '{"model":"nope","messages":[{"role":"user","content":"hi"}]}', 'application/json', authorizations[0]!],
          ['/v1/embeddings', '{"model":"smart","input":"hi"}', 'text/plain', authorizations[0]!],
        ],
      },
    );
    expect(mock.requests.length).toBeGreaterThan(0);
    expectWellFormedUpstreamRequests();
  });

  it('answers odd methods, paths, headers and encodings in the OpenAI error shape', async () => {
    const suffix = fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 16 }).map((text) => encodeURIComponent(text)),
      fc.constantFrom('%', '%zz', '%00', '%E0%A4%A', '/../x', '//', '?a=%', '?x[]=1&x=2', ';a=b', '/', '%2F', '?model=smart'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methods),
        fc.oneof(fc.constantFrom(...routes), fc.constantFrom('/', '/v1', '/v2/chat', '/admin', '/health')),
        suffix,
        fc.constantFrom(...authorizations),
        fc.record(
          {
            'x-request-id': printable,
            'content-type': fc.constantFrom(...contentTypes.filter((each): each is string => each !== undefined)),
            'content-encoding': fc.constantFrom('gzip', 'identity', 'br', 'nonsense'),
            accept: printable,
          },
          { requiredKeys: [] },
        ),
        fc.option(payload, { nil: undefined }),
        async (method, route, tail, authorization, extraHeaders, body) => {
          const options: InjectOptions = {
            method,
            url: route + tail,
            headers: { ...extraHeaders, ...authorization },
            ...(body === undefined || method === 'GET' || method === 'HEAD' ? {} : { payload: body }),
          };
          checkAnswer(options, await withTimeout(app.inject(options)));
        },
      ),
      { numRuns: 800 },
    );
    for (const status of [200, 400, 401, 404, 413, 415]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    expectWellFormedUpstreamRequests();
  });
});

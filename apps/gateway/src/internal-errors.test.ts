import { createGateway, type Gateway } from '@modelgate/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { JsonLineLogger } from './logging/json-line-logger.js';
import { internalFailureText, scriptedProviderPlugin } from './test-fixtures/scripted-provider.js';

let gateway: Gateway;
let app: FastifyInstance;
const logLines: string[] = [];

beforeAll(async () => {
  gateway = await createGateway(
    {
      auth: { disabled: true },
      providers: { local: { type: 'scripted' }, down: { type: 'openai', base_url: 'http://127.0.0.1:9/v1', api_key: 'sk-down-key-1234' } },
      models: [
        { name: 'broken', deployments: [{ provider: 'local', model: 'throws' }] },
        { name: 'unreachable', deployments: [{ provider: 'down', model: 'gpt-4o-mini' }] },
      ],
      router: { retries: 0 },
    },
    { plugins: [scriptedProviderPlugin] },
  );
  app = buildApp(gateway, { logger: new JsonLineLogger('warn', (line) => logLines.push(line)) });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await gateway.close();
});

const internals = ['10.1.2.3', '8443', '/srv/plugins', 'index.js', 'ECONNREFUSED 10', '127.0.0.1:9', 'http://', '    at '];

function expectNothingInside(text: string): void {
  for (const fragment of internals) expect(text).not.toContain(fragment);
}

async function chat(model: string, stream: boolean) {
  return app.inject({
    method: 'POST',
    url: '/v1/chat/completions',
    headers: { 'x-request-id': `req-${model}-${String(stream)}` },
    payload: { model, stream, messages: [{ role: 'user', content: 'hi' }] },
  });
}

describe('errors do not describe the inside', () => {
  it('answers a plugin exception with a stable message and the request id, and logs it in full', async () => {
    const response = await chat('broken', false);
    expect(response.statusCode).toBe(500);
    expect(response.json().error.message).toBe('The server had an error while processing your request. (request id req-broken-false)');
    expectNothingInside(response.body);
    const logged = logLines.find((line) => line.includes('req-broken-false'));
    expect(logged).toContain(internalFailureText);
  });

  it('does the same for an exception thrown mid-stream', async () => {
    const response = await chat('broken', true);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('partial');
    expect(response.body).toContain('The server had an error while processing your request. (request id req-broken-true)');
    expectNothingInside(response.body);
    const logged = logLines.find((line) => line.includes('req-broken-true'));
    expect(logged).toContain(internalFailureText);
  });

  it('names neither the address nor the port of an upstream it cannot reach', async () => {
    const response = await chat('unreachable', false);
    expect(response.statusCode).toBe(502);
    expect(response.json().error.message).toContain('Cannot reach upstream down');
    expectNothingInside(response.body);
  });
});

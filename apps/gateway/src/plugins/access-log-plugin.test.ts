import { createGateway } from '@modelgate/core';
import openai from '@modelgate/provider-openai';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { JsonLineLogger } from '../logging/json-line-logger.js';

let mock: MockOpenAIServer;

beforeAll(async () => {
  mock = await startMockOpenAI();
});

afterAll(async () => {
  await mock.close();
});

async function appWithLog(level: 'info' | 'warn') {
  const gateway = await createGateway(
    {
      providers: { mock: { type: 'openai', base_url: mock.baseURL, api_key: 'test' } },
      models: [{ name: 'smart', deployments: [{ provider: 'mock', model: 'gpt-4o-mini' }] }],
    },
    { plugins: [openai] },
  );
  const lines: Record<string, unknown>[] = [];
  const app = buildApp(gateway, { logger: new JsonLineLogger(level, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) });
  return {
    app,
    lines,
    close: async () => {
      await app.close();
      await gateway.close();
    },
  };
}

describe('access log', () => {
  it('writes one info line per request with route, status, model, deployment, attempts, duration and tokens', async () => {
    const { app, lines, close } = await appWithLog('info');
    try {
      const answer = await app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { 'x-request-id': 'req-access-1' },
        payload: { model: 'smart', messages: [{ role: 'user', content: 'hi' }] },
      });
      expect(answer.statusCode).toBe(200);
      const usage = (answer.json() as { usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } }).usage;
      const health = await app.inject({ method: 'GET', url: '/health/live' });
      expect(health.statusCode).toBe(200);
      const requests = lines.filter((line) => line.msg === 'request');
      expect(requests).toHaveLength(2);
      expect(requests[0]).toMatchObject({
        level: 30,
        reqId: 'req-access-1',
        method: 'POST',
        route: '/v1/chat/completions',
        status: 200,
        model: 'smart',
        deployment: 'mock/gpt-4o-mini',
        attempts: 1,
        inputTokens: usage.prompt_tokens,
        outputTokens: usage.completion_tokens,
        totalTokens: usage.total_tokens,
      });
      expect(typeof requests[0]!.time).toBe('number');
      expect(typeof requests[0]!.durationMs).toBe('number');
      expect(requests[1]).toMatchObject({ method: 'GET', route: '/health/live', status: 200 });
      expect(requests[1]).not.toHaveProperty('model');
    } finally {
      await close();
    }
  });

  it('logs a streamed answer with its tokens and a client error, with the route template', async () => {
    const { app, lines, close } = await appWithLog('info');
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as { port: number };
      const streamed = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'smart', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      await streamed.text();
      const bad = await app.inject({ method: 'GET', url: '/v1/models/does-not-exist' });
      await expect.poll(() => lines.filter((line) => line.msg === 'request').length).toBe(2);
      const requests = lines.filter((line) => line.msg === 'request');
      const stream = requests.find((line) => line.method === 'POST');
      expect(stream).toMatchObject({
        route: '/v1/chat/completions',
        status: 200,
        model: 'smart',
        deployment: 'mock/gpt-4o-mini',
        attempts: 1,
      });
      expect(stream?.totalTokens).toBeGreaterThan(0);
      expect(stream?.totalTokens).toBe(Number(stream?.inputTokens) + Number(stream?.outputTokens));
      expect(requests.find((line) => line.method === 'GET')).toMatchObject({ route: '/v1/models/*', status: bad.statusCode });
    } finally {
      await close();
    }
  });

  it('writes a line that parses whatever the client sent: quotes, newlines and control characters in the model and the path', async () => {
    const { app, lines, close } = await appWithLog('info');
    try {
      const model = 'no"such\nmodel\u0001\\';
      const answer = await app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { model, messages: [{ role: 'user', content: 'hi' }] },
      });
      expect(answer.statusCode).toBe(404);
      const missing = await app.inject({ method: 'GET', url: '/v1/"odd%22path\u2028?key=secret' });
      expect(missing.statusCode).toBe(404);
      const requests = lines.filter((line) => line.msg === 'request');
      expect(requests[0]).toMatchObject({ status: 404, model });
      expect(requests[1]).toMatchObject({ status: 404, route: '/v1/%22odd%22path%E2%80%A8' });
      expect(JSON.stringify(requests[1])).not.toContain('secret');
    } finally {
      await close();
    }
  });

  it('writes nothing per request above info', async () => {
    const { app, lines, close } = await appWithLog('warn');
    try {
      await app.inject({ method: 'GET', url: '/health/live' });
      expect(lines).toEqual([]);
    } finally {
      await close();
    }
  });
});

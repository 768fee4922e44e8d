import { createGateway } from '@modelgate/core';
import openai from '@modelgate/provider-openai';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { JsonLineLogger } from './json-line-logger.js';

describe('server logging', () => {
  it('logs an upstream failure as one warning line with the request id, and client mistakes not at all', async () => {
    const gateway = await createGateway(
      {
        providers: { down: { type: 'openai', base_url: 'http://127.0.0.1:9/v1', api_key: 'k' } },
        models: [{ name: 'm', deployments: [{ provider: 'down', model: 'x' }] }],
        router: { retries: 0 },
      },
      { plugins: [openai] },
    );
    const lines: string[] = [];
    const app = buildApp(gateway, { logger: new JsonLineLogger('info', (line) => lines.push(line)) });
    try {
      const failed = await app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { 'x-request-id': 'req-42' },
        payload: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
      });
      expect(failed.statusCode).toBe(502);
      const bad = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'm' } });
      expect(bad.statusCode).toBe(400);
      const events = lines.filter((line) => (JSON.parse(line) as { msg?: string }).msg !== 'request');
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]!)).toMatchObject({ level: 40, reqId: 'req-42', status: 502, code: 'upstream_connection_error' });
    } finally {
      await app.close();
      await gateway.close();
    }
  });
});

describe('the server logger reaches plugins', () => {
  it("writes a provider's warning (a dropped field) into the server's own log lines", async () => {
    const { parseConfig } = await import('@modelgate/core');
    const { startMockOpenAI } = await import('@modelgate/testkit');
    const { startServer } = await import('../server.js');
    const mock = await startMockOpenAI();
    const lines: string[] = [];
    const server = await startServer({
      config: parseConfig({
        server: { log_level: 'warn' },
        providers: { picky: { type: 'openai', base_url: mock.baseURL, api_key: 'k', quirks: { unsupported_fields: ['seed'] } } },
        models: [{ name: 'm', deployments: [{ provider: 'picky', model: 'x' }] }],
      }),
      host: '127.0.0.1',
      port: 0,
      logger: new JsonLineLogger('warn', (line) => lines.push(line)),
    });
    try {
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', seed: 1, messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-modelgate-warnings')).toBe('Provider "picky" does not accept "seed"; it was dropped.');
      const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(warnings.some((line) => line.level === 40 && line.msg.includes('does not accept "seed"'))).toBe(true);
    } finally {
      await server.close();
      await mock.close();
    }
  });
});

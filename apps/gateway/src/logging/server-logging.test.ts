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

import { parseConfig } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { startServer } from './server.js';

describe('startServer', () => {
  it('listens, answers health, and closes', async () => {
    const server = await startServer({ config: parseConfig({ server: { log_level: 'silent' } }), host: '127.0.0.1', port: 0 });
    try {
      expect(server.port).toBeGreaterThan(0);
      const live = await fetch(`${server.url}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      const models = await fetch(`${server.url}/v1/models`);
      expect(models.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('requires the master key once one is configured', async () => {
    const server = await startServer({
      config: parseConfig({ server: { log_level: 'silent' }, auth: { master_key: 'sk-x' } }),
      host: '127.0.0.1',
      port: 0,
    });
    try {
      expect((await fetch(`${server.url}/v1/models`)).status).toBe(401);
      expect((await fetch(`${server.url}/v1/models`, { headers: { 'x-api-key': 'sk-x' } })).status).toBe(200);
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses to listen on a public address without authentication', async () => {
    await expect(startServer({ config: parseConfig({}), host: '0.0.0.0', port: 0 })).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0/);
  });
});

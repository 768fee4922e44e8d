import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPools } from './http-pools.js';
import { startLocalOpenAIServer, writeJson, type LocalOpenAIServer } from './test-fixtures/local-openai-server.js';

let server: LocalOpenAIServer;
beforeAll(async () => {
  server = await startLocalOpenAIServer();
});
afterAll(() => server.close());

describe('HttpPools', () => {
  it('sends method, path with query, headers and body, and returns status, flat headers and the body stream', async () => {
    server.handle((_request, response) => writeJson(response, 201, { ok: true }, { 'x-request-id': 'r1' }));
    const pools = new HttpPools();
    const response = await pools.request({
      url: `${server.baseURL}/things?a=1`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
      body: '{"b":2}',
    });
    expect(response.status).toBe(201);
    expect(response.headers['x-request-id']).toBe('r1');
    expect(await response.body.json()).toEqual({ ok: true });
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/things?a=1', body: { b: 2 } });
    expect(server.requests.at(-1)!.headers['x-test']).toBe('yes');
    expect(pools.pool(new URL(server.baseURL).origin)).toBe(pools.pool(new URL(server.baseURL).origin));
    await pools.close();
    await expect(pools.request({ url: server.baseURL })).rejects.toThrow(/closed/);
  });

  it('rejects with the signal reason when aborted before the headers', async () => {
    server.reset();
    const pools = new HttpPools();
    const controller = new AbortController();
    const reason = new Error('gone');
    // Aborted once the request is in (the server never answers), not after a fixed time that a busy machine may not keep.
    server.handle(() => controller.abort(reason));
    const pending = pools.request({ url: `${server.baseURL}/slow`, signal: controller.signal });
    await expect(pending).rejects.toBe(reason);
    expect(await server.closed(0)).toEqual({ finished: false });
    await pools.close();
  });
});

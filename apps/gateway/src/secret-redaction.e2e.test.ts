import { parseConfig } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JsonLineLogger } from './logging/json-line-logger.js';
import { startServer, type RunningServer } from './server.js';

const upstreamKey = 'sk-upstream-secret-4f9c2e7a1b';
const environmentKey = 'sk-environment-secret-77d1c0';
const masterKey = 'sk-master-secret-0a1b2c3d';
const secrets = [upstreamKey, environmentKey, masterKey];

let mock: MockOpenAIServer;
let server: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  mock = await startMockOpenAI();
  const config = parseConfig(
    {
      server: { log_level: 'info' },
      auth: { master_key: masterKey },
      providers: {
        mock: { type: 'openai', base_url: mock.baseURL, api_key: upstreamKey },
        // The mock stands in for api.openai.com here, so the key comes from OPENAI_API_KEY.
        fallback: { type: 'openai', base_url: mock.baseURL, api_key: '${OPENAI_API_KEY}' },
      },
      models: [
        { name: 'smart', deployments: [{ provider: 'mock', model: 'gpt-4o-mini' }] },
        { name: 'environment', deployments: [{ provider: 'fallback', model: 'gpt-4o-mini' }] },
      ],
      router: { retries: 0, timeout_ms: 5000 },
    },
    { environment: { OPENAI_API_KEY: environmentKey } },
  );
  server = await startServer({
    config,
    host: '127.0.0.1',
    port: 0,
    environment: { OPENAI_API_KEY: environmentKey },
    logger: new JsonLineLogger('info', (line) => logLines.push(line)),
  });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

beforeEach(() => {
  mock.reset();
});

async function post(model: string, stream = false): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

function expectNoSecret(text: string): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('configured secrets never leave the gateway', () => {
  it('redacts a key an upstream echoes in a 401 body, and calls that a distinct upstream error', async () => {
    mock.enqueue({ type: 'echo_credential', status: 401 });
    const { status, text } = await post('smart');
    expect(mock.requests[0]!.headers.authorization).toBe(`Bearer ${upstreamKey}`);
    expectNoSecret(text);
    expect(text).toContain('authorization: Bearer [REDACTED]');
    expect(status).toBe(502);
    expect(JSON.parse(text).error.code).toBe('upstream_authentication_error');
  });

  it('redacts a key an upstream echoes in a 500 body, the environment fallback key included', async () => {
    for (const model of ['smart', 'environment']) {
      mock.enqueue({ type: 'echo_credential', status: 500 });
      const { status, text } = await post(model);
      expect(status).toBe(500);
      expectNoSecret(text);
      expect(text).toContain('[REDACTED]');
    }
    expect(mock.requests[1]!.headers.authorization).toBe(`Bearer ${environmentKey}`);
  });

  it('redacts a key an upstream echoes in an error event inside a stream', async () => {
    mock.enqueue({ type: 'echo_credential', status: 200, inStream: true });
    const { status, text } = await post('smart', true);
    expect(status).toBe(200);
    expect(text).toMatch(/^data: {"id":/);
    expect(text).toContain('data: {"error":');
    expect(text).toContain('[REDACTED]');
    expectNoSecret(text);
  });

  it('redacts headers built from upstream data', async () => {
    const completion = {
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
    };
    mock.enqueue({
      type: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json', 'x-ratelimit-remaining-requests': `key=${upstreamKey}` },
      body: JSON.stringify(completion),
    });
    const { status, headers } = await post('smart');
    expect(status).toBe(200);
    expect(headers.get('x-ratelimit-remaining-requests')).toBe('key=[REDACTED]');
  });

  it('redacts every secret from the log lines those failures wrote', () => {
    const log = logLines.join('');
    expect(log).toContain('[REDACTED]');
    expect(log).toContain('upstream_authentication_error');
    expectNoSecret(log);
  });
});

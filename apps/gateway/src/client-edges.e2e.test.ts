import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockGateway, testMasterKey, type MockGateway } from './test-fixtures/mock-gateway.js';

let harness: MockGateway;
let port: number;

beforeAll(async () => {
  harness = await startMockGateway({
    server: {
      log_level: 'silent',
      body_limit_bytes: 64 * 1024 * 1024,
      headers_timeout_ms: 300,
      request_timeout_ms: 2000,
      max_connections: 6,
    },
  });
  port = harness.server.port;
});

afterAll(async () => {
  await harness.close();
});

beforeEach(() => {
  harness.mock.reset();
});

interface RawExchange {
  socket: Socket;
  /** Everything received, once the server closed the connection. */
  closed: Promise<string>;
}

function open(): RawExchange {
  const socket = connect({ host: '127.0.0.1', port });
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (data: string) => {
    received += data;
  });
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  return { socket, closed };
}

/** Writes `text` one piece every `everyMs` until the socket closes (bounded to `pieces` pieces). */
function dribble(socket: Socket, pieces: number, everyMs: number, text: string): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || sent >= pieces) {
      clearInterval(timer);
      return;
    }
    sent += 1;
    socket.write(text);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

async function health(): Promise<number> {
  return (await fetch(`${harness.server.url}/health/live`)).status;
}

const chatBody = JSON.stringify({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] });
const jsonHeaders = { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' };

async function post(
  headers: Record<string, string>,
  body: string,
  url = harness.server.url,
): Promise<{ status: number; body: { error: { message: string; code: string } } }> {
  const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as never };
}

describe('slow clients are cut off while others are served', () => {
  it('closes a connection whose headers arrive one line at a time (slowloris)', async () => {
    const slow = open();
    slow.socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    dribble(slow.socket, 100, 50, 'X-Slow: 1\r\n');
    expect(await health()).toBe(200);
    const received = await slow.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection whose body arrives one byte at a time', async () => {
    const slow = open();
    slow.socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${testMasterKey}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    dribble(slow.socket, 200, 20, ' ');
    expect(await health()).toBe(200);
    const received = await slow.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(harness.mock.requests).toHaveLength(0);
  });

  it('does not cut a stream that lasts longer than the request timeout', async () => {
    harness.mock.enqueue({ type: 'text', content: 'one two three four five six seven eight', chunkDelayMs: 300 });
    const response = await fetch(`${harness.server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: jsonHeaders,
      body: JSON.stringify({ model: 'smart', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect((await response.text()).trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('refuses connections beyond server.max_connections', async () => {
    const idle = Array.from({ length: 6 }, () => open());
    await Promise.all(idle.map(({ socket }) => new Promise((resolve) => socket.once('connect', resolve))));
    const extra = open();
    extra.socket.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await extra.closed).toBe('');
    for (const { socket } of idle) socket.destroy();
    await Promise.all(idle.map(({ closed }) => closed));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await health()).toBe(200);
  });
});

describe('unauthenticated and unknown requests cost nothing', () => {
  it('answers an unknown route without a key with 401 before reading its body, and closes the connection', async () => {
    const client = open();
    client.socket.write(
      'POST /v1/unknown HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 36000000\r\n\r\n{"a":',
    );
    const received = await client.closed;
    expect(received).toMatch(/^HTTP\/1\.1 401/);
    expect(received.toLowerCase()).toContain('connection: close');
  });

  it('answers an unknown route with a key with 404 before reading its body', async () => {
    const client = open();
    client.socket.write(
      `POST /v1/unknown HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${testMasterKey}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 36000000\r\n\r\n{"a":',
    );
    const received = await client.closed;
    expect(received).toMatch(/^HTTP\/1\.1 404/);
    expect(received).toContain('unknown_url');
  });
});

describe('input that is expensive to reject is rejected cheaply', () => {
  // Its own gateway with the default timeouts: a 9 MB body must not race the 2 s request timeout above on a busy machine.
  let roomy: MockGateway;
  beforeAll(async () => {
    roomy = await startMockGateway({ server: { log_level: 'silent', body_limit_bytes: 64 * 1024 * 1024 } });
  });
  afterAll(async () => {
    await roomy.close();
  });

  it('answers JSON nested 10,000 deep with a 400', async () => {
    const deep = `{"model":"smart","messages":[{"role":"user","content":"x"}],"metadata":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const { status, body } = await post(jsonHeaders, deep);
    expect(status).toBe(400);
    expect(body.error.message).toContain('nested deeper than 64 levels');
  });

  it('answers 300,000 invalid messages with a 400 naming the limit, not a validation of each', async () => {
    const wide = JSON.stringify({ model: 'smart', messages: Array.from({ length: 300_000 }, () => ({ role: 'nobody', content: 1 })) });
    const { status, body } = await post(jsonHeaders, wide, roomy.server.url);
    expect(status).toBe(400);
    expect(body.error.message).toContain('more than 10000 items');
  });

  it('limits the length of a model name', async () => {
    const { status, body } = await post(
      jsonHeaders,
      JSON.stringify({ model: 'm'.repeat(257), messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(status).toBe(400);
    expect(body.error.message).toContain("'model'");
    expect(JSON.stringify(body)).not.toContain('m'.repeat(257));
  });

  it('answers text/plain and compressed bodies with 415', async () => {
    expect((await post({ ...jsonHeaders, 'content-type': 'text/plain' }, chatBody)).status).toBe(415);
    const gzip = await post({ ...jsonHeaders, 'content-encoding': 'gzip' }, chatBody);
    expect(gzip.status).toBe(415);
    expect(gzip.body.error.code).toBe('unsupported_media_type');
    expect(harness.mock.requests).toHaveLength(0);
  });
});

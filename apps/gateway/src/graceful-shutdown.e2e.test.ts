import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockGateway, testMasterKey, type MockGateway } from './test-fixtures/mock-gateway.js';

let harness: MockGateway | undefined;

afterEach(async () => {
  await harness?.mock.close();
  harness = undefined;
});

interface OpenStream {
  response: IncomingMessage;
  /** The whole body, and whether it ended normally (not reset). */
  done: Promise<{ body: string; ended: boolean }>;
}

function openStream(agent: Agent, port: number): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/chat/completions',
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        const done = new Promise<{ body: string; ended: boolean }>((settle) => {
          response.on('data', (data: string) => (body += data));
          response.on('end', () => settle({ body, ended: true }));
          response.on('error', () => settle({ body, ended: false }));
          response.on('aborted', () => settle({ body, ended: false }));
        });
        resolve({ response, done });
      },
    );
    call.on('error', reject);
    call.end(JSON.stringify({ model: 'smart', stream: true, messages: [{ role: 'user', content: 'hi' }] }));
  });
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Counts how many of the agent's sockets the server closed. */
function socketCloses(agent: Agent): { closed: () => number } {
  let closed = 0;
  const seen = new WeakSet<object>();
  const watch = () => {
    for (const list of [...Object.values(agent.sockets), ...Object.values(agent.freeSockets)]) {
      for (const socket of list ?? []) {
        if (seen.has(socket)) continue;
        seen.add(socket);
        socket.once('close', () => (closed += 1));
      }
    }
  };
  watch();
  return { closed: () => closed };
}

/** Waits (briefly, bounded) for a condition that follows from an event already under way. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let round = 0; round < 100 && !check(); round += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

describe('shutdown with streams in flight from keep-alive clients', () => {
  it('stops accepting at once, lets 20 streams finish, closes their sockets and reports it finished in time', async () => {
    harness = await startMockGateway();
    const { port } = harness.server;
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    for (let index = 0; index < 20; index += 1)
      harness.mock.enqueue({ type: 'text', content: 'one two three four five six', chunkDelayMs: 25 });
    const streams = await Promise.all(Array.from({ length: 20 }, () => openStream(agent, port)));
    const sockets = socketCloses(agent);

    const shutdown = harness.server.shutdown(10);
    expect(await connectionRefused(port)).toBe(true);
    const results = await Promise.all(streams.map((stream) => stream.done));
    for (const { body, ended } of results) {
      expect(ended).toBe(true);
      expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
    }
    expect(await shutdown).toEqual({ finishedInTime: true, cut: 0 });
    // Every keep-alive socket was closed by the server, not left for the client to drop.
    expect(await eventually(() => sockets.closed() === 20)).toBe(true);
    agent.destroy();
  });

  it('ends streams still open at the deadline with an error event, not a reset', async () => {
    harness = await startMockGateway();
    const { port } = harness.server;
    const agent = new Agent({ keepAlive: true });
    for (let index = 0; index < 3; index += 1) harness.mock.enqueue({ type: 'hang', afterChunks: 2 });
    const streams = await Promise.all(Array.from({ length: 3 }, () => openStream(agent, port)));

    const outcome = await harness.server.shutdown(0.2);
    expect(outcome).toEqual({ finishedInTime: false, cut: 3 });
    for (const stream of streams) {
      const { body, ended } = await stream.done;
      expect(ended).toBe(true);
      expect(body).toContain('"code":"server_shutting_down"');
      expect(body).not.toContain('[DONE]');
    }
    agent.destroy();
  });
});

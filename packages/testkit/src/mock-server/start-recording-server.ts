import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { RequestRecorder, type RecordedRequest } from '../request-recorder.js';
import { parseJsonOrUndefined, readBody } from './read-body.js';

/** One request a mock is answering, already recorded with its body read and parsed. */
export interface MockExchange {
  request: IncomingMessage;
  response: ServerResponse;
  recorded: RecordedRequest;
  /** True when the client went away, the answer ended, or the server is closing. */
  isClosed(): boolean;
  /** Call before destroying the socket on purpose (a mid-stream drop), so that it is not recorded as a client abort. */
  markDropped(): void;
}

export interface RecordingServerOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
}

/** A loopback HTTP server that records every request; what it answers is up to the mock that started it. */
export interface RecordingServer {
  /** The origin, `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly recorder: RequestRecorder;
  /** Destroys open connections (hanging answers included) and stops listening. */
  close(): Promise<void>;
}

/**
 * The part every mock upstream shares: listening on loopback, reading and recording each request
 * (an answer cut short by the client marks it aborted), a 500 (or a destroyed socket once headers
 * are out) when `handle` throws, and a close that never waits for a hanging answer.
 */
export async function startRecordingServer(
  handle: (exchange: MockExchange) => Promise<void>,
  options: RecordingServerOptions = {},
): Promise<RecordingServer> {
  const recorder = new RequestRecorder();
  const sockets = new Set<Socket>();
  let closing = false;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [path = '/', query = ''] = (request.url ?? '/').split('?', 2);
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      query,
      headers: request.headers,
      body: undefined,
      rawBody: '',
      scenario: undefined,
      aborted: false,
    };
    let dropped = false;
    response.once('close', () => {
      if (!response.writableFinished && !dropped && !closing) recorder.markAborted(recorded);
    });
    recorded.rawBody = await readBody(request);
    recorded.body = parseJsonOrUndefined(recorded.rawBody);
    recorder.record(recorded);
    if (response.destroyed) return;
    await handle({
      request,
      response,
      recorded,
      isClosed: () => response.destroyed || response.writableEnded || closing,
      markDropped: () => {
        dropped = true;
      },
    });
  }

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`The mock failed: ${String(error)}`);
      } else {
        response.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    recorder,
    close: async () => {
      if (closing) return;
      closing = true;
      recorder.rejectWaiters(new Error('The mock server was closed.'));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}

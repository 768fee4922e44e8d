import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the local server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: unknown;
}

export type LocalHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface LocalOpenAIServer {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (keep-alive check). */
  readonly connections: number;
  /** Resolves when the response of the n-th request (0-based) closes; `finished` is false when the client went away first. */
  closed(index: number): Promise<{ finished: boolean }>;
  handle(handler: LocalHandler): void;
  /** Forgets recorded requests (between tests). */
  reset(): void;
  close(): Promise<void>;
}

/** Writes an SSE body in OpenAI's exact framing: `data: <json>\n\n` per chunk, then `data: [DONE]\n\n`. */
export function writeEvents(
  response: ServerResponse,
  chunks: readonly (object | string)[],
  options: { done?: boolean; end?: boolean } = {},
): void {
  if (!response.headersSent) {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': 'req_stream' });
  }
  for (const chunk of chunks) response.write(`data: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}\n\n`);
  if (options.done !== false) response.write('data: [DONE]\n\n');
  if (options.end !== false) response.end();
}

export function writeJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** A tiny node:http server speaking OpenAI's wire format, with a handler per test. */
export async function startLocalOpenAIServer(): Promise<LocalOpenAIServer> {
  let handler: LocalHandler = (_request, response) => writeJson(response, 404, { error: { message: 'no handler' } });
  const requests: RecordedRequest[] = [];
  const closes: Promise<{ finished: boolean }>[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    closes.push(new Promise((resolve) => response.on('close', () => resolve({ finished: response.writableFinished }))));
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      let body: unknown;
      try {
        body = raw.length > 0 ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const recorded: RecordedRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, raw, body };
      requests.push(recorded);
      void Promise.resolve(handler(recorded, response)).catch(() => response.destroy());
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get connections() {
      return connections;
    },
    closed: async (index) => {
      while (closes[index] === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      return closes[index]!;
    },
    handle(next) {
      handler = next;
    },
    reset() {
      requests.length = 0;
      closes.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ConformanceScenario, ConformanceUpstream } from '../conformance/conformance-upstream.js';
import { mockEmbedding } from '../openai/mock-embedding.js';
import { RequestRecorder, type RecordedRequest } from '../request-recorder.js';
import { exampleAnswerLines, type ExampleWireLine } from './example-wire-lines.js';

export interface ExampleUpstreamOptions {
  /** The key expected in `x-example-key`. */
  apiKey: string;
  /** Vector length of `/v1/embed` answers when the request names no `dimensions`. Default 16. */
  embeddingDimensions?: number;
}

/** The header the example wire format carries its key in. */
export const exampleKeyHeader = 'x-example-key';

const filler = 'This answer will not finish properly, sorry about that.';

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    const done = (): void => resolve(Buffer.concat(parts).toString('utf8'));
    request.on('end', done);
    request.on('error', done);
    request.on('close', done);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const errorBody = (message: string, code: string) => ({ error: { message, code } });

/**
 * Starts the mock upstream of the example wire format on loopback (see `examples/provider-example`):
 * `POST /v1/generate` answers NDJSON lines (`ExampleWireLine`), `POST /v1/embed` answers
 * `{"embeddings":[[…]],"usage":{"input"}}` with `mockEmbedding` vectors. Both need `x-example-key`.
 */
export async function startExampleUpstream(options: ExampleUpstreamOptions): Promise<ConformanceUpstream> {
  const recorder = new RequestRecorder();
  const queue: ConformanceScenario[] = [];
  const sockets = new Set<Socket>();
  let closing = false;

  async function writeLines(response: ServerResponse, lines: readonly ExampleWireLine[], intervalMs = 0): Promise<void> {
    for (const [index, line] of lines.entries()) {
      if (intervalMs > 0 && index > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
      if (response.destroyed || closing) return;
      await new Promise<void>((resolve) => response.write(`${JSON.stringify(line)}\n`, () => resolve()));
    }
  }

  function startLines(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  }

  async function serve(scenario: ConformanceScenario, response: ServerResponse, markDropped: () => void): Promise<void> {
    switch (scenario.type) {
      case 'text':
      case 'tool-calls':
        startLines(response);
        await writeLines(response, exampleAnswerLines(scenario));
        response.end();
        return;
      case 'slow':
        startLines(response);
        await writeLines(response, exampleAnswerLines({ type: 'text', text: scenario.text }), scenario.intervalMs);
        if (!response.destroyed) response.end();
        return;
      case 'rate-limit':
        return sendJson(response, 429, errorBody(`Too many requests, retry in ${scenario.retryAfterSeconds}s.`, 'rate_limited'), {
          'retry-after': String(scenario.retryAfterSeconds),
        });
      case 'http-error':
        return sendJson(response, scenario.status, errorBody(scenario.message, scenario.status >= 500 ? 'server_error' : 'bad_request'));
      case 'hang':
        if (scenario.afterChunks !== undefined) {
          startLines(response);
          await writeLines(response, exampleAnswerLines({ type: 'text', text: filler }).slice(0, scenario.afterChunks));
        }
        return;
      case 'drop':
        startLines(response);
        await writeLines(response, exampleAnswerLines({ type: 'text', text: scenario.text ?? filler }).slice(0, scenario.afterChunks));
        markDropped();
        response.socket?.destroy();
        return;
      case 'stream-error':
        startLines(response);
        await writeLines(response, [
          ...exampleAnswerLines({ type: 'text', text: scenario.text ?? filler }).slice(0, scenario.afterChunks),
          errorBody(scenario.message, 'generation_failed'),
        ]);
        response.end();
        return;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
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
    recorded.body = parseJson(recorded.rawBody);
    recorder.record(recorded);
    if (response.destroyed) return;
    if (recorded.method !== 'POST' || (path !== '/v1/generate' && path !== '/v1/embed')) {
      return sendJson(response, 404, errorBody(`No route ${recorded.method} ${path}.`, 'not_found'));
    }
    if (request.headers[exampleKeyHeader] !== options.apiKey) {
      return sendJson(response, 401, errorBody(`Missing or wrong ${exampleKeyHeader}.`, 'unauthorized'));
    }
    const body = recorded.body as { model?: unknown; prompt?: unknown; input?: unknown; dimensions?: unknown } | undefined;
    if (typeof body?.model !== 'string') return sendJson(response, 400, errorBody('"model" is required.', 'bad_request'));
    if (path === '/v1/embed') {
      if (!Array.isArray(body.input)) return sendJson(response, 400, errorBody('"input" must be an array.', 'bad_request'));
      const dimensions = typeof body.dimensions === 'number' ? body.dimensions : (options.embeddingDimensions ?? 16);
      const inputs = body.input.map((item) => String(item));
      return sendJson(response, 200, {
        embeddings: inputs.map((input) => mockEmbedding(input, dimensions)),
        usage: { input: inputs.length * 2 },
      });
    }
    if (!Array.isArray(body.prompt)) return sendJson(response, 400, errorBody('"prompt" must be an array.', 'bad_request'));
    const scenario = queue.shift() ?? { type: 'text', text: 'Hello from the example upstream.' };
    recorded.scenario = scenario.type;
    await serve(scenario, response, () => {
      dropped = true;
    });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey: options.apiKey,
    requests: recorder.requests,
    enqueue: (...scenarios) => {
      queue.push(...scenarios);
    },
    waitForRequests: (count, waitOptions) => recorder.waitForRequests(count, waitOptions),
    waitForAbort: (waitOptions) => recorder.waitForAbort(waitOptions),
    hasCredential: (request) => request.headers[exampleKeyHeader] === options.apiKey,
    modelOf: (request) => {
      const model = (request.body as { model?: unknown } | undefined)?.model;
      return typeof model === 'string' ? model : undefined;
    },
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

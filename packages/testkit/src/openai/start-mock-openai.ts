import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { RequestRecorder, type RecordedRequest, type WaitOptions } from '../request-recorder.js';
import { defaultMockScenario, scenarioFromModel, type MockScenario } from './mock-scenario.js';
import { invalidApiKeyBody, invalidJsonBody, invalidUrlBody, missingApiKeyBody, missingParameterBody } from './openai-error-body.js';
import { sendJson, serveScenario } from './serve-scenario.js';

export interface MockOpenAIOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get OpenAI's 401 body. */
  apiKey?: string;
  /** The ids `GET /v1/models` lists. */
  models?: string[];
}

export interface MockOpenAIServer {
  /** The origin, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `url + '/v1'`, what an OpenAI client takes as its base URL. */
  readonly baseURL: string;
  /** Every request received since the start or the last `reset()`, in order. */
  readonly requests: RecordedRequest[];
  /** Queues scenarios, served first in first out to the next chat and embedding requests. */
  enqueue(...scenarios: MockScenario[]): void;
  /** Forgets requests and queued scenarios. */
  reset(): void;
  /** Resolves with the next aborted request not yet returned (an abort that already happened counts). */
  waitForAbort(options?: WaitOptions): Promise<RecordedRequest>;
  /** Resolves with `requests` once at least `count` requests were received. */
  waitForRequests(count: number, options?: WaitOptions): Promise<RecordedRequest[]>;
  /** Destroys open connections (hanging answers included) and stops listening. */
  close(): Promise<void>;
}

const defaultModels = ['gpt-4o-mini', 'gpt-4.1', 'text-embedding-3-small'];

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('close', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Starts a mock OpenAI-compatible upstream on loopback: `POST /v1/chat/completions` (plain and
 * streaming), `POST /v1/embeddings` and `GET /v1/models`, answering with OpenAI's exact wire format.
 * Each chat or embedding request takes the next queued scenario; with an empty queue a model named
 * `mock-scenario:<name>` selects one (see `scenarioFromModel`), else the default text answer.
 */
export async function startMockOpenAI(options: MockOpenAIOptions = {}): Promise<MockOpenAIServer> {
  const recorder = new RequestRecorder();
  const queue: MockScenario[] = [];
  const sockets = new Set<Socket>();
  let closing = false;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [path = '/', query = ''] = (request.url ?? '/').split('?', 2);
    const method = request.method ?? 'GET';
    const recorded: RecordedRequest = {
      method,
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
    const body = parseJson(recorded.rawBody);
    recorded.body = body;
    recorder.record(recorded);
    if (response.destroyed) return;

    const route =
      method === 'POST' && path === '/v1/chat/completions'
        ? 'chat'
        : method === 'POST' && path === '/v1/embeddings'
          ? 'embeddings'
          : method === 'GET' && path === '/v1/models'
            ? 'models'
            : undefined;
    if (route === undefined) return sendJson(response, 404, invalidUrlBody(method, path));

    if (options.apiKey !== undefined) {
      const authorization = request.headers.authorization;
      if (authorization === undefined || !authorization.startsWith('Bearer ')) {
        return sendJson(response, 401, missingApiKeyBody());
      }
      const presented = authorization.slice('Bearer '.length).trim();
      if (presented !== options.apiKey) return sendJson(response, 401, invalidApiKeyBody(presented));
    }

    if (route === 'models') {
      const created = Math.floor(Date.now() / 1000);
      const data = (options.models ?? defaultModels).map((id) => ({ id, object: 'model', created, owned_by: 'modelgate-mock' }));
      return sendJson(response, 200, { object: 'list', data });
    }
    if (!isRecord(body)) return sendJson(response, 400, invalidJsonBody());
    if (body['model'] === undefined) return sendJson(response, 400, missingParameterBody('model'));
    if (route === 'chat' && body['messages'] === undefined) return sendJson(response, 400, missingParameterBody('messages'));
    if (route === 'embeddings' && body['input'] === undefined) return sendJson(response, 400, missingParameterBody('input'));

    const scenario = queue.shift() ?? scenarioFromModel(body['model'], body['stream'] === true) ?? defaultMockScenario;
    recorded.scenario = scenario.type;
    await serveScenario(scenario, {
      response,
      route,
      body,
      headers: request.headers,
      isClosed: () => response.destroyed || response.writableEnded || closing,
      markDropped: () => {
        dropped = true;
      },
    });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) {
        sendJson(response, 500, { error: { message: String(error), type: 'server_error', param: null, code: null } });
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
  const url = `http://${host}:${address.port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    requests: recorder.requests,
    enqueue: (...scenarios) => {
      queue.push(...scenarios);
    },
    reset: () => {
      queue.length = 0;
      recorder.reset();
    },
    waitForAbort: (waitOptions) => recorder.waitForAbort(waitOptions),
    waitForRequests: (count, waitOptions) => recorder.waitForRequests(count, waitOptions),
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

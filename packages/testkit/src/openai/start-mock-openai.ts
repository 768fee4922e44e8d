import { startRecordingServer, type MockExchange } from '../mock-server/start-recording-server.js';
import type { RecordedRequest, WaitOptions } from '../request-recorder.js';
import { defaultMockScenario, scenarioFromModel, type MockScenario } from './mock-scenario.js';
import { invalidApiKeyBody, invalidJsonBody, invalidUrlBody, missingApiKeyBody, missingParameterBody } from './openai-error-body.js';
import { openAIEndpointPaths, serveOpenAIEndpoint } from './serve-openai-endpoints.js';
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
  /** Queues scenarios, served first in first out to the next chat, responses and embedding requests. */
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Starts a mock OpenAI-compatible upstream on loopback: `POST /v1/chat/completions` (plain and
 * streaming), `POST /v1/responses` (OpenAI's Responses API, plain and streaming), `POST /v1/embeddings`
 * and `GET /v1/models`, answering with OpenAI's exact wire format, and the other endpoints
 * (`/v1/completions`, images, speech, transcriptions, moderations; see `serveOpenAIEndpoint`).
 * Each chat or embedding request takes the next queued scenario; with an empty queue a model named
 * `mock-scenario:<name>` selects one (see `scenarioFromModel`), else the default text answer.
 */
export async function startMockOpenAI(options: MockOpenAIOptions = {}): Promise<MockOpenAIServer> {
  const queue: MockScenario[] = [];

  async function handle(exchange: MockExchange): Promise<void> {
    const { request, response, recorded } = exchange;
    const { method, path, body } = recorded;
    const route =
      method === 'POST' && path === '/v1/chat/completions'
        ? 'chat'
        : method === 'POST' && path === '/v1/responses'
          ? 'responses'
          : method === 'POST' && path === '/v1/embeddings'
            ? 'embeddings'
            : method === 'GET' && path === '/v1/models'
              ? 'models'
              : undefined;
    const endpoint = method === 'POST' ? openAIEndpointPaths[path] : undefined;
    if (route === undefined && endpoint === undefined) return sendJson(response, 404, invalidUrlBody(method, path));

    if (options.apiKey !== undefined) {
      const authorization = request.headers.authorization;
      if (authorization === undefined || !authorization.startsWith('Bearer ')) {
        return sendJson(response, 401, missingApiKeyBody());
      }
      const presented = authorization.slice('Bearer '.length).trim();
      if (presented !== options.apiKey) return sendJson(response, 401, invalidApiKeyBody(presented));
    }

    if (route === undefined) {
      const scenario = queue.shift();
      recorded.scenario = scenario?.type ?? endpoint;
      return serveOpenAIEndpoint(
        endpoint!,
        {
          response,
          body: isRecord(body) ? body : undefined,
          rawBody: recorded.rawBody,
          contentType: request.headers['content-type'],
          isClosed: exchange.isClosed,
          markDropped: exchange.markDropped,
        },
        scenario,
      );
    }
    if (route === 'models') {
      const created = Math.floor(Date.now() / 1000);
      const data = (options.models ?? defaultModels).map((id) => ({ id, object: 'model', created, owned_by: 'modelgate-mock' }));
      return sendJson(response, 200, { object: 'list', data });
    }
    if (!isRecord(body)) return sendJson(response, 400, invalidJsonBody());
    if (body['model'] === undefined) return sendJson(response, 400, missingParameterBody('model'));
    if (route === 'chat' && body['messages'] === undefined) return sendJson(response, 400, missingParameterBody('messages'));
    if (route === 'responses' && body['input'] === undefined) return sendJson(response, 400, missingParameterBody('input'));
    if (route === 'embeddings' && body['input'] === undefined) return sendJson(response, 400, missingParameterBody('input'));

    const scenario = queue.shift() ?? scenarioFromModel(body['model'], body['stream'] === true) ?? defaultMockScenario;
    recorded.scenario = scenario.type;
    await serveScenario(scenario, {
      response,
      route,
      body,
      headers: request.headers,
      isClosed: exchange.isClosed,
      markDropped: exchange.markDropped,
    });
  }

  const server = await startRecordingServer(handle, { host: options.host, port: options.port });
  const { recorder } = server;

  return {
    url: server.url,
    baseURL: `${server.url}/v1`,
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
    close: () => server.close(),
  };
}

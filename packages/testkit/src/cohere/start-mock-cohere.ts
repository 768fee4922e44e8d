import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ConformanceScenario, ConformanceUpstream } from '../conformance/conformance-upstream.js';
import { startRecordingServer, type MockExchange } from '../mock-server/start-recording-server.js';
import { writeChunks } from '../mock-server/write-chunks.js';
import { mockEmbedding } from '../openai/mock-embedding.js';
import {
  cohereAnswer,
  cohereBodyEvents,
  cohereChatBody,
  cohereErrorBody,
  cohereErrorEnd,
  cohereMessageEnd,
  cohereServerSentEvent,
} from './cohere-wire.js';
import { cohereRerankBody } from './cohere-rerank-body.js';

export interface MockCohereOptions {
  /** The key expected as `Authorization: Bearer …`; others get Cohere's 401 body. */
  apiKey: string;
  /** Vector length of `/v2/embed` answers when the request has no `output_dimension`. Default 1024 (Embed v3). */
  embeddingDimensions?: number;
  /** The models `GET /v1/models` lists, with their endpoints. */
  models?: readonly { name: string; endpoints: readonly string[]; contextLength?: number }[];
}

const defaultModels = [
  { name: 'command-a-03-2025', endpoints: ['chat'], contextLength: 256_000 },
  { name: 'command-r7b-12-2024', endpoints: ['chat'], contextLength: 128_000 },
  { name: 'embed-v4.0', endpoints: ['embed'], contextLength: 128_000 },
  { name: 'rerank-v3.5', endpoints: ['rerank'], contextLength: 4096 },
];

const filler = 'This answer will not finish properly, sorry about that.';
const embeddingTypes = new Set(['float', 'int8', 'uint8', 'binary', 'ubinary', 'base64']);

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

function startEvents(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
}

const framed = (events: readonly Parameters<typeof cohereServerSentEvent>[0][]): string[] => events.map(cohereServerSentEvent);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A mock of Cohere's API v2 on loopback: `POST /v2/chat` (JSON, or server-sent events with `stream: true`),
 * `POST /v2/embed`, `POST /v2/rerank` and `GET /v1/models`, in Cohere's documented wire format, behind a
 * Bearer key. Each chat request takes the next queued scenario (default: a short text); embed and rerank
 * requests take a queued failure scenario (rate limit, HTTP error, hang) when one is next, else answer:
 * embeddings with `mockEmbedding`, rerank by the share of query words each document contains.
 */
export async function startMockCohere(options: MockCohereOptions): Promise<ConformanceUpstream> {
  const queue: ConformanceScenario[] = [];

  async function serveChat(scenario: ConformanceScenario, exchange: MockExchange, stream: boolean): Promise<void> {
    const { response, isClosed } = exchange;
    switch (scenario.type) {
      case 'text':
      case 'tool-calls': {
        const answer = cohereAnswer(scenario);
        if (!stream) return sendJson(response, 200, cohereChatBody(answer));
        startEvents(response);
        await writeChunks(response, framed([...cohereBodyEvents(answer), cohereMessageEnd(answer)]), isClosed);
        if (!isClosed()) response.end();
        return;
      }
      case 'slow': {
        const answer = cohereAnswer({ type: 'text', text: scenario.text });
        startEvents(response);
        await writeChunks(response, framed([...cohereBodyEvents(answer), cohereMessageEnd(answer)]), isClosed, scenario.intervalMs);
        if (!isClosed()) response.end();
        return;
      }
      case 'hang':
        if (stream && scenario.afterChunks !== undefined) {
          startEvents(response);
          const events = cohereBodyEvents(cohereAnswer({ type: 'text', text: filler }));
          await writeChunks(response, framed(events.slice(0, scenario.afterChunks)), isClosed);
        }
        return;
      case 'drop': {
        if (stream) {
          startEvents(response);
          const events = cohereBodyEvents(cohereAnswer({ type: 'text', text: scenario.text ?? filler }));
          await writeChunks(response, framed(events.slice(0, scenario.afterChunks)), isClosed);
        }
        exchange.markDropped();
        response.socket?.destroy();
        return;
      }
      case 'stream-error': {
        if (!stream) return sendJson(response, 500, cohereErrorBody(scenario.message));
        startEvents(response);
        const events = cohereBodyEvents(cohereAnswer({ type: 'text', text: scenario.text ?? filler }));
        await writeChunks(response, framed([...events.slice(0, scenario.afterChunks), cohereErrorEnd(scenario.message)]), isClosed);
        if (!isClosed()) response.end();
        return;
      }
      default:
        return serveFailure(scenario, exchange);
    }
  }

  /** The scenarios every route serves alike: no answer at all, or an HTTP error. */
  function serveFailure(scenario: ConformanceScenario, exchange: MockExchange): void {
    const { response } = exchange;
    if (scenario.type === 'rate-limit') {
      const message = `You are using a Trial key, which is limited to 20 API calls / minute. Retry in ${scenario.retryAfterSeconds}s.`;
      sendJson(response, 429, cohereErrorBody(message), { 'retry-after': String(scenario.retryAfterSeconds) });
    } else if (scenario.type === 'http-error') {
      sendJson(response, scenario.status, cohereErrorBody(scenario.message));
    } else if (scenario.type === 'drop') {
      exchange.markDropped();
      response.socket?.destroy();
    }
    // `hang` (and anything else): no answer until the client gives up or the server closes.
  }

  /** A queued failure for an embed or rerank request, or `undefined` to answer normally. */
  function nextFailure(): ConformanceScenario | undefined {
    const next = queue[0];
    if (next === undefined || next.type === 'text' || next.type === 'tool-calls' || next.type === 'slow') {
      if (next !== undefined) queue.shift();
      return undefined;
    }
    return queue.shift();
  }

  async function handle(exchange: MockExchange): Promise<void> {
    const { request, response, recorded } = exchange;
    const route = `${recorded.method} ${recorded.path}`;
    const known = ['POST /v2/chat', 'POST /v2/embed', 'POST /v2/rerank', 'GET /v1/models'];
    if (!known.includes(route)) return sendJson(response, 404, cohereErrorBody(`Not Found: ${recorded.path}`));
    const authorization = request.headers.authorization;
    if (authorization === undefined || !/^bearer /i.test(authorization)) {
      return sendJson(response, 401, cohereErrorBody('no api key supplied'));
    }
    if (authorization.slice('bearer '.length).trim() !== options.apiKey) {
      return sendJson(response, 401, cohereErrorBody('invalid api token'));
    }
    if (route === 'GET /v1/models') {
      const models = (options.models ?? defaultModels).map((model) => ({
        name: model.name,
        endpoints: model.endpoints,
        finetuned: false,
        context_length: model.contextLength ?? 128_000,
        features: null,
      }));
      return sendJson(response, 200, { models });
    }
    const body = recorded.body;
    if (!isRecord(body)) return sendJson(response, 400, cohereErrorBody('invalid request: the body must be a JSON object'));
    if (typeof body.model !== 'string') return sendJson(response, 400, cohereErrorBody('invalid request: model must be a string'));

    if (route === 'POST /v2/chat') {
      if (!Array.isArray(body.messages) || body.messages.length === 0) {
        return sendJson(response, 400, cohereErrorBody('invalid request: messages must be a non-empty list'));
      }
      const scenario = queue.shift() ?? { type: 'text', text: 'Hello from the Cohere mock.' };
      recorded.scenario = scenario.type;
      return serveChat(scenario, exchange, body.stream === true);
    }

    const failure = nextFailure();
    if (failure !== undefined) {
      recorded.scenario = failure.type;
      return serveFailure(failure, exchange);
    }
    if (route === 'POST /v2/embed') {
      const texts = body.texts;
      if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) {
        return sendJson(response, 400, cohereErrorBody('invalid request: texts must be a list of strings'));
      }
      if (typeof body.input_type !== 'string') {
        return sendJson(response, 400, cohereErrorBody('invalid request: input_type is required for embed models v3 and higher.'));
      }
      const types = Array.isArray(body.embedding_types) ? body.embedding_types : ['float'];
      if (types.some((type) => !embeddingTypes.has(String(type)))) {
        return sendJson(
          response,
          400,
          cohereErrorBody(`invalid request: embedding_types must be one of ${[...embeddingTypes].join(', ')}`),
        );
      }
      const dimensions = typeof body.output_dimension === 'number' ? body.output_dimension : (options.embeddingDimensions ?? 1024);
      const floats = (texts as string[]).map((text) => mockEmbedding(text, dimensions));
      const tokens = (texts as string[]).reduce((sum, text) => sum + Math.max(1, text.split(/\s+/).filter(Boolean).length), 0);
      return sendJson(response, 200, {
        id: randomUUID(),
        texts,
        embeddings: Object.fromEntries(types.map((type) => [type, type === 'float' ? floats : floats.map(() => [])])),
        meta: { api_version: { version: '2' }, billed_units: { input_tokens: tokens } },
        response_type: 'embeddings_by_type',
      });
    }
    const documents = body.documents;
    if (typeof body.query !== 'string' || !Array.isArray(documents) || documents.some((document) => typeof document !== 'string')) {
      return sendJson(response, 400, cohereErrorBody('invalid request: query must be a string and documents a list of strings'));
    }
    const topN = typeof body.top_n === 'number' ? body.top_n : undefined;
    return sendJson(response, 200, cohereRerankBody(body.query, documents as string[], topN));
  }

  const server = await startRecordingServer(handle);
  const { recorder } = server;

  return {
    baseURL: server.url,
    apiKey: options.apiKey,
    requests: recorder.requests,
    enqueue: (...scenarios) => {
      queue.push(...scenarios);
    },
    waitForRequests: (count, waitOptions) => recorder.waitForRequests(count, waitOptions),
    waitForAbort: (waitOptions) => recorder.waitForAbort(waitOptions),
    hasCredential: (request) => request.headers.authorization === `Bearer ${options.apiKey}`,
    modelOf: (request) => {
      const model = (request.body as { model?: unknown } | undefined)?.model;
      return typeof model === 'string' ? model : undefined;
    },
    close: () => server.close(),
  };
}

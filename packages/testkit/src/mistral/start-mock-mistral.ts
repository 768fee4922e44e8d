import type { ServerResponse } from 'node:http';
import type { ConformanceScenario } from '../conformance/conformance-upstream.js';
import { startRecordingServer, type MockExchange } from '../mock-server/start-recording-server.js';
import { writeChunks } from '../mock-server/write-chunks.js';
import { randomId } from '../openai/mock-answer.js';
import type { RecordedRequest, WaitOptions } from '../request-recorder.js';
import { mistralErrorBody, mistralErrorType, mistralRateLimitBody, mistralUnauthorizedBody } from './mistral-error-body.js';
import {
  mistralCompletionBody,
  mistralEmbeddingBody,
  mistralStreamChunks,
  resolveMistralAnswer,
  type MistralAnswer,
} from './mistral-wire.js';
import { validateMistralChatRequest, validateMistralEmbeddingRequest } from './validate-mistral-request.js';

/** A canonical scenario, or a Magistral answer that thinks before it speaks. */
export type MistralMockScenario =
  | ConformanceScenario
  | { type: 'reasoning'; reasoning: string; text: string }
  /** A text answer with one of Mistral's own finish reasons (`model_length`, `error`). */
  | { type: 'finish'; text: string; finishReason: MistralAnswer['finishReason'] };

export interface MockMistralOptions {
  host?: string;
  port?: number;
  /** The key the mock expects as `Authorization: Bearer …`. */
  apiKey?: string;
  /** The ids `GET /v1/models` lists. */
  models?: readonly string[];
}

export interface MockMistralServer {
  /** The origin, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `url + '/v1'`. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  enqueue(...scenarios: MistralMockScenario[]): void;
  waitForAbort(options?: WaitOptions): Promise<RecordedRequest>;
  waitForRequests(count: number, options?: WaitOptions): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

const defaultModels = ['mistral-small-latest', 'mistral-large-latest', 'codestral-latest', 'mistral-embed'];
const defaultText = 'Bonjour from the Mistral mock upstream.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'mistral-correlation-id': randomId('', 32).toLowerCase(),
    ...headers,
  });
  response.end(text);
}

function events(chunks: Record<string, unknown>[]): string[] {
  return chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
}

/**
 * Starts a mock Mistral API on loopback: `POST /v1/chat/completions` (plain and streaming),
 * `POST /v1/embeddings`, `GET /v1/models`, in Mistral's wire format. Like the real API it refuses
 * what Mistral refuses: unknown fields (`seed`, `stream_options`, `user`) with a 422, tool-call ids
 * that are not 9 letters and digits and tool calls without their results with a 400.
 */
export async function startMockMistral(options: MockMistralOptions = {}): Promise<MockMistralServer> {
  const queue: MistralMockScenario[] = [];

  async function answer(exchange: MockExchange, body: Record<string, unknown>, scenario: MistralMockScenario): Promise<void> {
    const { response } = exchange;
    const stream = body['stream'] === true;
    const write = async (resolved: MistralAnswer, limit?: number, intervalMs = 0): Promise<void> => {
      if (!stream) return sendJson(response, 200, mistralCompletionBody(resolved));
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      const all = events(mistralStreamChunks(resolved));
      await writeChunks(response, limit === undefined ? all : all.slice(0, limit), exchange.isClosed, intervalMs);
      if (limit === undefined && !exchange.isClosed()) response.end('data: [DONE]\n\n');
    };
    switch (scenario.type) {
      case 'text':
        return write(
          resolveMistralAnswer(body, {
            text: scenario.text,
            ...(scenario.usage ? { usage: scenario.usage } : {}),
            finishReason: scenario.finishReason ?? 'stop',
          }),
        );
      case 'tool-calls':
        return write(
          resolveMistralAnswer(body, {
            text: scenario.text ?? '',
            calls: scenario.calls,
            ...(scenario.usage ? { usage: scenario.usage } : {}),
          }),
        );
      case 'reasoning':
        return write(resolveMistralAnswer(body, { text: scenario.text, reasoning: scenario.reasoning }));
      case 'finish':
        return write(resolveMistralAnswer(body, { text: scenario.text, finishReason: scenario.finishReason }));
      case 'rate-limit':
        return sendJson(response, 429, mistralRateLimitBody(), { 'retry-after': String(scenario.retryAfterSeconds) });
      case 'http-error':
        return sendJson(response, scenario.status, mistralErrorBody(scenario.message, mistralErrorType(scenario.status)));
      case 'hang':
        if (scenario.afterChunks !== undefined && stream) {
          await write(resolveMistralAnswer(body, { text: 'This answer never finishes, sorry.' }), scenario.afterChunks);
        }
        return;
      case 'drop':
        if (stream)
          await write(resolveMistralAnswer(body, { text: scenario.text ?? 'This answer is cut off in the middle.' }), scenario.afterChunks);
        exchange.markDropped();
        response.socket?.destroy();
        return;
      case 'stream-error': {
        const error = mistralErrorBody(scenario.message, 'internal_server_error', '3000');
        if (!stream) return sendJson(response, 500, error);
        await write(resolveMistralAnswer(body, { text: scenario.text ?? 'This answer fails in the middle.' }), scenario.afterChunks);
        if (!exchange.isClosed()) response.end(`data: ${JSON.stringify(error)}\n\n`);
        return;
      }
      case 'slow':
        return write(resolveMistralAnswer(body, { text: scenario.text }), undefined, scenario.intervalMs);
    }
  }

  async function handle(exchange: MockExchange): Promise<void> {
    const { request, response, recorded } = exchange;
    const { method, path, body } = recorded;
    const route =
      method === 'POST' && path === '/v1/chat/completions'
        ? 'chat'
        : method === 'POST' && path === '/v1/embeddings'
          ? 'embeddings'
          : method === 'GET' && path === '/v1/models'
            ? 'models'
            : undefined;
    if (route === undefined) return sendJson(response, 404, { detail: 'Not Found' });
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(response, 401, mistralUnauthorizedBody(randomId('', 32).toLowerCase()));
    }
    if (route === 'models') {
      const created = Math.floor(Date.now() / 1000);
      const data = (options.models ?? defaultModels).map((id) => ({
        id,
        object: 'model',
        created,
        owned_by: 'mistralai',
        capabilities: { completion_chat: !id.includes('embed'), function_calling: !id.includes('embed'), vision: false },
        type: 'base',
      }));
      return sendJson(response, 200, { object: 'list', data });
    }
    if (!isRecord(body)) {
      return sendJson(response, 422, {
        object: 'error',
        message: { detail: [{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error' }] },
        type: 'invalid_request_message_error',
        param: null,
        code: null,
      });
    }
    const rejection = route === 'chat' ? validateMistralChatRequest(body) : validateMistralEmbeddingRequest(body);
    if (rejection !== undefined) return sendJson(response, rejection.status, rejection.body);
    const scenario = queue.shift() ?? { type: 'text', text: defaultText };
    recorded.scenario = scenario.type;
    if (route === 'embeddings') {
      if (scenario.type === 'rate-limit' || scenario.type === 'http-error' || scenario.type === 'hang')
        return answer(exchange, body, scenario);
      return sendJson(response, 200, mistralEmbeddingBody(body));
    }
    return answer(exchange, body, scenario);
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
    waitForAbort: (waitOptions) => recorder.waitForAbort(waitOptions),
    waitForRequests: (count, waitOptions) => recorder.waitForRequests(count, waitOptions),
    close: () => server.close(),
  };
}

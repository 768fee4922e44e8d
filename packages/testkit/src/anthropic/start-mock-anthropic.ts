import type { ServerResponse } from 'node:http';
import type { ConformanceScenario } from '../conformance/conformance-upstream.js';
import { startRecordingServer, type MockExchange } from '../mock-server/start-recording-server.js';
import { writeChunks } from '../mock-server/write-chunks.js';
import type { RecordedRequest, WaitOptions } from '../request-recorder.js';
import {
  anthropicErrorBody,
  anthropicErrorType,
  anthropicRequestId,
  invalidApiKeyBody,
  type AnthropicErrorBody,
} from './anthropic-error-body.js';
import { anthropicStreamEvents, formatAnthropicEvent, toolUseId, type AnthropicWireEvent } from './anthropic-wire-events.js';
import { anthropicMessageText, anthropicWireUsage, type AnthropicMockMessage } from './anthropic-wire-message.js';
import { anthropicRequestProblem } from './validate-anthropic-request.js';

/**
 * How the mock answers one `POST /v1/messages`: a conformance scenario, a message of any blocks (thinking,
 * redacted thinking, tool calls…, whole or streamed), or raw stream events (names and data as given,
 * then the end, or a dropped connection).
 */
export type AnthropicMockScenario =
  | ConformanceScenario
  | { type: 'message'; message: AnthropicMockMessage }
  | { type: 'events'; events: AnthropicWireEvent[]; drop?: boolean };

export interface MockAnthropicOptions {
  host?: string;
  port?: number;
  /** The key expected in `x-api-key`; others get Anthropic's 401. */
  apiKey: string;
  /** The ids `GET /v1/models` lists. */
  models?: string[];
}

export interface MockAnthropicServer {
  /** The origin, `http://127.0.0.1:PORT`: what an Anthropic client takes as its base URL. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  enqueue(...scenarios: AnthropicMockScenario[]): void;
  /** Forgets queued scenarios. */
  reset(): void;
  waitForRequests(count: number, options?: WaitOptions): Promise<readonly RecordedRequest[]>;
  waitForAbort(options?: WaitOptions): Promise<RecordedRequest>;
  close(): Promise<void>;
}

const defaultModels = ['claude-opus-4-5-20251101', 'claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001', 'claude-3-5-haiku-20241022'];
const filler = 'This answer will not finish properly, sorry about that.';
/** What `count_tokens` takes; anything else is refused as the API does. */
const countTokensFields = new Set(['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'mcp_servers']);

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': anthropicRequestId(), ...headers });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function sendError(response: ServerResponse, status: number, body: AnthropicErrorBody, headers: Record<string, string> = {}): void {
  sendJson(response, status, body, headers);
}

function startEvents(response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': anthropicRequestId(),
  });
}

/** A scenario's answer as a message; `undefined` for the failure scenarios. */
function messageOf(scenario: AnthropicMockScenario): AnthropicMockMessage | undefined {
  switch (scenario.type) {
    case 'message':
      return scenario.message;
    case 'text':
      return {
        content: [{ type: 'text', text: scenario.text }],
        stopReason: scenario.finishReason === 'length' ? 'max_tokens' : 'end_turn',
        usage: anthropicWireUsage(scenario.usage, 8),
      };
    case 'tool-calls':
      return {
        content: [
          ...(scenario.text === undefined ? [] : [{ type: 'text' as const, text: scenario.text }]),
          ...scenario.calls.map((call) => ({ type: 'tool_use' as const, id: toolUseId(call.id), name: call.name, input: call.input })),
        ],
        stopReason: 'tool_use',
        usage: anthropicWireUsage(scenario.usage, 20),
      };
    default:
      return undefined;
  }
}

/** The first `count` events of a text answer, without `ping`, so that each counted event carries the answer forward. */
function partialEvents(text: string | undefined, model: string, count: number): string[] {
  const message: AnthropicMockMessage = {
    content: [{ type: 'text', text: text ?? filler }],
    stopReason: 'end_turn',
    usage: anthropicWireUsage(undefined, 8),
  };
  return anthropicStreamEvents(message, model)
    .filter((event) => event.event !== 'ping')
    .slice(0, count)
    .map(formatAnthropicEvent);
}

/**
 * Starts a mock Anthropic upstream on loopback speaking the Messages API's wire format:
 * `POST /v1/messages` (JSON, or SSE with `event:` lines when `stream` is true), `POST
 * /v1/messages/count_tokens`, `GET /v1/models`. Every route needs `x-api-key` (else Anthropic's 401)
 * and `anthropic-version`; message bodies get Anthropic's documented 400s (`anthropicRequestProblem`).
 */
export async function startMockAnthropic(options: MockAnthropicOptions): Promise<MockAnthropicServer> {
  const queue: AnthropicMockScenario[] = [];
  const models = options.models ?? defaultModels;

  async function serve(scenario: AnthropicMockScenario, exchange: MockExchange, model: string, stream: boolean): Promise<void> {
    const { response, isClosed } = exchange;
    const message = messageOf(scenario);
    if (message !== undefined) {
      if (!stream) return sendJson(response, 200, anthropicMessageText(message, model));
      startEvents(response);
      await writeChunks(response, anthropicStreamEvents(message, model).map(formatAnthropicEvent), isClosed);
      response.end();
      return;
    }
    switch (scenario.type) {
      case 'events':
        startEvents(response);
        await writeChunks(response, scenario.events.map(formatAnthropicEvent), isClosed);
        if (scenario.drop === true) {
          exchange.markDropped();
          response.socket?.destroy();
        } else response.end();
        return;
      case 'rate-limit':
        return sendError(
          response,
          429,
          anthropicErrorBody('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'),
          {
            'retry-after': String(scenario.retryAfterSeconds),
            'anthropic-ratelimit-requests-remaining': '0',
          },
        );
      case 'http-error':
        return sendError(response, scenario.status, anthropicErrorBody(anthropicErrorType(scenario.status), scenario.message));
      case 'hang':
        if (scenario.afterChunks !== undefined && stream) {
          startEvents(response);
          await writeChunks(response, partialEvents(undefined, model, scenario.afterChunks), isClosed);
        }
        return;
      case 'drop':
        if (stream) {
          startEvents(response);
          await writeChunks(response, partialEvents(scenario.text, model, scenario.afterChunks), isClosed);
        } else {
          response.writeHead(200, { 'content-type': 'application/json' });
          await writeChunks(
            response,
            [`{"id":"msg_dropped","type":"message","role":"assistant","content":[{"type":"text","text":"`],
            isClosed,
          );
        }
        exchange.markDropped();
        response.socket?.destroy();
        return;
      case 'stream-error':
        startEvents(response);
        await writeChunks(
          response,
          [
            ...partialEvents(scenario.text, model, scenario.afterChunks),
            formatAnthropicEvent({
              event: 'error',
              data: { type: 'error', error: { type: 'overloaded_error', message: scenario.message } },
            }),
          ],
          isClosed,
        );
        response.end();
        return;
      case 'slow': {
        const events = anthropicStreamEvents(
          { content: [{ type: 'text', text: scenario.text }], stopReason: 'end_turn', usage: anthropicWireUsage(undefined, 60) },
          model,
        );
        if (!stream) return sendJson(response, 200, anthropicMessageText(messageOf({ type: 'text', text: scenario.text })!, model));
        startEvents(response);
        await writeChunks(response, events.map(formatAnthropicEvent), isClosed, scenario.intervalMs);
        if (!response.destroyed) response.end();
        return;
      }
    }
  }

  async function handle(exchange: MockExchange): Promise<void> {
    const { request, response, recorded } = exchange;
    const { method, path } = recorded;
    const route =
      method === 'POST' && path === '/v1/messages'
        ? 'messages'
        : method === 'POST' && path === '/v1/messages/count_tokens'
          ? 'count'
          : method === 'GET' && path === '/v1/models'
            ? 'models'
            : undefined;
    if (route === undefined) return sendError(response, 404, anthropicErrorBody('not_found_error', `Not found: ${method} ${path}`));
    if (request.headers['x-api-key'] !== options.apiKey) return sendError(response, 401, invalidApiKeyBody());
    if (typeof request.headers['anthropic-version'] !== 'string') {
      return sendError(response, 400, anthropicErrorBody('invalid_request_error', 'anthropic-version: header is required'));
    }
    if (route === 'models') {
      const query = new URLSearchParams(recorded.query);
      const limit = Math.max(1, Math.min(1000, Number(query.get('limit') ?? 20) || 20));
      const after = query.get('after_id');
      const start = after === null ? 0 : models.indexOf(after) + 1;
      const page = models.slice(start, start + limit);
      return sendJson(response, 200, {
        data: page.map((id, index) => ({
          type: 'model',
          id,
          display_name: id,
          created_at: new Date(Date.UTC(2025, 0, 1 + index)).toISOString(),
        })),
        has_more: start + limit < models.length,
        first_id: page[0] ?? null,
        last_id: page.at(-1) ?? null,
      });
    }
    const body = recorded.body as Record<string, unknown> | undefined;
    if (route === 'count') {
      const extra = Object.keys(body ?? {}).find((key) => !countTokensFields.has(key));
      if (extra !== undefined)
        return sendError(response, 400, anthropicErrorBody('invalid_request_error', `${extra}: Extra inputs are not permitted`));
      if (typeof body?.model !== 'string' || !Array.isArray(body.messages)) {
        return sendError(response, 400, anthropicErrorBody('invalid_request_error', 'messages: Field required'));
      }
      // Deterministic: a token per four characters of what is counted.
      const counted = JSON.stringify({ system: body.system, messages: body.messages, tools: body.tools });
      return sendJson(response, 200, { input_tokens: Math.ceil(counted.length / 4) });
    }
    const problem = anthropicRequestProblem(body);
    if (problem !== undefined) return sendError(response, 400, anthropicErrorBody('invalid_request_error', problem));
    const scenario = queue.shift() ?? { type: 'text', text: 'Hello from the mock Anthropic upstream.' };
    recorded.scenario = scenario.type;
    await serve(scenario, exchange, String(body!.model), body!.stream === true);
  }

  const server = await startRecordingServer(handle, {
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  const { recorder } = server;
  return {
    url: server.url,
    requests: recorder.requests,
    enqueue: (...scenarios) => {
      queue.push(...scenarios);
    },
    reset: () => {
      queue.length = 0;
    },
    waitForRequests: (count, waitOptions) => recorder.waitForRequests(count, waitOptions),
    waitForAbort: (waitOptions) => recorder.waitForAbort(waitOptions),
    close: () => server.close(),
  };
}

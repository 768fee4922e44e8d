import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { pause, writeChunk } from '../mock-server/write-chunks.js';
import { chatCompletionBody } from './chat-completion-body.js';
import { chatCompletionChunks } from './chat-completion-chunks.js';
import { embeddingResponseBody } from './mock-embedding.js';
import { randomId, resolveMockAnswer } from './mock-answer.js';
import { defaultErrorBody, rateLimitBody, serverErrorBody } from './openai-error-body.js';
import type { MockScenario } from './mock-scenario.js';
import { resolveResponsesAnswer, responsesBody } from './responses-body.js';
import { responsesEvents, responsesFailedEvent } from './responses-events.js';

/** One request being answered: what a scenario needs to know and do. */
export interface ScenarioExchange {
  response: ServerResponse;
  /** `responses` is OpenAI's Responses API (`POST /v1/responses`): typed events, no `[DONE]`. */
  route: 'chat' | 'embeddings' | 'responses';
  /** The parsed request body. */
  body: Record<string, unknown>;
  /** The request's headers (lower-case names). */
  headers?: IncomingHttpHeaders;
  /** True when the client or the server has closed the connection. */
  isClosed(): boolean;
  /** Called before the mock destroys the socket on purpose, so that it is not recorded as a client abort. */
  markDropped(): void;
}

function commonHeaders(): Record<string, string> {
  return { 'x-request-id': randomId('req_', 32), 'openai-processing-ms': '1', 'openai-version': '2020-10-01' };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...commonHeaders(),
    ...headers,
  });
  response.end(text);
}

function isStream(exchange: ScenarioExchange): boolean {
  return exchange.route !== 'embeddings' && exchange.body['stream'] === true;
}

function includesUsage(body: Record<string, unknown>): boolean {
  const options = body['stream_options'];
  return typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}

/** The SSE events (without `[DONE]`) of a text or tool-calls answer to the exchange's request. */
function streamEvents(scenario: Extract<MockScenario, { type: 'text' | 'tool_calls' }>, exchange: ScenarioExchange): string[] {
  if (exchange.route === 'responses') return responsesEvents(responsesAnswer(scenario, exchange));
  const answer = resolveMockAnswer(scenario, exchange.body);
  return chatCompletionChunks(answer, includesUsage(exchange.body)).map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
}

function responsesAnswer(scenario: Extract<MockScenario, { type: 'text' | 'tool_calls' }>, exchange: ScenarioExchange) {
  const { body } = exchange;
  return resolveResponsesAnswer(resolveMockAnswer(scenario, { model: body['model'], messages: body['input'] }), body);
}

/** What ends a stream that fails after `sent` events: OpenAI's `data: {"error":…}` chunk, or a Responses `response.failed` event. */
function streamFailure(exchange: ScenarioExchange, sent: number, error: { message: string; code?: string | null }): string {
  if (exchange.route !== 'responses') return `data: ${JSON.stringify({ error })}\n\n`;
  return responsesFailedEvent(responsesAnswer({ type: 'text', content: '' }, exchange), sent, error);
}

function startStream(response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...commonHeaders(),
  });
}

async function writeEvents(exchange: ScenarioExchange, events: string[], intervalMs = 0): Promise<void> {
  for (const [index, event] of events.entries()) {
    if (intervalMs > 0 && index > 0) await pause(exchange.response, intervalMs);
    if (exchange.isClosed()) return;
    await writeChunk(exchange.response, event);
  }
}

async function serveAnswer(
  scenario: Extract<MockScenario, { type: 'text' | 'tool_calls' }>,
  exchange: ScenarioExchange,
  intervalMs = 0,
): Promise<void> {
  const { response, body } = exchange;
  if (exchange.route === 'embeddings') {
    sendJson(response, 200, embeddingResponseBody(body));
    return;
  }
  if (!isStream(exchange)) {
    const answer =
      exchange.route === 'responses'
        ? responsesBody(responsesAnswer(scenario, exchange), 'finished')
        : chatCompletionBody(resolveMockAnswer(scenario, body));
    sendJson(response, 200, answer);
    return;
  }
  startStream(response);
  await writeEvents(
    exchange,
    streamEvents(scenario, exchange),
    intervalMs || (scenario.type === 'text' ? (scenario.chunkDelayMs ?? 0) : 0),
  );
  if (!exchange.isClosed()) response.end(exchange.route === 'responses' ? '' : 'data: [DONE]\n\n');
}

/** Answers one request as the scenario says. Resolves once the answer is written (or never started, for `hang`). */
export async function serveScenario(scenario: MockScenario, exchange: ScenarioExchange): Promise<void> {
  const { response, body } = exchange;
  switch (scenario.type) {
    case 'text':
    case 'tool_calls':
      return serveAnswer(scenario, exchange);
    case 'error':
      sendJson(response, scenario.status, scenario.body ?? defaultErrorBody(scenario.status), scenario.headers);
      return;
    case 'rate_limit':
      sendJson(response, 429, rateLimitBody(String(body['model'] ?? 'gpt-4o-mini'), scenario.retryAfterSeconds), {
        'retry-after': String(scenario.retryAfterSeconds),
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': `${scenario.retryAfterSeconds}s`,
      });
      return;
    case 'server_error':
      sendJson(response, scenario.status ?? 500, serverErrorBody());
      return;
    case 'hang':
      if (scenario.afterChunks !== undefined && isStream(exchange)) {
        startStream(response);
        const events = streamEvents({ type: 'text', content: 'This answer never finishes, sorry.' }, exchange);
        await writeEvents(exchange, events.slice(0, scenario.afterChunks));
      }
      return;
    case 'drop': {
      if (isStream(exchange)) {
        startStream(response);
        const events = streamEvents({ type: 'text', content: scenario.content ?? 'This answer is cut off in the middle.' }, exchange);
        await writeEvents(exchange, events.slice(0, scenario.afterChunks));
      }
      exchange.markDropped();
      response.socket?.destroy();
      return;
    }
    case 'stream_error': {
      const error = scenario.error ?? serverErrorBody().error;
      if (!isStream(exchange)) {
        sendJson(response, 500, { error });
        return;
      }
      startStream(response);
      const events = streamEvents({ type: 'text', content: scenario.content ?? 'This answer fails in the middle.' }, exchange);
      await writeEvents(exchange, events.slice(0, scenario.afterChunks));
      if (!exchange.isClosed()) response.end(streamFailure(exchange, Math.min(scenario.afterChunks, events.length), error));
      return;
    }
    case 'slow':
      return serveAnswer({ type: 'text', content: scenario.content }, exchange, scenario.intervalMs);
    case 'echo_credential': {
      const message = `Request refused; it carried authorization: ${exchange.headers?.authorization ?? '(none)'}`;
      const errorBody = { error: { message, type: 'server_error', param: null, code: 'echo' } };
      if (scenario.inStream === true && isStream(exchange)) {
        startStream(response);
        await writeEvents(exchange, streamEvents({ type: 'text', content: 'Partial answer.' }, exchange).slice(0, 1));
        if (!exchange.isClosed()) response.end(streamFailure(exchange, 1, errorBody.error));
        return;
      }
      sendJson(response, scenario.status, errorBody);
      return;
    }
    case 'delay':
      await pause(exchange.response, scenario.ms);
      if (!exchange.isClosed()) await serveScenario(scenario.then, exchange);
      return;
    case 'raw':
      response.writeHead(scenario.status, scenario.headers);
      response.end(typeof scenario.body === 'string' ? scenario.body : Buffer.from(scenario.body));
      return;
  }
}

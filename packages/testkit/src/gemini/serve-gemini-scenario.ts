import type { ServerResponse } from 'node:http';
import { pause, writeChunk } from '../mock-server/write-chunks.js';
import { countWords, geminiChunks, geminiResponse, type GeminiAnswer, type GeminiWireResponse } from './gemini-answer.js';
import type { GeminiMockScenario } from './gemini-mock-scenario.js';
import { googleErrorBody, resourceExhaustedBody } from './google-error-body.js';

export interface GeminiExchange {
  response: ServerResponse;
  model: string;
  /** `streamGenerateContent` (with `sse` when `alt=sse`), or `generateContent`. */
  stream: false | 'sse' | 'json-array';
  body: Record<string, unknown>;
  isClosed(): boolean;
  markDropped(): void;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function startStream(exchange: GeminiExchange): void {
  exchange.response.writeHead(200, {
    'content-type': exchange.stream === 'sse' ? 'text/event-stream' : 'application/json; charset=UTF-8',
    'x-content-type-options': 'nosniff',
  });
}

/** One chunk in the stream's framing: an SSE event (`\r\n\r\n`, as Google ends them), or an element of one long JSON array. */
function frame(exchange: GeminiExchange, chunk: unknown, index: number): string {
  const json = JSON.stringify(chunk);
  if (exchange.stream === 'sse') return `data: ${json}\r\n\r\n`;
  return `${index === 0 ? '[' : ',\r\n'}${json}`;
}

async function writeFrames(exchange: GeminiExchange, chunks: readonly unknown[], intervalMs = 0, from = 0): Promise<void> {
  for (const [offset, chunk] of chunks.entries()) {
    if (intervalMs > 0 && offset > 0) await pause(exchange.response, intervalMs);
    if (exchange.isClosed()) return;
    await writeChunk(exchange.response, frame(exchange, chunk, from + offset));
  }
}

function endStream(exchange: GeminiExchange, count: number): void {
  if (exchange.isClosed()) return;
  exchange.response.end(exchange.stream === 'json-array' ? (count === 0 ? '[]' : ']') : undefined);
}

async function serveAnswer(answer: GeminiAnswer, exchange: GeminiExchange, intervalMs = 0): Promise<void> {
  const promptWords = countWords(exchange.body.contents) + countWords(exchange.body.systemInstruction);
  if (exchange.stream === false) {
    sendJson(exchange.response, 200, geminiResponse(answer, exchange.model, promptWords));
    return;
  }
  const chunks = geminiChunks(answer, exchange.model, promptWords);
  startStream(exchange);
  await writeFrames(exchange, chunks, intervalMs);
  endStream(exchange, chunks.length);
}

/** The first `count` chunks of a text answer, for the failure scenarios. */
function partialChunks(exchange: GeminiExchange, text: string, count: number): GeminiWireResponse[] {
  return geminiChunks({ text, finishReason: 'STOP' }, exchange.model, 1)
    .slice(0, count)
    .map((chunk) => {
      // None of them may look final: a cut stream must not carry a finish reason.
      const candidates = (chunk.candidates as Array<Record<string, unknown>>).map(({ finishReason: _finish, ...rest }) => rest);
      return { ...chunk, candidates };
    });
}

/** Answers one chat request as the scenario says; resolves once the answer is written (never, for `hang`). */
export async function serveGeminiScenario(scenario: GeminiMockScenario, exchange: GeminiExchange): Promise<void> {
  const { response } = exchange;
  switch (scenario.type) {
    case 'text':
      return serveAnswer(
        {
          text: scenario.text,
          finishReason: scenario.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP',
          ...(scenario.usage ? { usage: scenario.usage } : {}),
        },
        exchange,
      );
    case 'tool-calls':
      return serveAnswer(
        {
          calls: scenario.calls,
          finishReason: 'STOP',
          ...(scenario.text === undefined ? {} : { text: scenario.text }),
          ...(scenario.usage ? { usage: scenario.usage } : {}),
        },
        exchange,
      );
    case 'rate-limit':
      sendJson(response, 429, resourceExhaustedBody(exchange.model, scenario.retryAfterSeconds));
      return;
    case 'http-error':
      sendJson(response, scenario.status, googleErrorBody(scenario.status, scenario.message));
      return;
    case 'hang':
      if (scenario.afterChunks !== undefined && exchange.stream !== false) {
        startStream(exchange);
        await writeFrames(exchange, partialChunks(exchange, 'This answer never finishes, sorry about that.', scenario.afterChunks));
      }
      return;
    case 'drop':
      if (exchange.stream !== false) {
        startStream(exchange);
        await writeFrames(
          exchange,
          partialChunks(exchange, scenario.text ?? 'This answer is cut off in the middle.', scenario.afterChunks),
        );
      }
      exchange.markDropped();
      response.socket?.destroy();
      return;
    case 'stream-error': {
      const error = googleErrorBody(500, scenario.message);
      if (exchange.stream === false) {
        sendJson(response, 500, error);
        return;
      }
      startStream(exchange);
      const chunks = partialChunks(exchange, scenario.text ?? 'This answer fails in the middle.', scenario.afterChunks);
      await writeFrames(exchange, [...chunks, error]);
      endStream(exchange, chunks.length + 1);
      return;
    }
    case 'slow':
      return serveAnswer({ text: scenario.text, finishReason: 'STOP' }, exchange, scenario.intervalMs);
    case 'gemini-response':
      if (exchange.stream === false) {
        sendJson(response, 200, scenario.response);
        return;
      }
      startStream(exchange);
      await writeFrames(exchange, [scenario.response]);
      endStream(exchange, 1);
      return;
    case 'gemini-chunks':
      if (exchange.stream === false) {
        sendJson(response, 200, scenario.chunks.at(-1) ?? {});
        return;
      }
      startStream(exchange);
      await writeFrames(exchange, scenario.chunks);
      endStream(exchange, scenario.chunks.length);
      return;
    case 'google-error':
      sendJson(response, scenario.status, scenario.body, scenario.headers);
      return;
  }
}

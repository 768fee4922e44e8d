import type { ServerResponse } from 'node:http';
import type { ConformanceScenario, ConformanceUpstream } from '../conformance/conformance-upstream.js';
import { mockEmbedding } from '../openai/mock-embedding.js';
import { startRecordingServer, type MockExchange } from '../mock-server/start-recording-server.js';
import { writeChunks } from '../mock-server/write-chunks.js';
import { exampleAnswerLines } from './example-wire-lines.js';

export interface ExampleUpstreamOptions {
  /** The key expected in `x-example-key`. */
  apiKey: string;
  /** Vector length of `/v1/embed` answers when the request names no `dimensions`. Default 16. */
  embeddingDimensions?: number;
}

/** The header the example wire format carries its key in. */
export const exampleKeyHeader = 'x-example-key';

const filler = 'This answer will not finish properly, sorry about that.';

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
  const queue: ConformanceScenario[] = [];

  function startLines(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  }

  const lines = (wireLines: readonly unknown[]): string[] => wireLines.map((line) => `${JSON.stringify(line)}\n`);

  async function serve(scenario: ConformanceScenario, exchange: MockExchange): Promise<void> {
    const { response, isClosed } = exchange;
    switch (scenario.type) {
      case 'text':
      case 'tool-calls':
        startLines(response);
        await writeChunks(response, lines(exampleAnswerLines(scenario)), isClosed);
        response.end();
        return;
      case 'slow':
        startLines(response);
        await writeChunks(response, lines(exampleAnswerLines({ type: 'text', text: scenario.text })), isClosed, scenario.intervalMs);
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
          await writeChunks(response, lines(exampleAnswerLines({ type: 'text', text: filler }).slice(0, scenario.afterChunks)), isClosed);
        }
        return;
      case 'drop':
        startLines(response);
        await writeChunks(
          response,
          lines(exampleAnswerLines({ type: 'text', text: scenario.text ?? filler }).slice(0, scenario.afterChunks)),
          isClosed,
        );
        exchange.markDropped();
        response.socket?.destroy();
        return;
      case 'stream-error':
        startLines(response);
        await writeChunks(
          response,
          lines([
            ...exampleAnswerLines({ type: 'text', text: scenario.text ?? filler }).slice(0, scenario.afterChunks),
            errorBody(scenario.message, 'generation_failed'),
          ]),
          isClosed,
        );
        response.end();
        return;
    }
  }

  async function handle(exchange: MockExchange): Promise<void> {
    const { request, response, recorded } = exchange;
    const { path } = recorded;
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
    await serve(scenario, exchange);
  }

  const server = await startRecordingServer(handle);
  const { recorder } = server;

  return {
    baseURL: `${server.url}/v1`,
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
    close: () => server.close(),
  };
}

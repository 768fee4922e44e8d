import type { ServerResponse } from 'node:http';
import type { ConformanceScenario, ConformanceUpstream } from '../conformance/conformance-upstream.js';
import { startRecordingServer, type MockExchange } from '../mock-server/start-recording-server.js';
import { writeChunks } from '../mock-server/write-chunks.js';
import { mockEmbedding } from '../openai/mock-embedding.js';
import type { RecordedRequest } from '../request-recorder.js';
import { encodeBedrockFrame, type BedrockStreamEvent } from './bedrock-event-frames.js';
import { converseAnswer, converseStreamEvents } from './bedrock-wire-answers.js';
import { verifySigV4, type MockAwsCredentials } from './verify-sigv4.js';

export interface MockBedrockOptions {
  /** The key pair (and session token) SigV4 requests must be signed with. */
  credentials: MockAwsCredentials;
  /** The region in the credential scope. Default `us-east-1`. */
  region?: string;
  /** A Bedrock API key accepted as `Authorization: Bearer`; none by default. */
  apiKey?: string;
  /** Vector length of Titan and Cohere embeddings when the request names none. Default 16. */
  embeddingDimensions?: number;
}

export interface MockBedrockServer extends ConformanceUpstream {
  /** The region the mock verifies signatures for. */
  readonly region: string;
  /** Whether a recorded request carried a valid signature (or the API key). */
  isAuthorized(request: RecordedRequest): Promise<boolean>;
}

const filler = 'This answer will not finish properly, sorry about that.';
const modelRoute = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/;

/** Bedrock's error answer: `x-amzn-errortype` and a `{"message"}` body. */
function sendError(
  response: ServerResponse,
  status: number,
  errorType: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    'x-amzn-requestid': '4c1b8a8e-0000-4000-8000-000000000000',
    ...headers,
  });
  response.end(JSON.stringify({ message }));
}

function sendJson(response: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const errorTypeOfStatus: Record<number, string> = {
  400: 'ValidationException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

/**
 * A Bedrock runtime (and the `foundation-models` listing of the control plane) on loopback. It verifies
 * every request's SigV4 signature against the test credentials (or accepts the API key as Bearer) and
 * answers Bedrock's 403 otherwise; `POST /model/{id}/converse` answers Converse JSON,
 * `/converse-stream` real binary event-stream frames, `/invoke` Titan or Cohere embeddings.
 */
export async function startMockBedrock(options: MockBedrockOptions): Promise<MockBedrockServer> {
  const region = options.region ?? 'us-east-1';
  const queue: ConformanceScenario[] = [];
  const dimensions = options.embeddingDimensions ?? 16;
  /** Each request's verdict, taken when it arrives: the conformance kit asks `hasCredential` synchronously. */
  const verdicts = new WeakMap<RecordedRequest, boolean>();

  async function isAuthorized(request: RecordedRequest): Promise<boolean> {
    return (await verifyOrRefuse(request)) === undefined;
  }

  function startFrames(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-requestid': '4c1b8a8e-0000-4000-8000-000000000001',
    });
  }
  const frames = (events: readonly BedrockStreamEvent[]): Uint8Array[] => events.map(encodeBedrockFrame);
  /** A text answer's first frames: `messageStart`, then text deltas. */
  const textFrames = (text: string, count: number): BedrockStreamEvent[] => converseStreamEvents({ type: 'text', text }).slice(0, count);

  async function serveStream(scenario: ConformanceScenario, exchange: MockExchange): Promise<void> {
    const { response, isClosed } = exchange;
    switch (scenario.type) {
      case 'text':
      case 'tool-calls':
        startFrames(response);
        await writeChunks(response, frames(converseStreamEvents(scenario)), isClosed);
        response.end();
        return;
      case 'slow':
        startFrames(response);
        await writeChunks(response, frames(converseStreamEvents({ type: 'text', text: scenario.text })), isClosed, scenario.intervalMs);
        if (!response.destroyed) response.end();
        return;
      case 'hang':
        if (scenario.afterChunks !== undefined) {
          startFrames(response);
          await writeChunks(response, frames(textFrames(filler, scenario.afterChunks)), isClosed);
        }
        return;
      case 'drop':
        startFrames(response);
        await writeChunks(response, frames(textFrames(scenario.text ?? filler, scenario.afterChunks)), isClosed);
        exchange.markDropped();
        response.socket?.destroy();
        return;
      case 'stream-error':
        startFrames(response);
        await writeChunks(
          response,
          frames([
            ...textFrames(scenario.text ?? filler, scenario.afterChunks),
            {
              name: 'modelStreamErrorException',
              messageType: 'exception',
              payload: { message: scenario.message, originalStatusCode: 500 },
            },
          ]),
          isClosed,
        );
        response.end();
        return;
      default:
        return serveFailure(scenario, exchange);
    }
  }

  function serveFailure(scenario: ConformanceScenario, exchange: MockExchange) {
    const { response } = exchange;
    if (scenario.type === 'rate-limit') {
      return sendError(response, 429, 'ThrottlingException', 'Too many requests, please wait before trying again.', {
        'retry-after': String(scenario.retryAfterSeconds),
      });
    }
    if (scenario.type === 'http-error') {
      return sendError(response, scenario.status, errorTypeOfStatus[scenario.status] ?? 'InternalServerException', scenario.message);
    }
  }

  async function serveConverse(scenario: ConformanceScenario, exchange: MockExchange): Promise<void> {
    const { response } = exchange;
    switch (scenario.type) {
      case 'text':
      case 'tool-calls':
        return sendJson(response, converseAnswer(scenario));
      case 'slow':
        return sendJson(response, converseAnswer({ type: 'text', text: scenario.text }));
      case 'hang':
        return;
      case 'drop':
      case 'stream-error':
        exchange.markDropped();
        response.socket?.destroy();
        return;
      default:
        return serveFailure(scenario, exchange);
    }
  }

  function serveInvoke(modelId: string, exchange: MockExchange) {
    const { response, recorded } = exchange;
    const body = recorded.body as { inputText?: unknown; texts?: unknown; dimensions?: unknown; output_dimension?: unknown } | undefined;
    if (modelId.includes('titan-embed')) {
      if (typeof body?.inputText !== 'string')
        return sendError(response, 400, 'ValidationException', 'Malformed input request: inputText is required.');
      const size = typeof body.dimensions === 'number' ? body.dimensions : dimensions;
      const tokens = body.inputText.split(/\s+/).filter(Boolean).length;
      return sendJson(
        response,
        { embedding: mockEmbedding(body.inputText, size), inputTextTokenCount: tokens },
        { 'x-amzn-bedrock-input-token-count': String(tokens) },
      );
    }
    if (modelId.includes('cohere.embed')) {
      if (!Array.isArray(body?.texts))
        return sendError(response, 400, 'ValidationException', 'Malformed input request: texts is required.');
      const size = typeof body.output_dimension === 'number' ? body.output_dimension : dimensions;
      const texts = body.texts.map(String);
      return sendJson(
        response,
        { id: 'emb-0001', texts, embeddings: texts.map((text) => mockEmbedding(text, size)), response_type: 'embeddings_floats' },
        { 'x-amzn-bedrock-input-token-count': String(texts.length * 2) },
      );
    }
    return sendError(response, 400, 'ValidationException', `The mock invokes only embedding models, not ${modelId}.`);
  }

  async function handle(exchange: MockExchange): Promise<void> {
    const { response, recorded } = exchange;
    const refusal = await verifyOrRefuse(recorded);
    verdicts.set(recorded, refusal === undefined);
    if (refusal !== undefined) return sendError(response, 403, refusal.errorType, refusal.message);
    if (recorded.method === 'GET' && recorded.path === '/foundation-models') {
      return sendJson(response, {
        modelSummaries: [
          { modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', providerName: 'Anthropic', modelName: 'Claude Sonnet 4.5' },
          { modelId: 'amazon.titan-embed-text-v2:0', providerName: 'Amazon', modelName: 'Titan Text Embeddings V2' },
        ],
      });
    }
    const route = modelRoute.exec(recorded.path);
    if (recorded.method !== 'POST' || route === null) {
      return sendError(response, 404, 'UnknownOperationException', `No operation ${recorded.method} ${recorded.path}.`);
    }
    const modelId = decodeURIComponent(route[1]!);
    const operation = route[2]!;
    if (recorded.body === undefined) return sendError(response, 400, 'SerializationException', 'The request body is not JSON.');
    if (operation === 'invoke') return serveInvoke(modelId, exchange);
    const body = recorded.body as { messages?: unknown };
    if (!Array.isArray(body.messages)) return sendError(response, 400, 'ValidationException', 'messages is required.');
    const scenario = queue.shift() ?? { type: 'text', text: 'Hello from the Bedrock mock.' };
    recorded.scenario = scenario.type;
    if (operation === 'converse-stream') await serveStream(scenario, exchange);
    else await serveConverse(scenario, exchange);
  }

  async function verifyOrRefuse(recorded: RecordedRequest) {
    const authorization = recorded.headers.authorization;
    if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
      return options.apiKey !== undefined && authorization === `Bearer ${options.apiKey}`
        ? undefined
        : { errorType: 'UnrecognizedClientException' as const, message: 'The security token included in the request is invalid.' };
    }
    return verifySigV4(recorded, { credentials: options.credentials, region, service: 'bedrock' });
  }

  const server = await startRecordingServer(handle);
  const { recorder } = server;
  return {
    baseURL: server.url,
    region,
    apiKey: options.apiKey ?? options.credentials.secretAccessKey,
    requests: recorder.requests,
    enqueue: (...scenarios) => {
      queue.push(...scenarios);
    },
    waitForRequests: (count, waitOptions) => recorder.waitForRequests(count, waitOptions),
    waitForAbort: (waitOptions) => recorder.waitForAbort(waitOptions),
    isAuthorized,
    hasCredential: (request) => verdicts.get(request) ?? false,
    modelOf: (request) => {
      const route = modelRoute.exec(request.path);
      return route === null ? undefined : decodeURIComponent(route[1]!);
    },
    close: () => server.close(),
  };
}

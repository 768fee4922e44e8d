import { mockEmbedding } from '../openai/mock-embedding.js';
import { startRecordingServer, type MockExchange } from '../mock-server/start-recording-server.js';
import type { RecordedRequest, WaitOptions } from '../request-recorder.js';
import { countWords } from './gemini-answer.js';
import type { GeminiMockScenario } from './gemini-mock-scenario.js';
import { googleErrorBody, invalidApiKeyBody, missingApiKeyBody, unauthenticatedBody } from './google-error-body.js';
import { sendJson, serveGeminiScenario } from './serve-gemini-scenario.js';

export interface MockGeminiOptions {
  /**
   * `gemini`: the Developer API (`/v1beta/models/{model}:{method}`, the key in `x-goog-api-key` or
   * `?key=`); `vertex`: Vertex AI (`/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:{method}`,
   * a Bearer access token).
   */
  variant?: 'gemini' | 'vertex';
  /** The Gemini API key the mock accepts. */
  apiKey?: string;
  /** Vertex: whether a Bearer token is valid (tokens issued by the mock OAuth server). */
  acceptsToken?(token: string): boolean;
  /** Vertex: the project and location in the paths. */
  project?: string;
  location?: string;
  /** The vector length when a request names no output dimensionality. Default 768. */
  embeddingDimensions?: number;
  /** The models `GET /v1beta/models` lists. */
  models?: string[];
}

export interface MockGeminiServer {
  readonly url: string;
  /** What a provider takes as its base URL: `url + '/v1beta'` (Gemini) or `url + '/v1'` (Vertex). */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  enqueue(...scenarios: GeminiMockScenario[]): void;
  waitForRequests(count: number, options?: WaitOptions): Promise<RecordedRequest[]>;
  waitForAbort(options?: WaitOptions): Promise<RecordedRequest>;
  close(): Promise<void>;
}

const defaultModels = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.5-flash-lite', 'gemini-embedding-001'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The model and method of a request path, for either variant; `undefined` when the path is not a model method. */
export function geminiRouteOf(path: string): { model: string; method: string; project?: string; location?: string } | undefined {
  const vertex = /^\/v1(?:beta1)?\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/:]+):([A-Za-z]+)$/.exec(path);
  if (vertex) return { project: vertex[1]!, location: vertex[2]!, model: decodeURIComponent(vertex[3]!), method: vertex[4]! };
  const gemini = /^\/v1(?:beta)?\/models\/([^/:]+):([A-Za-z]+)$/.exec(path);
  return gemini ? { model: decodeURIComponent(gemini[1]!), method: gemini[2]! } : undefined;
}

function queryParameter(query: string, name: string): string | undefined {
  return new URLSearchParams(query).get(name) ?? undefined;
}

function contentTexts(content: unknown): string {
  const parts = isRecord(content) && Array.isArray(content.parts) ? content.parts : [];
  return parts.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

/**
 * A mock of Google's generative API on loopback, in its exact wire format: `generateContent`,
 * `streamGenerateContent` (SSE with `alt=sse`, else one long JSON array), `countTokens`, and for the
 * Gemini API `embedContent`, `batchEmbedContents` and `GET /v1beta/models`, for Vertex AI
 * `:predict` (text embeddings). Keys and tokens are checked as Google does (a missing Gemini key is a
 * 403, a wrong one a 400 `API_KEY_INVALID`, a bad Vertex token a 401). Chat requests take the next
 * queued scenario, else a short text answer.
 */
export async function startMockGemini(options: MockGeminiOptions = {}): Promise<MockGeminiServer> {
  const variant = options.variant ?? 'gemini';
  const queue: GeminiMockScenario[] = [];
  const dimensionsDefault = options.embeddingDimensions ?? 768;

  function authorized(exchange: MockExchange): boolean {
    const { request, response, recorded } = exchange;
    if (variant === 'vertex') {
      const authorization = request.headers.authorization ?? '';
      const token = authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
      if (token === undefined || !(options.acceptsToken?.(token) ?? false)) {
        sendJson(response, 401, unauthenticatedBody(), { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' });
        return false;
      }
      return true;
    }
    if (options.apiKey === undefined) return true;
    const header = request.headers['x-goog-api-key'];
    const key = (typeof header === 'string' ? header : undefined) ?? queryParameter(recorded.query, 'key');
    if (key === undefined || key === '') {
      sendJson(response, 403, missingApiKeyBody());
      return false;
    }
    if (key !== options.apiKey) {
      sendJson(response, 400, invalidApiKeyBody());
      return false;
    }
    return true;
  }

  async function handle(exchange: MockExchange): Promise<void> {
    const { response, recorded } = exchange;
    const { method, path, body } = recorded;
    if (variant === 'gemini' && method === 'GET' && /^\/v1(?:beta)?\/models$/.test(path)) {
      if (!authorized(exchange)) return;
      const models = (options.models ?? defaultModels).map((id) => ({
        name: `models/${id}`,
        version: '001',
        displayName: id,
        inputTokenLimit: 1048576,
        outputTokenLimit: 65536,
        supportedGenerationMethods: id.includes('embedding') ? ['embedContent'] : ['generateContent', 'countTokens'],
      }));
      const pageSize = Number(queryParameter(recorded.query, 'pageSize') ?? 50);
      sendJson(response, 200, { models: models.slice(0, Number.isFinite(pageSize) && pageSize > 0 ? pageSize : 50) });
      return;
    }
    const route = method === 'POST' ? geminiRouteOf(path) : undefined;
    if (route === undefined || (variant === 'vertex') !== (route.project !== undefined)) {
      sendJson(response, 404, googleErrorBody(404, `The requested URL ${path} was not found on this server.`));
      return;
    }
    if (!authorized(exchange)) return;
    if (
      variant === 'vertex' &&
      (route.project !== (options.project ?? route.project) || route.location !== (options.location ?? route.location))
    ) {
      sendJson(
        response,
        403,
        googleErrorBody(
          403,
          `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/${route.project}/locations/${route.location}/publishers/google/models/${route.model}' (or it may not exist).`,
        ),
      );
      return;
    }
    if (!isRecord(body)) {
      sendJson(response, 400, googleErrorBody(400, 'Invalid JSON payload received. Unexpected end of string.'));
      return;
    }
    switch (route.method) {
      case 'generateContent':
      case 'streamGenerateContent': {
        if (!Array.isArray(body.contents) || body.contents.length === 0) {
          sendJson(response, 400, googleErrorBody(400, '* GenerateContentRequest.contents: contents is not specified\n'));
          return;
        }
        const scenario = queue.shift() ?? { type: 'text', text: 'Hello from the mock Gemini upstream.' };
        recorded.scenario = scenario.type;
        const stream = route.method === 'generateContent' ? false : queryParameter(recorded.query, 'alt') === 'sse' ? 'sse' : 'json-array';
        await serveGeminiScenario(scenario, {
          response,
          model: route.model,
          stream,
          body,
          isClosed: exchange.isClosed,
          markDropped: exchange.markDropped,
        });
        return;
      }
      case 'countTokens': {
        const inner = isRecord(body.generateContentRequest) ? body.generateContentRequest : body;
        if (variant === 'vertex' && body.generateContentRequest !== undefined) {
          sendJson(
            response,
            400,
            googleErrorBody(400, 'Invalid JSON payload received. Unknown name "generateContentRequest": Cannot find field.'),
          );
          return;
        }
        const total = countWords(inner.contents) + countWords(inner.systemInstruction);
        sendJson(response, 200, { totalTokens: total, promptTokensDetails: [{ modality: 'TEXT', tokenCount: total }] });
        return;
      }
      case 'embedContent':
      case 'batchEmbedContents': {
        if (variant !== 'gemini') break;
        const requests = route.method === 'embedContent' ? [body] : Array.isArray(body.requests) ? body.requests.filter(isRecord) : [];
        for (const [index, item] of requests.entries()) {
          if (route.method === 'batchEmbedContents' && item.model !== `models/${route.model}`) {
            sendJson(
              response,
              400,
              googleErrorBody(
                400,
                `* BatchEmbedContentsRequest.requests[${index}].model: The model in each request must match the model in the URL.`,
              ),
            );
            return;
          }
        }
        const vectors = requests.map((item) => ({
          values: mockEmbedding(
            contentTexts(item.content),
            typeof item.outputDimensionality === 'number' ? item.outputDimensionality : dimensionsDefault,
          ),
        }));
        sendJson(response, 200, route.method === 'embedContent' ? { embedding: vectors[0] } : { embeddings: vectors });
        return;
      }
      case 'predict': {
        if (variant !== 'vertex') break;
        const instances = Array.isArray(body.instances) ? body.instances.filter(isRecord) : [];
        const parameters = isRecord(body.parameters) ? body.parameters : {};
        const dimensions = typeof parameters.outputDimensionality === 'number' ? parameters.outputDimensionality : dimensionsDefault;
        sendJson(response, 200, {
          predictions: instances.map((instance) => {
            const text = typeof instance.content === 'string' ? instance.content : '';
            return {
              embeddings: { values: mockEmbedding(text, dimensions), statistics: { truncated: false, token_count: countWords(text) } },
            };
          }),
          metadata: { billableCharacterCount: instances.reduce((sum, instance) => sum + String(instance.content ?? '').length, 0) },
        });
        return;
      }
    }
    sendJson(response, 404, googleErrorBody(404, `Method ${route.method} is not found for model ${route.model}.`));
  }

  const server = await startRecordingServer(handle);
  return {
    url: server.url,
    baseURL: `${server.url}${variant === 'vertex' ? '/v1' : '/v1beta'}`,
    requests: server.recorder.requests,
    enqueue: (...scenarios) => {
      queue.push(...scenarios);
    },
    waitForRequests: (count, waitOptions) => server.recorder.waitForRequests(count, waitOptions),
    waitForAbort: (waitOptions) => server.recorder.waitForAbort(waitOptions),
    close: () => server.close(),
  };
}

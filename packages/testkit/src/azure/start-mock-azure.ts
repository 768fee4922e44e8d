import { startRecordingServer, type MockExchange } from '../mock-server/start-recording-server.js';
import type { RecordedRequest, WaitOptions } from '../request-recorder.js';
import { defaultMockScenario, scenarioFromModel, type MockScenario } from '../openai/mock-scenario.js';
import { invalidJsonBody, missingParameterBody } from '../openai/openai-error-body.js';
import { sendJson, serveScenario } from '../openai/serve-scenario.js';
import { azureContentFilterWire, type AzureContentFilterMode } from './azure-content-filter.js';
import { azureDeploymentNotFoundBody, azureResourceNotFoundBody, azureUnauthorizedBody } from './azure-error-body.js';

export interface MockAzureOptions {
  host?: string;
  port?: number;
  /** The key the mock expects in the `api-key` header. */
  apiKey?: string;
  /** An Entra ID token the mock also accepts, as `Authorization: Bearer …`. */
  entraToken?: string;
  /** The deployment names the resource has; others get `DeploymentNotFound`. Default: any name. */
  deployments?: readonly string[];
  /** Default `sync`. */
  contentFilter?: AzureContentFilterMode;
  /** The ids `GET /openai/v1/models` and `GET /openai/models` list. */
  models?: readonly string[];
}

export interface MockAzureServer {
  /** The resource endpoint, `http://127.0.0.1:PORT` (what `base_url` takes). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Queues scenarios for the next chat and embedding requests, in OpenAI's terms. */
  enqueue(...scenarios: MockScenario[]): void;
  waitForAbort(options?: WaitOptions): Promise<RecordedRequest>;
  waitForRequests(count: number, options?: WaitOptions): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/** A dated GA or preview version (`2024-10-21`, `2025-04-01-preview`); v1 paths also take `preview` or none. */
const datedVersion = /^\d{4}-\d{2}-\d{2}(?:-preview)?$/;
const deploymentPath = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/;
const v1Path = /^\/openai\/v1\/(chat\/completions|embeddings|models)$/;
const defaultModels = ['gpt-4o-mini-2024-07-18', 'gpt-4.1-2025-04-14', 'text-embedding-3-small'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The deployment a recorded request was for: from the path, else (v1) the body's `model`. */
export function azureDeploymentOf(request: RecordedRequest): string | undefined {
  const match = deploymentPath.exec(request.path);
  if (match) return decodeURIComponent(match[1]!);
  const model = isRecord(request.body) ? request.body['model'] : undefined;
  return typeof model === 'string' ? model : undefined;
}

/**
 * Starts a mock Azure OpenAI resource on loopback. Both URL styles: the classic deployment API
 * (`/openai/deployments/{deployment}/chat/completions|embeddings?api-version=…`, a dated version
 * required, the deployment in the path) and the v1 API (`/openai/v1/chat/completions|embeddings|models`,
 * the deployment in the body's `model`). The key goes in `api-key` (or an Entra ID token as a
 * Bearer); answers are OpenAI's with Azure's content-filter annotations, errors Azure's bodies.
 */
export async function startMockAzure(options: MockAzureOptions = {}): Promise<MockAzureServer> {
  const queue: MockScenario[] = [];
  const wire = azureContentFilterWire(options.contentFilter ?? 'sync');

  function authorized(exchange: MockExchange): boolean {
    const headers = exchange.request.headers;
    if (options.apiKey === undefined && options.entraToken === undefined) return true;
    if (options.apiKey !== undefined && headers['api-key'] === options.apiKey) return true;
    return options.entraToken !== undefined && headers.authorization === `Bearer ${options.entraToken}`;
  }

  async function handle(exchange: MockExchange): Promise<void> {
    const { response, recorded } = exchange;
    const { method, path, body } = recorded;
    const version = new URLSearchParams(recorded.query).get('api-version') ?? undefined;
    const classic = deploymentPath.exec(path);
    const v1 = v1Path.exec(path);
    const operation = classic?.[2] ?? v1?.[1];
    const expected = operation === 'models' ? 'GET' : 'POST';
    const classicModels = path === '/openai/models' && method === 'GET';
    if (!classicModels && (operation === undefined || method !== expected)) return sendJson(response, 404, azureResourceNotFoundBody());
    // The classic API needs a dated version; v1 takes none, `preview` or `latest`.
    if ((classic || classicModels) && (version === undefined || !datedVersion.test(version))) {
      return sendJson(response, 404, azureResourceNotFoundBody());
    }
    if (v1 && version !== undefined && !['preview', 'latest', 'v1'].includes(version)) {
      return sendJson(response, 404, azureResourceNotFoundBody());
    }
    if (!authorized(exchange)) return sendJson(response, 401, azureUnauthorizedBody());

    if (classicModels || operation === 'models') {
      const created = Math.floor(Date.now() / 1000);
      const data = (options.models ?? defaultModels).map((id) => ({ id, object: 'model', created_at: created, status: 'succeeded' }));
      return sendJson(response, 200, { object: 'list', data });
    }
    if (!isRecord(body)) return sendJson(response, 400, invalidJsonBody());
    const deployment = classic ? decodeURIComponent(classic[1]!) : body['model'];
    if (typeof deployment !== 'string') return sendJson(response, 400, missingParameterBody('model'));
    if (options.deployments !== undefined && !options.deployments.includes(deployment)) {
      return sendJson(response, 404, azureDeploymentNotFoundBody());
    }
    const route = operation === 'embeddings' ? 'embeddings' : 'chat';
    if (route === 'chat' && body['messages'] === undefined) return sendJson(response, 400, missingParameterBody('messages'));
    if (route === 'embeddings' && body['input'] === undefined) return sendJson(response, 400, missingParameterBody('input'));

    // The deployment decides the model; the answer names the deployment, as a stand-in for its model.
    const answered = { ...body, model: deployment };
    const scenario = queue.shift() ?? scenarioFromModel(deployment, body['stream'] === true) ?? defaultMockScenario;
    recorded.scenario = scenario.type;
    await serveScenario(scenario, {
      response,
      route,
      body: answered,
      headers: exchange.request.headers,
      isClosed: exchange.isClosed,
      markDropped: exchange.markDropped,
      wire,
    });
  }

  const server = await startRecordingServer(handle, { host: options.host, port: options.port });
  const { recorder } = server;
  return {
    url: server.url,
    requests: recorder.requests,
    enqueue: (...scenarios) => {
      queue.push(...scenarios);
    },
    waitForAbort: (waitOptions) => recorder.waitForAbort(waitOptions),
    waitForRequests: (count, waitOptions) => recorder.waitForRequests(count, waitOptions),
    close: () => server.close(),
  };
}

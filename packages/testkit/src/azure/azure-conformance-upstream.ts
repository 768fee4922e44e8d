import type { ConformanceScenario, ConformanceUpstream, ConformanceUpstreamDefinition } from '../conformance/conformance-upstream.js';
import type { MockScenario } from '../openai/mock-scenario.js';
import { openAIMockScenario } from '../openai/openai-conformance-upstream.js';
import { azureRateLimitBody } from './azure-error-body.js';
import { azureDeploymentOf, startMockAzure } from './start-mock-azure.js';

export interface AzureConformanceUpstreamOptions {
  /** The key the mock expects in `api-key`. */
  apiKey?: string;
  /** Which URL style the provider under test uses (for the test titles; the mock serves both). Default `deployment`. */
  urlStyle?: 'deployment' | 'v1';
}

const defaultApiKey = 'azure-modelgate-conformance-0123456789abcdef';

/** A canonical scenario in Azure's terms: OpenAI's answers, Azure's rate-limit body. */
function azureMockScenario(scenario: ConformanceScenario): MockScenario {
  if (scenario.type === 'rate-limit') {
    return {
      type: 'error',
      status: 429,
      body: azureRateLimitBody('2024-10-21', scenario.retryAfterSeconds),
      headers: { 'retry-after': String(scenario.retryAfterSeconds), 'x-ratelimit-remaining-requests': '0' },
    };
  }
  return openAIMockScenario(scenario);
}

/**
 * `startMockAzure` as a conformance upstream: OpenAI's Chat Completions and Embeddings bodies with
 * Azure's content-filter annotations, the key in `api-key`, the deployment in the path (classic) or
 * the body (v1). The base URL is the resource endpoint.
 */
export function azureConformanceUpstream(options: AzureConformanceUpstreamOptions = {}): ConformanceUpstreamDefinition {
  const apiKey = options.apiKey ?? defaultApiKey;
  return {
    wireFormat: `azure-openai (${options.urlStyle ?? 'deployment'} URLs)`,
    limitations: { usageDetails: ['cacheWriteTokens'] },
    rawFinishReasons: { stop: 'stop', length: 'length', toolCalls: 'tool_calls' },
    start: async (): Promise<ConformanceUpstream> => {
      const mock = await startMockAzure({ apiKey });
      return {
        baseURL: mock.url,
        apiKey,
        requests: mock.requests,
        enqueue: (...scenarios) => mock.enqueue(...scenarios.map(azureMockScenario)),
        waitForRequests: (count, waitOptions) => mock.waitForRequests(count, waitOptions),
        waitForAbort: (waitOptions) => mock.waitForAbort(waitOptions),
        hasCredential: (request) => request.headers['api-key'] === apiKey,
        modelOf: azureDeploymentOf,
        close: () => mock.close(),
      };
    },
  };
}

import type {
  ConformanceScenario,
  ConformanceUpstream,
  ConformanceUpstreamDefinition,
  ConformanceUsage,
} from '../conformance/conformance-upstream.js';
import type { RecordedRequest } from '../request-recorder.js';
import { openAIErrorBody, openAIErrorType } from './openai-error-body.js';
import type { MockScenario, MockUsage } from './mock-scenario.js';
import { startMockOpenAI } from './start-mock-openai.js';

export interface OpenAIConformanceUpstreamOptions {
  /** The key the mock expects as `Authorization: Bearer …`. */
  apiKey?: string;
}

const defaultApiKey = 'sk-modelgate-conformance-0123456789';

/** Canonical counts in OpenAI's terms: `prompt_tokens` already includes cached tokens, `completion_tokens` reasoning ones. */
function mockUsage(usage: ConformanceUsage | undefined): MockUsage | undefined {
  if (usage === undefined) return undefined;
  return {
    promptTokens: usage.inputTokens,
    completionTokens: usage.outputTokens,
    ...(usage.cacheReadTokens === undefined ? {} : { cachedTokens: usage.cacheReadTokens }),
    ...(usage.reasoningTokens === undefined ? {} : { reasoningTokens: usage.reasoningTokens }),
  };
}

/** A canonical scenario as `startMockOpenAI` serves it. */
export function openAIMockScenario(scenario: ConformanceScenario): MockScenario {
  switch (scenario.type) {
    case 'text': {
      const usage = mockUsage(scenario.usage);
      return { type: 'text', content: scenario.text, finishReason: scenario.finishReason ?? 'stop', ...(usage ? { usage } : {}) };
    }
    case 'tool-calls': {
      const usage = mockUsage(scenario.usage);
      return {
        type: 'tool_calls',
        calls: scenario.calls.map((call) => ({ name: call.name, arguments: call.input, ...(call.id ? { id: call.id } : {}) })),
        ...(scenario.text === undefined ? {} : { content: scenario.text }),
        ...(usage ? { usage } : {}),
      };
    }
    case 'rate-limit':
      return { type: 'rate_limit', retryAfterSeconds: scenario.retryAfterSeconds };
    case 'http-error':
      return { type: 'error', status: scenario.status, body: openAIErrorBody(scenario.message, openAIErrorType(scenario.status)) };
    case 'hang':
      return scenario.afterChunks === undefined ? { type: 'hang' } : { type: 'hang', afterChunks: scenario.afterChunks };
    case 'drop':
      return { type: 'drop', afterChunks: scenario.afterChunks, ...(scenario.text === undefined ? {} : { content: scenario.text }) };
    case 'stream-error':
      return {
        type: 'stream_error',
        afterChunks: scenario.afterChunks,
        error: openAIErrorBody(scenario.message, 'server_error').error,
        ...(scenario.text === undefined ? {} : { content: scenario.text }),
      };
    case 'slow':
      return { type: 'slow', content: scenario.text, intervalMs: scenario.intervalMs };
  }
}

function bodyModel(request: RecordedRequest): string | undefined {
  const body = request.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const model = (body as { model?: unknown }).model;
  return typeof model === 'string' ? model : undefined;
}

/**
 * `startMockOpenAI` as a conformance upstream: OpenAI's Chat Completions and Embeddings wire format,
 * the key as a Bearer token, the model in the body. It has no cache-write count.
 */
export function openAIConformanceUpstream(options: OpenAIConformanceUpstreamOptions = {}): ConformanceUpstreamDefinition {
  const apiKey = options.apiKey ?? defaultApiKey;
  return {
    wireFormat: 'openai-chat',
    limitations: { usageDetails: ['cacheWriteTokens'] },
    rawFinishReasons: { stop: 'stop', length: 'length', toolCalls: 'tool_calls' },
    start: async (): Promise<ConformanceUpstream> => {
      const mock = await startMockOpenAI({ apiKey });
      return {
        baseURL: mock.baseURL,
        apiKey,
        requests: mock.requests,
        enqueue: (...scenarios) => mock.enqueue(...scenarios.map(openAIMockScenario)),
        waitForRequests: (count, waitOptions) => mock.waitForRequests(count, waitOptions),
        waitForAbort: (waitOptions) => mock.waitForAbort(waitOptions),
        hasCredential: (request) => request.headers.authorization === `Bearer ${apiKey}`,
        modelOf: bodyModel,
        close: () => mock.close(),
      };
    },
  };
}

import type { ConformanceUpstream, ConformanceUpstreamDefinition } from '../conformance/conformance-upstream.js';
import { startMockAnthropic } from './start-mock-anthropic.js';

export interface AnthropicConformanceUpstreamOptions {
  /** The key the mock expects in `x-api-key`. */
  apiKey?: string;
}

const defaultApiKey = 'sk-ant-modelgate-conformance-0123456789';

/**
 * `startMockAnthropic` as a conformance upstream: the Messages API's wire format, the key in `x-api-key`,
 * the model in the body. Anthropic reports no separate reasoning-token count (thinking is inside
 * `output_tokens`), and has no embeddings.
 */
export function anthropicConformanceUpstream(options: AnthropicConformanceUpstreamOptions = {}): ConformanceUpstreamDefinition {
  const apiKey = options.apiKey ?? defaultApiKey;
  return {
    wireFormat: 'anthropic-messages',
    limitations: { usageDetails: ['reasoningTokens'] },
    rawFinishReasons: { stop: 'end_turn', length: 'max_tokens', toolCalls: 'tool_use' },
    start: async (): Promise<ConformanceUpstream> => {
      const mock = await startMockAnthropic({ apiKey });
      return {
        baseURL: mock.url,
        apiKey,
        requests: mock.requests,
        enqueue: (...scenarios) => mock.enqueue(...scenarios),
        waitForRequests: (count, waitOptions) => mock.waitForRequests(count, waitOptions),
        waitForAbort: (waitOptions) => mock.waitForAbort(waitOptions),
        hasCredential: (request) => request.headers['x-api-key'] === apiKey,
        modelOf: (request) => {
          const model = (request.body as { model?: unknown } | undefined)?.model;
          return typeof model === 'string' ? model : undefined;
        },
        close: () => mock.close(),
      };
    },
  };
}

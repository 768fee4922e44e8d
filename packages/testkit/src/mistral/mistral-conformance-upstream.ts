import type { ConformanceUpstream, ConformanceUpstreamDefinition } from '../conformance/conformance-upstream.js';
import type { RecordedRequest } from '../request-recorder.js';
import { mistralEmbeddingDimensions } from './mistral-wire.js';
import { startMockMistral } from './start-mock-mistral.js';

export interface MistralConformanceUpstreamOptions {
  /** The key the mock expects as `Authorization: Bearer …`. */
  apiKey?: string;
}

const defaultApiKey = 'mistral-modelgate-conformance-0123456789';

function bodyModel(request: RecordedRequest): string | undefined {
  const body = request.body as { model?: unknown } | undefined;
  return typeof body?.model === 'string' ? body.model : undefined;
}

/**
 * `startMockMistral` as a conformance upstream: Mistral's chat and embeddings wire format, the key as
 * a Bearer token, the model in the body. Its usage has no cache or reasoning counts.
 */
export function mistralConformanceUpstream(options: MistralConformanceUpstreamOptions = {}): ConformanceUpstreamDefinition {
  const apiKey = options.apiKey ?? defaultApiKey;
  return {
    wireFormat: 'mistral-chat',
    limitations: { usageDetails: ['cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens'] },
    rawFinishReasons: { stop: 'stop', length: 'length', toolCalls: 'tool_calls' },
    embeddingDimensions: mistralEmbeddingDimensions,
    start: async (): Promise<ConformanceUpstream> => {
      const mock = await startMockMistral({ apiKey });
      return {
        baseURL: mock.baseURL,
        apiKey,
        requests: mock.requests,
        enqueue: (...scenarios) => mock.enqueue(...scenarios),
        waitForRequests: (count, waitOptions) => mock.waitForRequests(count, waitOptions),
        waitForAbort: (waitOptions) => mock.waitForAbort(waitOptions),
        hasCredential: (request) => request.headers.authorization === `Bearer ${apiKey}`,
        modelOf: bodyModel,
        close: () => mock.close(),
      };
    },
  };
}

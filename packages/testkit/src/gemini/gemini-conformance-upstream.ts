import type {
  ConformanceUpstream,
  ConformanceUpstreamDefinition,
  ConformanceUpstreamLimitations,
} from '../conformance/conformance-upstream.js';
import type { RecordedRequest } from '../request-recorder.js';
import { startMockGemini } from './start-mock-gemini.js';

export interface GeminiConformanceUpstreamOptions {
  /** The key the mock expects in `x-goog-api-key`. */
  apiKey?: string;
}

const defaultApiKey = 'AIzaSy-modelgate-conformance-0123456789';

/**
 * What Google's wire cannot say: it has no cache-write count (context caches are created apart),
 * and function call arguments are an object, so a call's input comes back re-serialised.
 */
export const googleConformanceLimitations: ConformanceUpstreamLimitations = {
  usageDetails: ['cacheWriteTokens'],
  toolInputs: 'reserialized',
};

/** The model of a Gemini or Vertex AI request, from its path (`…/models/{model}:{method}`). */
export function googleModelOf(request: RecordedRequest): string | undefined {
  const match = /\/models\/([^/:]+):[A-Za-z]+$/.exec(request.path);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** `startMockGemini` as a conformance upstream: the Gemini API's wire, the key in `x-goog-api-key`, the model in the path. */
export function geminiConformanceUpstream(options: GeminiConformanceUpstreamOptions = {}): ConformanceUpstreamDefinition {
  const apiKey = options.apiKey ?? defaultApiKey;
  return {
    wireFormat: 'gemini',
    limitations: googleConformanceLimitations,
    rawFinishReasons: { stop: 'STOP', length: 'MAX_TOKENS', toolCalls: 'STOP' },
    embeddingDimensions: 768,
    start: async (): Promise<ConformanceUpstream> => {
      const mock = await startMockGemini({ variant: 'gemini', apiKey });
      return {
        baseURL: mock.baseURL,
        apiKey,
        requests: mock.requests,
        enqueue: (...scenarios) => mock.enqueue(...scenarios),
        waitForRequests: (count, waitOptions) => mock.waitForRequests(count, waitOptions),
        waitForAbort: (waitOptions) => mock.waitForAbort(waitOptions),
        hasCredential: (request) => request.headers['x-goog-api-key'] === apiKey,
        modelOf: googleModelOf,
        close: () => mock.close(),
      };
    },
  };
}

import type { ConformanceUpstreamDefinition } from '../conformance/conformance-upstream.js';
import { startMockCohere } from './start-mock-cohere.js';

export interface CohereConformanceUpstreamOptions {
  /** The key the mock expects as `Authorization: Bearer …`. */
  apiKey?: string;
}

/**
 * `startMockCohere` as a conformance upstream: Cohere's API v2 (chat JSON and stream events, embed), the key
 * as a Bearer token, the model in the body. Its documented usage has no cache-read, cache-write or
 * reasoning count, so those are not checked.
 */
export function cohereConformanceUpstream(options: CohereConformanceUpstreamOptions = {}): ConformanceUpstreamDefinition {
  const apiKey = options.apiKey ?? 'co-modelgate-conformance-0123456789';
  return {
    wireFormat: 'cohere-v2',
    limitations: { usageDetails: ['cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens'] },
    rawFinishReasons: { stop: 'COMPLETE', length: 'MAX_TOKENS', toolCalls: 'TOOL_CALL' },
    embeddingDimensions: 1024,
    start: () => startMockCohere({ apiKey }),
  };
}

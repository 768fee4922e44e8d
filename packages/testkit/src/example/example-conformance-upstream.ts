import type { ConformanceUpstreamDefinition } from '../conformance/conformance-upstream.js';
import { startExampleUpstream } from './start-example-upstream.js';

/**
 * The example provider's wire format (`modelgate-provider-example`) as a conformance upstream: NDJSON
 * answers, the key in `x-example-key`, every scenario and every usage count supported.
 */
export function exampleConformanceUpstream(options: { apiKey?: string } = {}): ConformanceUpstreamDefinition {
  const apiKey = options.apiKey ?? 'example-conformance-key-0123456789';
  return {
    wireFormat: 'example-ndjson',
    rawFinishReasons: { stop: 'stop', length: 'max_tokens', toolCalls: 'tool_use' },
    embeddingDimensions: 16,
    start: () => startExampleUpstream({ apiKey }),
  };
}

import type { ConformanceUpstreamDefinition } from '../conformance/conformance-upstream.js';
import { startMockBedrock } from './start-mock-bedrock.js';
import type { MockAwsCredentials } from './verify-sigv4.js';

/** The test key pair of the Bedrock mock (the shape of AWS's documentation example keys, not a real key). */
export const bedrockTestCredentials: MockAwsCredentials = {
  accessKeyId: 'AKIAMODELGATETEST001',
  secretAccessKey: 'modelgate/bedrock/test/secret/0123456789abcdefghij',
};

export interface BedrockConformanceUpstreamOptions {
  /**
   * `sigv4` (default): `apiKey` is the secret access key of `credentials` (the provider signs with
   * `credentials.accessKeyId` and it). `api-key`: `apiKey` is a Bedrock API key sent as Bearer.
   */
  auth?: 'sigv4' | 'api-key';
  credentials?: MockAwsCredentials;
  apiKey?: string;
  region?: string;
}

/**
 * The Bedrock Converse wire as a conformance upstream: Converse JSON, ConverseStream binary frames,
 * SigV4 verified on every request (or a Bedrock API key). Converse has no reasoning-token count, and
 * its non-streamed tool inputs are JSON objects, not text.
 */
export function bedrockConformanceUpstream(options: BedrockConformanceUpstreamOptions = {}): ConformanceUpstreamDefinition {
  const credentials = options.credentials ?? bedrockTestCredentials;
  const auth = options.auth ?? 'sigv4';
  const apiKey = options.apiKey ?? 'ABSKbW9kZWxnYXRlLWJlZHJvY2stdGVzdC1hcGkta2V5';
  return {
    wireFormat: 'bedrock-converse',
    rawFinishReasons: { stop: 'end_turn', length: 'max_tokens', toolCalls: 'tool_use' },
    limitations: { usageDetails: ['reasoningTokens'], toolInputs: 'reserialized-in-answers' },
    embeddingDimensions: 16,
    start: async () => {
      const server = await startMockBedrock({
        credentials,
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(auth === 'api-key' ? { apiKey } : {}),
      });
      return server;
    },
  };
}

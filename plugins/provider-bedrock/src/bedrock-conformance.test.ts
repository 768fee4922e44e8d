import { bedrockConformanceUpstream, bedrockTestCredentials, providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { bedrockEnvironment } from './bedrock-credentials.js';
import { createBedrockProvider } from './create-bedrock-provider.js';

describe('bedrock provider conformance, SigV4', () => {
  providerConformanceSuite(
    { it, expect },
    {
      name: 'bedrock-sigv4',
      modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      upstream: bedrockConformanceUpstream(),
      // The suite's key is the secret access key: every request is signed and the mock recomputes the signature.
      createProvider: ({ baseURL, apiKey, environment }) =>
        createBedrockProvider({
          baseURL,
          region: 'us-east-1',
          accessKeyId: bedrockTestCredentials.accessKeyId,
          secretAccessKey: apiKey,
          environment,
        }),
      embeddings: { modelId: 'amazon.titan-embed-text-v2:0' },
    },
  );
});

describe('bedrock provider conformance, API key', () => {
  providerConformanceSuite(
    { it, expect },
    {
      name: 'bedrock-api-key',
      modelId: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0',
      upstream: bedrockConformanceUpstream({ auth: 'api-key' }),
      createProvider: ({ baseURL, apiKey, environment }) =>
        createBedrockProvider({ baseURL, region: 'us-east-1', auth: 'api_key', ...(apiKey === '' ? {} : { apiKey }), environment }),
      embeddings: { modelId: 'cohere.embed-english-v3' },
      credential: { environmentVariable: bedrockEnvironment.apiKey },
    },
  );
});

import { azureConformanceUpstream, providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { AzureOpenAIProvider } from './azure-openai-provider.js';
import { azureApiKeyVariable } from './azure-credentials.js';

const styles = [
  { urlStyle: 'deployment', apiVersion: '2024-10-21' },
  { urlStyle: 'v1', apiVersion: undefined },
] as const;

for (const { urlStyle, apiVersion } of styles) {
  describe(`azure provider conformance (${urlStyle} URLs)`, () => {
    providerConformanceSuite(
      { it, expect },
      {
        name: `azure-${urlStyle}`,
        modelId: 'gpt-4o-mini-prod',
        upstream: azureConformanceUpstream({ urlStyle }),
        createProvider: ({ baseURL, apiKey, environment }) =>
          // The mock stands in for an Azure resource on loopback: allow the environment variable there.
          new AzureOpenAIProvider({
            baseURL,
            environment,
            environmentFallback: true,
            ...(apiVersion === undefined ? {} : { apiVersion }),
            ...(apiKey === '' ? {} : { apiKey }),
          }),
        embeddings: { modelId: 'text-embedding-3-small' },
        credential: { environmentVariable: azureApiKeyVariable },
      },
    );
  });
}

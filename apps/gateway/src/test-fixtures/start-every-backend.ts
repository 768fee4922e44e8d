import { parseConfig, type LoadedConfig } from '@modelgate/core';
import {
  anthropicConformanceUpstream,
  azureConformanceUpstream,
  bedrockConformanceUpstream,
  bedrockTestCredentials,
  cohereConformanceUpstream,
  geminiConformanceUpstream,
  mistralConformanceUpstream,
  openAIConformanceUpstream,
  vertexConformanceLocation,
  vertexConformanceProject,
  vertexConformanceUpstream,
  type ConformanceUpstream,
  type ConformanceUpstreamDefinition,
} from '@modelgate/testkit';
import { testMasterKey } from './mock-gateway.js';

/** The backend plugins the gateway ships, each in front of its testkit mock. */
export type BackendName = 'openai' | 'anthropic' | 'gemini' | 'vertex' | 'bedrock' | 'azure' | 'cohere' | 'mistral';

export interface RunningBackend {
  name: BackendName;
  /** The gateway model name that routes to this backend only. */
  model: string;
  upstream: ConformanceUpstream;
}

interface BackendDefinition {
  name: BackendName;
  upstream: () => ConformanceUpstreamDefinition;
  providerModel: string;
  settings: (upstream: ConformanceUpstream) => Record<string, unknown>;
}

const definitions: readonly BackendDefinition[] = [
  {
    name: 'openai',
    upstream: () => openAIConformanceUpstream(),
    providerModel: 'gpt-4o-mini',
    settings: (upstream) => ({ type: 'openai', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
  {
    name: 'anthropic',
    upstream: () => anthropicConformanceUpstream(),
    providerModel: 'claude-sonnet-4-5-20250929',
    settings: (upstream) => ({ type: 'anthropic', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
  {
    name: 'gemini',
    upstream: () => geminiConformanceUpstream(),
    providerModel: 'gemini-2.5-flash',
    settings: (upstream) => ({ type: 'gemini', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
  {
    name: 'vertex',
    upstream: () => vertexConformanceUpstream(),
    providerModel: 'gemini-2.5-flash',
    settings: (upstream) => ({
      type: 'vertex',
      base_url: upstream.baseURL,
      credentials_file: upstream.apiKey,
      project: vertexConformanceProject,
      location: vertexConformanceLocation,
    }),
  },
  {
    name: 'bedrock',
    upstream: () => bedrockConformanceUpstream(),
    providerModel: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    settings: (upstream) => ({
      type: 'bedrock',
      region: 'us-east-1',
      base_url: upstream.baseURL,
      access_key_id: bedrockTestCredentials.accessKeyId,
      secret_access_key: bedrockTestCredentials.secretAccessKey,
    }),
  },
  {
    name: 'azure',
    upstream: () => azureConformanceUpstream(),
    providerModel: 'gpt-4o-mini',
    settings: (upstream) => ({ type: 'azure', base_url: upstream.baseURL, api_key: upstream.apiKey, api_version: '2024-10-21' }),
  },
  {
    name: 'cohere',
    upstream: () => cohereConformanceUpstream(),
    providerModel: 'command-a-03-2025',
    settings: (upstream) => ({ type: 'cohere', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
  {
    name: 'mistral',
    upstream: () => mistralConformanceUpstream(),
    providerModel: 'mistral-large-latest',
    settings: (upstream) => ({ type: 'mistral', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
];

export interface EveryBackend {
  backends: readonly RunningBackend[];
  /** A gateway config with one provider and one model (named after the backend) per backend. */
  config: LoadedConfig;
  close(): Promise<void>;
}

/** Starts the mock of every backend plugin and a gateway config that reaches each through a model of its name. */
export async function startEveryBackend(): Promise<EveryBackend> {
  const backends = await Promise.all(
    definitions.map(async (definition) => ({ definition, upstream: await definition.upstream().start() })),
  );
  const config = parseConfig({
    server: { log_level: 'silent' },
    auth: { master_key: testMasterKey },
    providers: Object.fromEntries(backends.map(({ definition, upstream }) => [definition.name, definition.settings(upstream)])),
    models: backends.map(({ definition }) => ({
      name: definition.name,
      deployments: [{ provider: definition.name, model: definition.providerModel }],
    })),
    router: { retries: 0, timeout_ms: 5000 },
  });
  return {
    backends: backends.map(({ definition, upstream }) => ({ name: definition.name, model: definition.name, upstream })),
    config,
    close: async () => {
      await Promise.all(backends.map(({ upstream }) => upstream.close()));
    },
  };
}

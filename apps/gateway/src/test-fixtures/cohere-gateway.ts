import { parseConfig, type GatewayConfigInput } from '@modelgate/core';
import { startMockCohere, type ConformanceUpstream } from '@modelgate/testkit';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import { startServer, type RunningServer } from '../server.js';
import { testMasterKey } from './mock-gateway.js';
import { scriptedProviderPlugin } from './scripted-provider.js';

export const cohereTestKey = 'co-gateway-test-0123456789';

export interface CohereGateway {
  upstream: ConformanceUpstream;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * The gateway on 127.0.0.1 in front of the Cohere mock (provider instance `cohere`, `type: cohere`, loaded
 * as the `@modelgate/provider-cohere` package) and of the scripted provider (`plain`), which has no rerank.
 */
export async function startCohereGateway(overrides: Partial<GatewayConfigInput> = {}, logger?: JsonLineLogger): Promise<CohereGateway> {
  const upstream = await startMockCohere({ apiKey: cohereTestKey });
  const config: GatewayConfigInput = {
    server: { log_level: 'silent', body_limit_bytes: 256 * 1024 },
    auth: { master_key: testMasterKey },
    providers: {
      cohere: { type: 'cohere', base_url: upstream.baseURL, api_key: cohereTestKey },
      plain: { type: 'scripted' },
    },
    models: [
      { name: 'command', deployments: [{ provider: 'cohere', model: 'command-a-03-2025' }] },
      { name: 'embed', deployments: [{ provider: 'cohere', model: 'embed-english-v3.0' }] },
      // The scripted provider has no rerank and is nearly always picked first: it must be passed over for free.
      {
        name: 'rerank',
        deployments: [
          { provider: 'plain', model: 'no-rerank', weight: 99 },
          { provider: 'cohere', model: 'rerank-v3.5', weight: 1 },
        ],
      },
      { name: 'no-rerank', deployments: [{ provider: 'plain', model: 'no-rerank' }] },
    ],
    router: { retries: 0, timeout_ms: 5000 },
    ...overrides,
  };
  const server = await startServer({
    config: parseConfig(config),
    host: '127.0.0.1',
    port: 0,
    plugins: [scriptedProviderPlugin],
    ...(logger === undefined ? {} : { logger }),
  });
  return {
    upstream,
    server,
    close: async () => {
      await server.close();
      await upstream.close();
    },
  };
}

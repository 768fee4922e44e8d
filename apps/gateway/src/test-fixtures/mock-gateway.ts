import { parseConfig, type GatewayConfigInput } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { startServer, type RunningServer } from '../server.js';

export const testMasterKey = 'sk-modelgate-test-master';

/** A gateway config in front of a mock OpenAI upstream (provider instance `mock`). */
export function mockGatewayConfig(mock: MockOpenAIServer, overrides: Partial<GatewayConfigInput> = {}): GatewayConfigInput {
  return {
    server: { log_level: 'silent', body_limit_bytes: 64 * 1024 },
    auth: { master_key: testMasterKey },
    providers: { mock: { type: 'openai', base_url: mock.baseURL, api_key: 'test' } },
    models: [
      { name: 'smart', deployments: [{ provider: 'mock', model: 'gpt-4o-mini' }] },
      { name: 'embed', deployments: [{ provider: 'mock', model: 'text-embedding-3-small' }] },
    ],
    router: { retries: 2, timeout_ms: 5000 },
    ...overrides,
  };
}

export interface MockGateway {
  mock: MockOpenAIServer;
  server: RunningServer;
  close(): Promise<void>;
}

/** The gateway listening on 127.0.0.1 (a free port) with the mock upstream behind it. */
export async function startMockGateway(overrides: Partial<GatewayConfigInput> = {}): Promise<MockGateway> {
  const mock = await startMockOpenAI();
  const server = await startServer({ config: parseConfig(mockGatewayConfig(mock, overrides)), host: '127.0.0.1', port: 0 });
  return {
    mock,
    server,
    close: async () => {
      await server.close();
      await mock.close();
    },
  };
}

import { parseConfig } from '@modelgate/core';
import { JsonLineLogger, startServer, type RunningServer } from '@modelgate/gateway';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';

export const masterKey = 'sk-modelgate-client-tests';

export interface ClientGateway {
  /** The mock OpenAI upstream behind the gateway (provider instance `mock`). */
  mock: MockOpenAIServer;
  server: RunningServer;
  /** `server.url + '/v1'`: what every client takes as its base URL. */
  baseURL: string;
  /** The gateway's log lines, parsed, without the access log's per-request lines. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The built gateway on 127.0.0.1 (a free port) in front of the testkit's mock OpenAI upstream:
 * model `smart` for chat, `embed` for embeddings.
 */
export async function startClientGateway(): Promise<ClientGateway> {
  const mock = await startMockOpenAI();
  const logs: Record<string, unknown>[] = [];
  const config = parseConfig({
    server: { log_level: 'info' },
    auth: { master_key: masterKey },
    providers: { mock: { type: 'openai', base_url: mock.baseURL, api_key: 'upstream-key' } },
    models: [
      { name: 'smart', deployments: [{ provider: 'mock', model: 'gpt-4o-mini' }] },
      { name: 'embed', deployments: [{ provider: 'mock', model: 'text-embedding-3-small' }] },
    ],
    router: { retries: 0, timeout_ms: 10_000 },
  });
  const server = await startServer({
    config,
    host: '127.0.0.1',
    port: 0,
    // Warnings and errors only: the access log's per-request lines are not what these tests look at.
    logger: new JsonLineLogger('info', (line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      if (record.msg !== 'request') logs.push(record);
    }),
  });
  return {
    mock,
    server,
    baseURL: `${server.url}/v1`,
    logs,
    close: async () => {
      await server.close();
      await mock.close();
    },
  };
}

/** The bodies of the chat requests the upstream received, in order. */
export function upstreamChatBodies(gateway: ClientGateway): Record<string, unknown>[] {
  return gateway.mock.requests
    .filter((request) => request.path === '/v1/chat/completions')
    .map((request) => request.body as Record<string, unknown>);
}

import { parseConfigText } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonLineLogger } from './logging/json-line-logger.js';
import { startServer, type RunningServer } from './server.js';

const builtInKey = 'sk-built-in-fallback-9d8e7f';
const environment = { OPENAI_API_KEY: builtInKey, OTHER_KEY: 'sk-other-team-key-1234' };

let mock: MockOpenAIServer;
let server: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  mock = await startMockOpenAI();
  const config = parseConfigText(
    `
server: { log_level: warn }
auth: { disabled: true }
providers:
  team: { type: openai, base_url: "${mock.baseURL}", api_key: \${MY_TEAM_KEY} }
  custom: { type: openai, base_url: "${mock.baseURL}" }
  other: { type: openai, base_url: "${mock.baseURL}", api_key: \${OTHER_KEY} }
models:
  - { name: team, deployments: [{ provider: team, model: gpt-4o-mini }] }
  - { name: custom, deployments: [{ provider: custom, model: gpt-4o-mini }] }
  - { name: other, deployments: [{ provider: other, model: gpt-4o-mini }] }
router: { retries: 0 }
`,
    { environment },
  );
  server = await startServer({
    config,
    host: '127.0.0.1',
    port: 0,
    environment,
    logger: new JsonLineLogger('warn', (line) => logLines.push(line)),
  });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

async function chat(model: string): Promise<{ status: number; body: { error?: { message: string; code: string } } }> {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('credentials never go to a host they were not configured for', () => {
  it('warns once at start-up, naming the unset variable', () => {
    const warnings = logLines.filter((line) => line.includes('MY_TEAM_KEY'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('providers.team.api_key references MY_TEAM_KEY, which is not set');
  });

  it('answers for a provider whose api_key references an unset variable, never using OPENAI_API_KEY', async () => {
    const { status, body } = await chat('team');
    expect(status).toBe(500);
    expect(body.error?.code).toBe('missing_credential');
    expect(body.error?.message).toContain('providers.team.api_key references MY_TEAM_KEY, which is not set');
    expect(mock.requests).toHaveLength(0);
  });

  it('does not send the built-in environment key to a custom base_url', async () => {
    const { status, body } = await chat('custom');
    expect(status).toBe(500);
    expect(body.error?.code).toBe('missing_credential');
    expect(mock.requests).toHaveLength(0);
  });

  it('keeps the other providers working', async () => {
    const { status } = await chat('other');
    expect(status).toBe(200);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.headers.authorization).toBe('Bearer sk-other-team-key-1234');
    expect(mock.requests.some((request) => request.headers.authorization?.includes(builtInKey))).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockAzure, type MockAzureServer } from './start-mock-azure.js';

const apiKey = 'azure-mock-key-0123456789';
let mock: MockAzureServer;

beforeAll(async () => {
  mock = await startMockAzure({ apiKey, deployments: ['chat-prod'] });
});

afterAll(async () => {
  await mock.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = { 'api-key': apiKey }) {
  const response = await fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

const chat = { messages: [{ role: 'user', content: 'Hi' }] };

describe('startMockAzure', () => {
  it('wants a dated api-version on the classic API and none on v1', async () => {
    expect((await post('/openai/deployments/chat-prod/chat/completions', chat)).status).toBe(404);
    expect((await post('/openai/deployments/chat-prod/chat/completions?api-version=v1', chat)).status).toBe(404);
    expect((await post('/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21', chat)).status).toBe(200);
    expect((await post('/openai/v1/chat/completions', { ...chat, model: 'chat-prod' })).status).toBe(200);
  });

  it("answers a wrong key with Azure's 401 body and an unknown deployment with DeploymentNotFound", async () => {
    const wrong = await post('/openai/v1/chat/completions', { ...chat, model: 'chat-prod' }, { 'api-key': 'azure-mock-key-0123456780' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text)).toMatchObject({ error: { code: '401', message: expect.stringContaining('Access denied') } });
    const bearer = await post('/openai/v1/chat/completions', { ...chat, model: 'chat-prod' }, { authorization: `Bearer ${apiKey}` });
    expect(bearer.status).toBe(401);
    const missing = await post('/openai/deployments/chat-dev/chat/completions?api-version=2024-10-21', chat);
    expect([missing.status, JSON.parse(missing.text).error.code]).toEqual([404, 'DeploymentNotFound']);
  });

  it('starts a stream with the prompt-filter chunk and annotates every choice', async () => {
    const { text } = await post('/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21', { ...chat, stream: true });
    const chunks = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map((event) => JSON.parse(event.slice('data: '.length)));
    expect(chunks[0]).toMatchObject({ choices: [], id: '', prompt_filter_results: [{ prompt_index: 0 }] });
    expect(chunks.slice(1).every((chunk) => chunk.choices[0].content_filter_results !== undefined)).toBe(true);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockAnthropic, type MockAnthropicServer } from './start-mock-anthropic.js';

const apiKey = 'sk-ant-mock-test';
let mock: MockAnthropicServer;

beforeEach(async () => {
  mock = await startMockAnthropic({ apiKey });
});
afterEach(async () => {
  await mock.close();
});

function post(path: string, body: unknown, headers: Record<string, string> = { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' }) {
  return fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const minimal = { model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };

describe('the mock Anthropic upstream', () => {
  it("answers a wrong x-api-key with Anthropic's 401 body and a missing anthropic-version with a 400", async () => {
    const denied = await post('/v1/messages', minimal, { 'x-api-key': 'sk-ant-mock-tesT', 'anthropic-version': '2023-06-01' });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    const unversioned = await post('/v1/messages', minimal, { 'x-api-key': apiKey });
    expect(unversioned.status).toBe(400);
    expect(await unversioned.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
  });

  it('answers a message as JSON and as SSE with event lines ending in message_stop', async () => {
    const whole = await post('/v1/messages', minimal);
    expect(await whole.json()).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-haiku-4-5', stop_reason: 'end_turn' });
    const streamed = await (await post('/v1/messages', { ...minimal, stream: true })).text();
    const names = [...streamed.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(names[0]).toBe('message_start');
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(names).toContain('ping');
  });

  it('gives the documented 400s for bodies gateways get wrong', async () => {
    const problems = [
      [{ ...minimal, max_tokens: undefined }, 'max_tokens: Field required'],
      [{ ...minimal, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }, 'text content blocks must be non-empty'],
      [{ ...minimal, messages: [{ role: 'system', content: 'x' }] }, "Input should be 'user' or 'assistant'"],
      [{ ...minimal, temperature: 1.5 }, 'temperature'],
      [
        {
          ...minimal,
          messages: [
            { role: 'user', content: 'x' },
            { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }] },
            { role: 'user', content: 'no result' },
          ],
        },
        '`tool_use` ids were found without `tool_result` blocks immediately after: toolu_1',
      ],
    ] as const;
    for (const [body, message] of problems) {
      const response = await post('/v1/messages', body);
      expect(response.status, message).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
  });

  it('counts tokens, refusing fields count_tokens does not take, and lists models by page', async () => {
    expect(await (await post('/v1/messages/count_tokens', { model: 'm', messages: [{ role: 'user', content: 'Hi' }] })).json()).toEqual({
      input_tokens: Math.ceil(JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }).length / 4),
    });
    const refused = await post('/v1/messages/count_tokens', minimal);
    expect(refused.status).toBe(400);
    const page = await fetch(`${mock.url}/v1/models?limit=2`, { headers: { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' } });
    expect(await page.json()).toMatchObject({
      has_more: true,
      first_id: 'claude-opus-4-5-20251101',
      last_id: 'claude-sonnet-4-5-20250929',
    });
  });
});

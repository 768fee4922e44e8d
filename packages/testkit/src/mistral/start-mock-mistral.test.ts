import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockMistral, type MockMistralServer } from './start-mock-mistral.js';

const apiKey = 'mistral-mock-key-0123456789';
let mock: MockMistralServer;

beforeAll(async () => {
  mock = await startMockMistral({ apiKey });
});

afterAll(async () => {
  await mock.close();
});

async function chat(body: unknown, key = apiKey) {
  const response = await fetch(`${mock.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const call = (id: string) => ({ id, type: 'function', function: { name: 'f', arguments: '{}' } });

describe('startMockMistral', () => {
  it('refuses fields Mistral does not know with its 422 body, and takes random_seed', async () => {
    const refused = await chat({
      model: 'm',
      messages: [{ role: 'user', content: 'Hi' }],
      seed: 1,
      stream_options: { include_usage: true },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      object: 'error',
      type: 'invalid_request_message_error',
      message: { detail: [{ type: 'extra_forbidden', loc: ['body', 'seed'] }, { loc: ['body', 'stream_options'] }] },
    });
    expect((await chat({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], random_seed: 1 })).status).toBe(200);
  });

  it('refuses tool-call ids that are not 9 letters and digits, and calls without their results', async () => {
    for (const id of ['call_abc12', 'abcdefgh', 'abcdefghij', 'abc_defgh']) {
      const refused = await chat({
        model: 'm',
        messages: [
          { role: 'assistant', content: '', tool_calls: [call(id)] },
          { role: 'tool', tool_call_id: id, content: 'x' },
        ],
      });
      expect([refused.status, refused.body.message]).toEqual([
        400,
        `Tool call id was ${id} but must be a-z, A-Z, 0-9, with a length of 9.`,
      ]);
    }
    const unpaired = await chat({
      model: 'm',
      messages: [
        { role: 'assistant', content: '', tool_calls: [call('abcdefghi'), call('abcdefghj')] },
        { role: 'tool', tool_call_id: 'abcdefghi', content: 'x' },
        { role: 'user', content: 'and?' },
      ],
    });
    expect(unpaired.status).toBe(400);
    const paired = await chat({
      model: 'm',
      messages: [
        { role: 'assistant', content: '', tool_calls: [call('abcdefghi')] },
        { role: 'tool', tool_call_id: 'abcdefghi', content: 'x' },
      ],
    });
    expect(paired.status).toBe(200);
  });

  it('answers a wrong key with 401 and gives its own tool-call ids', async () => {
    expect((await chat({ model: 'm', messages: [] }, 'mistral-mock-key-0123456780')).status).toBe(401);
    mock.enqueue({ type: 'tool-calls', calls: [{ name: 'f', input: '{}' }] });
    const { body } = await chat({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] });
    const [choice] = body.choices as { message: { tool_calls: { id: string }[] }; finish_reason: string }[];
    expect(choice?.message.tool_calls[0]?.id).toMatch(/^[a-zA-Z0-9]{9}$/);
    expect(choice?.finish_reason).toBe('tool_calls');
  });
});

import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockOpenAI, type MockOpenAIServer } from './start-mock-openai.js';

let mock: MockOpenAIServer;
let client: OpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
  client = new OpenAI({ apiKey: 'test', baseURL: mock.baseURL, maxRetries: 0 });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

describe('the mock OpenAI Responses API', () => {
  it('answers with a response object the SDK reads', async () => {
    mock.enqueue({ type: 'text', content: 'Hello from the mock.', usage: { promptTokens: 4, completionTokens: 5, cachedTokens: 1 } });
    const response = await client.responses.create({ model: 'gpt-4.1', input: 'Hi.', instructions: 'Be brief.' });
    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-4.1',
      instructions: 'Be brief.',
      usage: { input_tokens: 4, output_tokens: 5, total_tokens: 9, input_tokens_details: { cached_tokens: 1 } },
    });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output_text).toBe('Hello from the mock.');
    expect(mock.requests[0]).toMatchObject({ method: 'POST', path: '/v1/responses', scenario: 'text' });
  });

  it('streams the typed events in order, which the SDK assembles', async () => {
    mock.enqueue({ type: 'tool_calls', content: 'Let me check.', calls: [{ name: 'lookup', arguments: '{"q":"cats"}', id: 'call_1' }] });
    const stream = client.responses.stream({ model: 'gpt-4.1', input: 'Cats?' });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalResponse();
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(types).toContain('response.function_call_arguments.done');
    expect(final.output_text).toBe('Let me check.');
    expect(final.output.at(-1)).toMatchObject({ type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{"q":"cats"}' });
  });

  it('ends a failing stream with response.failed', async () => {
    mock.enqueue({ type: 'stream_error', afterChunks: 2 });
    const stream = await client.responses.create({ model: 'gpt-4.1', input: 'Fail.', stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual(['response.created', 'response.in_progress', 'response.failed']);
    expect(events.map((event) => event.sequence_number)).toEqual([0, 1, 2]);
  });

  it('needs an input', async () => {
    await expect(client.responses.create({ model: 'gpt-4.1' } as never)).rejects.toMatchObject({ status: 400, param: 'input' });
  });
});

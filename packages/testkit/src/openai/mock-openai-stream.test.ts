import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMockContent } from './mock-scenario.js';
import { startMockOpenAI, type MockOpenAIServer } from './start-mock-openai.js';

let mock: MockOpenAIServer;
let client: OpenAI;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeEach(async () => {
  mock = await startMockOpenAI();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: mock.baseURL, maxRetries: 0 });
});

afterEach(async () => {
  await mock.close();
});

/** The `data:` payloads of a raw SSE body, checking that every event is exactly `data: ...\n\n`. */
async function rawEvents(body: Record<string, unknown>): Promise<string[]> {
  const response = await fetch(`${mock.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages, stream: true, ...body }),
  });
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const text = await response.text();
  expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  const events = text.slice(0, -2).split('\n\n');
  for (const event of events) expect(event).toMatch(/^data: [^\n]+$/);
  return events.map((event) => event.slice('data: '.length));
}

describe('startMockOpenAI, stream wire format', () => {
  it('streams the default answer as 11 events: role, 8 fragments, finish, [DONE]', async () => {
    const events = await rawEvents({});
    expect(events).toHaveLength(11);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as Record<string, any>);
    expect(chunks[0]?.choices[0]).toEqual({
      index: 0,
      delta: { role: 'assistant', content: '', refusal: null },
      logprobs: null,
      finish_reason: null,
    });
    expect(chunks.map((chunk) => chunk.choices[0].delta.content ?? '').join('')).toBe(defaultMockContent);
    expect(chunks.at(-1)?.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.id === chunks[0]?.id)).toBe(true);
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('adds the usage-only chunk before [DONE] only with include_usage, and usage: null on the others', async () => {
    const events = await rawEvents({ stream_options: { include_usage: true } });
    expect(events).toHaveLength(12);
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as Record<string, any>);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ completion_tokens: 8, prompt_tokens_details: { cached_tokens: 0 } });
    expect(last?.usage.total_tokens).toBe(last?.usage.prompt_tokens + 8);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('is read by the SDK: content joins to the text and usage arrives last', async () => {
    mock.enqueue({ type: 'text', content: 'One two three four five', usage: { promptTokens: 9, completionTokens: 5 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4.1',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    const finishReasons: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) finishReasons.push(chunk.choices[0].finish_reason);
      if (chunk.usage) usage = chunk.usage;
      expect(chunk.model).toBe('gpt-4.1');
    }
    expect(content).toBe('One two three four five');
    expect(finishReasons).toEqual(['stop']);
    expect(usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 5, total_tokens: 14 });
  });

  it('streams parallel tool calls that the SDK helper reassembles exactly', async () => {
    const weather = '{"city": "Paris", "unit": "celsius", "days": [1, 2]}';
    const time = '{"timezone":"Europe/Paris"}';
    mock.enqueue({
      type: 'tool_calls',
      calls: [
        { name: 'get_weather', arguments: weather },
        { name: 'get_time', arguments: time },
      ],
    });
    const runner = client.chat.completions.stream({ model: 'gpt-4o-mini', messages });
    const deltas: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    runner.on('chunk', (chunk) => deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? [])));
    const completion = await runner.finalChatCompletion();
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(calls.map((call) => (call.type === 'function' ? [call.function.name, call.function.arguments] : []))).toEqual([
      ['get_weather', weather],
      ['get_time', time],
    ]);

    for (const index of [0, 1]) {
      const ofCall = deltas.filter((delta) => delta.index === index);
      expect(ofCall.length).toBeGreaterThan(2);
      expect(ofCall[0]).toEqual({
        index,
        id: calls[index]?.id,
        type: 'function',
        function: { name: index === 0 ? 'get_weather' : 'get_time', arguments: '' },
      });
      for (const later of ofCall.slice(1)) expect(Object.keys(later).sort()).toEqual(['function', 'index']);
      expect(ofCall.map((delta) => delta.function?.arguments ?? '').join('')).toBe(index === 0 ? weather : time);
    }
  });

  it('drops the connection after N chunks: the SDK fails and the request is not counted as aborted', async () => {
    mock.enqueue({ type: 'drop', afterChunks: 3, content: 'alpha beta gamma delta epsilon' });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    let content = '';
    const consume = async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    };
    await expect(consume()).rejects.toThrow();
    expect(content).toBe('alpha beta ');
    expect(mock.requests[0]?.aborted).toBe(false);
  });

  it('records a hanging request as aborted when the client gives up', async () => {
    mock.enqueue({ type: 'hang' });
    const controller = new AbortController();
    const pending = client.chat.completions.create({ model: 'gpt-4o-mini', messages }, { signal: controller.signal });
    await mock.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    const aborted = await mock.waitForAbort();
    expect(aborted.aborted).toBe(true);
    expect(aborted.scenario).toBe('hang');
  });

  it('hangs mid-stream after N chunks until the client aborts', async () => {
    mock.enqueue({ type: 'hang', afterChunks: 2 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }, { signal: controller.signal });
    let received = 0;
    const consume = async () => {
      for await (const chunk of stream) {
        received += 1;
        if (received === 2) controller.abort();
        void chunk;
      }
    };
    // The SDK ends the iteration quietly on abort; what matters is that no third chunk came.
    await consume().catch(() => undefined);
    expect(received).toBe(2);
    expect((await mock.waitForAbort()).path).toBe('/v1/chat/completions');
  });

  it('close() ends hanging connections', async () => {
    const pending = client.chat.completions.create({ model: 'mock-scenario:hang', messages }).then(
      () => 'answered',
      (error: unknown) => (error instanceof OpenAI.APIConnectionError ? 'connection error' : String(error)),
    );
    await mock.waitForRequests(1);
    await mock.close();
    expect(await pending).toBe('connection error');
    expect(mock.requests[0]?.aborted).toBe(false);
  });

  it('delays, then answers with the inner scenario', async () => {
    mock.enqueue({ type: 'delay', ms: 20, then: { type: 'text', content: 'late but fine' } });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(completion.choices[0]?.message.content).toBe('late but fine');
    expect(mock.requests[0]?.scenario).toBe('delay');
  });

  it('serves a malformed stream for mock-scenario:malformed', async () => {
    const stream = await client.chat.completions.create({ model: 'mock-scenario:malformed', messages, stream: true });
    const consume = async () => {
      for await (const chunk of stream) void chunk;
    };
    await expect(consume()).rejects.toThrow();
  });
});

import { mockEmbedding } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCohereGateway, type CohereGateway } from './test-fixtures/cohere-gateway.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

let harness: CohereGateway;
let client: OpenAI;

beforeAll(async () => {
  harness = await startCohereGateway();
  client = new OpenAI({ apiKey: testMasterKey, baseURL: `${harness.server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
});

const messages: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Weather in Lisbon and the time there?' },
];
const tools: OpenAI.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { timezone: { type: 'string' } } } } },
];
const parallelCalls = [
  { name: 'get_weather', input: '{"city":"Lisbon","unit":"celsius"}' },
  { name: 'get_time', input: '{"timezone": "Europe/Lisbon", "format": "24h"}' },
];

/** The last chat body the Cohere mock received. */
function lastChatBody(): Record<string, unknown> {
  const request = harness.upstream.requests.filter((each) => each.path === '/v2/chat').at(-1);
  return request?.body as Record<string, unknown>;
}

/** A streamed answer assembled the way SDK users do. */
async function collect(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  let content = '';
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  const finishes: string[] = [];
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      content += choice.delta.content ?? '';
      if (choice.finish_reason) finishes.push(choice.finish_reason);
      for (const call of choice.delta.tool_calls ?? []) {
        calls[call.index] ??= { arguments: '' };
        const target = calls[call.index]!;
        if (call.id) target.id = call.id;
        if (call.function?.name) target.name = call.function.name;
        target.arguments += call.function?.arguments ?? '';
      }
    }
  }
  return { content, calls, finishes, usage };
}

describe('chat through the gateway to Cohere, with the openai SDK', () => {
  it('answers a whole completion with usage from usage.tokens, having sent a Cohere v2 body', async () => {
    harness.upstream.enqueue({ type: 'text', text: 'Sunny, 24 °C.', usage: { inputTokens: 30, outputTokens: 8 } });
    const { data, response } = await client.chat.completions
      .create({ model: 'command', messages, temperature: 0.2, top_p: 0.5, max_tokens: 50, stop: ['END'], seed: 7 })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Sunny, 24 °C.');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage).toMatchObject({ prompt_tokens: 30, completion_tokens: 8, total_tokens: 38 });
    expect(response.headers.get('x-modelgate-deployment')).toBe('cohere/command-a-03-2025');
    expect(lastChatBody()).toEqual({
      model: 'command-a-03-2025',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Weather in Lisbon and the time there?' },
      ],
      temperature: 0.2,
      p: 0.5,
      max_tokens: 50,
      stop_sequences: ['END'],
      seed: 7,
    });
  });

  it('streams text, then the finish and the usage chunk when asked for', async () => {
    const text = 'Streaming from Cohere one fragment at a time.';
    harness.upstream.enqueue({ type: 'text', text, usage: { inputTokens: 13, outputTokens: 9 } });
    const stream = await client.chat.completions.create({
      model: 'command',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const result = await collect(stream);
    expect(result.content).toBe(text);
    expect(result.finishes).toEqual(['stop']);
    expect(result.usage).toMatchObject({ prompt_tokens: 13, completion_tokens: 9, total_tokens: 22 });
    expect(lastChatBody().stream).toBe(true);
  });

  it('returns two parallel tool calls with the tool plan as content, whole and streamed', async () => {
    harness.upstream.enqueue({ type: 'tool-calls', text: 'I will look up both.', calls: parallelCalls });
    const whole = await client.chat.completions.create({ model: 'command', messages, tools, tool_choice: 'required' });
    const message = whole.choices[0]!.message;
    expect(message.content).toBe('I will look up both.');
    expect(message.tool_calls?.map((call) => (call.type === 'function' ? [call.function.name, call.function.arguments] : []))).toEqual(
      parallelCalls.map((call) => [call.name, call.input]),
    );
    expect(new Set(message.tool_calls?.map((call) => call.id)).size).toBe(2);
    expect(whole.choices[0]?.finish_reason).toBe('tool_calls');
    expect(lastChatBody()).toMatchObject({
      tool_choice: 'REQUIRED',
      tools: [{ function: { name: 'get_weather' } }, { function: { name: 'get_time' } }],
    });

    harness.upstream.enqueue({ type: 'tool-calls', text: 'Looking.', calls: parallelCalls });
    const streamed = await collect(await client.chat.completions.create({ model: 'command', messages, tools, stream: true }));
    expect(streamed.content).toBe('Looking.');
    expect(streamed.calls.map((call) => [call.name, call.arguments])).toEqual(parallelCalls.map((call) => [call.name, call.input]));
    expect(streamed.calls.every((call) => call.id !== undefined && call.id.length > 0)).toBe(true);
    expect(new Set(streamed.calls.map((call) => call.id)).size).toBe(2);
    expect(streamed.finishes).toEqual(['tool_calls']);
  });

  it('sends a tool-result turn as an assistant turn with tool_calls and role:tool messages paired by tool_call_id', async () => {
    harness.upstream.enqueue({ type: 'text', text: 'It is 24 °C and 14:05 in Lisbon.' });
    const answer = await client.chat.completions.create({
      model: 'command',
      tools,
      messages: [
        ...messages,
        {
          role: 'assistant',
          content: 'I will look up both.',
          tool_calls: [
            { id: 'get_weather_k2j4', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lisbon"}' } },
            { id: 'get_time_p9q1', type: 'function', function: { name: 'get_time', arguments: '{"timezone":"Europe/Lisbon"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'get_weather_k2j4', content: '{"celsius":24}' },
        { role: 'tool', tool_call_id: 'get_time_p9q1', content: '14:05' },
      ],
    });
    expect(answer.choices[0]?.message.content).toBe('It is 24 °C and 14:05 in Lisbon.');
    expect((lastChatBody().messages as unknown[]).slice(2)).toEqual([
      {
        role: 'assistant',
        tool_plan: 'I will look up both.',
        tool_calls: [
          { id: 'get_weather_k2j4', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lisbon"}' } },
          { id: 'get_time_p9q1', type: 'function', function: { name: 'get_time', arguments: '{"timezone":"Europe/Lisbon"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'get_weather_k2j4', content: '{"celsius":24}' },
      { role: 'tool', tool_call_id: 'get_time_p9q1', content: '14:05' },
    ]);
  });

  it('ends a stream that fails midway with an error, never a normal finish', async () => {
    harness.upstream.enqueue({ type: 'drop', afterChunks: 3, text: 'This answer is cut off in the middle.' });
    const dropped = await collect(await client.chat.completions.create({ model: 'command', messages, stream: true })).catch(
      (error: unknown) => error,
    );
    expect(dropped).toBeInstanceOf(Error);
    expect((dropped as Error).message).toMatch(/cohere \(command-a-03-2025\)/i);

    const message = 'The generation was stopped by an internal error.';
    harness.upstream.enqueue({ type: 'stream-error', afterChunks: 3, message, text: 'Partial answer before the failure.' });
    const seen: string[] = [];
    const failed = await (async () => {
      for await (const chunk of await client.chat.completions.create({ model: 'command', messages, stream: true })) {
        for (const choice of chunk.choices) {
          seen.push(choice.delta.content ?? '');
          if (choice.finish_reason) seen.push(`finish:${choice.finish_reason}`);
        }
      }
    })().catch((error: unknown) => error);
    expect((failed as Error).message).toContain(message);
    expect(seen.join('')).toContain('Partial');
    expect(seen.some((entry) => entry.startsWith('finish:'))).toBe(false);
  });
});

describe('embeddings through the gateway to Cohere, with the openai SDK', () => {
  it('embeds as floats and as base64, with search_document by default and the input_type a client sends', async () => {
    const before = harness.upstream.requests.length;
    const floats = await client.embeddings.create({ model: 'embed', input: ['first text', 'second text'], encoding_format: 'float' });
    expect(floats.data.map((item) => item.embedding)).toEqual([mockEmbedding('first text', 1024), mockEmbedding('second text', 1024)]);
    expect(floats.usage).toMatchObject({ prompt_tokens: 4 });
    // The SDK asks for base64 by default and decodes it.
    const decoded = await client.embeddings.create({
      model: 'embed',
      input: 'a query',
      dimensions: 256,
      input_type: 'search_query',
    } as never);
    expect(decoded.data[0]?.embedding).toEqual(mockEmbedding('a query', 256));
    expect(harness.upstream.requests.slice(before).map((request) => request.body)).toEqual([
      { model: 'embed-english-v3.0', texts: ['first text', 'second text'], input_type: 'search_document', embedding_types: ['float'] },
      { model: 'embed-english-v3.0', texts: ['a query'], input_type: 'search_query', embedding_types: ['float'], output_dimension: 256 },
    ]);
  });
});

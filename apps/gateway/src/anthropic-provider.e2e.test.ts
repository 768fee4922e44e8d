import { parseConfig } from '@modelgate/core';
import { startMockAnthropic, type MockAnthropicServer } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

const upstreamKey = 'sk-ant-e2e-0123456789abcdef';
const modelId = 'claude-sonnet-4-5-20250929';
let mock: MockAnthropicServer;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockAnthropic({ apiKey: upstreamKey });
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'silent' },
      auth: { master_key: testMasterKey },
      providers: { claude: { type: 'anthropic', base_url: mock.url, api_key: upstreamKey } },
      models: [{ name: 'smart', deployments: [{ provider: 'claude', model: modelId }] }],
      router: { retries: 0, timeout_ms: 5000 },
    }),
    host: '127.0.0.1',
    port: 0,
  });
  client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

beforeEach(() => {
  mock.reset();
});

const messages = [{ role: 'user' as const, content: 'Hello?' }];
const tools = [
  {
    type: 'function' as const,
    function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
  },
  { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } },
];

describe('the gateway in front of Anthropic (type: anthropic), through the openai SDK', () => {
  it('answers a chat completion, with the cache counts inside the usage', async () => {
    mock.enqueue({
      type: 'text',
      text: 'Bonjour from Claude.',
      usage: { inputTokens: 1200, outputTokens: 9, cacheReadTokens: 1000, cacheWriteTokens: 150 },
    });
    const { data, response } = await client.chat.completions.create({ model: 'smart', messages }).withResponse();
    expect(data.choices[0]?.message.content).toBe('Bonjour from Claude.');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage).toMatchObject({
      prompt_tokens: 1200,
      completion_tokens: 9,
      total_tokens: 1209,
      prompt_tokens_details: { cached_tokens: 1000 },
    });
    expect(response.headers.get('x-modelgate-deployment')).toBe(`claude/${modelId}`);
    const upstream = mock.requests.at(-1)!;
    expect(upstream.path).toBe('/v1/messages');
    expect(upstream.headers['x-api-key']).toBe(upstreamKey);
    expect(upstream.headers.authorization).toBeUndefined();
    expect(upstream.body).toMatchObject({
      model: modelId,
      max_tokens: 64000,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello?' }] }],
    });
  });

  it('streams text, then the usage chunk when include_usage is asked', async () => {
    mock.enqueue({ type: 'text', text: 'Streaming from Claude works.', usage: { inputTokens: 30, outputTokens: 6, cacheReadTokens: 20 } });
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        content += choice.delta.content ?? '';
        if (choice.finish_reason) finish = choice.finish_reason;
      }
    }
    expect(content).toBe('Streaming from Claude works.');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({
      prompt_tokens: 30,
      completion_tokens: 6,
      total_tokens: 36,
      prompt_tokens_details: { cached_tokens: 20 },
    });
    expect(mock.requests.at(-1)?.body).toMatchObject({ stream: true });
  });

  it('streams two parallel tool calls with their own indexes 0 and 1, ids and exact arguments', async () => {
    const calls = [
      { name: 'get_weather', input: '{"city":"Paris","days":[1,2]}' },
      { name: 'get_time', input: '{"zone":"Europe/Paris"}' },
    ];
    mock.enqueue({ type: 'tool-calls', text: 'Looking both up.', calls });
    const stream = await client.chat.completions.create({ model: 'smart', messages, tools, stream: true });
    const assembled = new Map<number, { id?: string; name?: string; arguments: string }>();
    let finish: string | null = null;
    let content = '';
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        content += choice.delta.content ?? '';
        if (choice.finish_reason) finish = choice.finish_reason;
        for (const delta of choice.delta.tool_calls ?? []) {
          const call = assembled.get(delta.index) ?? { arguments: '' };
          if (delta.id) call.id = delta.id;
          if (delta.function?.name) call.name = delta.function.name;
          call.arguments += delta.function?.arguments ?? '';
          assembled.set(delta.index, call);
        }
      }
    }
    expect(content).toBe('Looking both up.');
    expect(finish).toBe('tool_calls');
    expect([...assembled.keys()].sort()).toEqual([0, 1]);
    expect(assembled.get(0)).toMatchObject({ name: 'get_weather', arguments: calls[0]!.input, id: expect.stringMatching(/^toolu_/) });
    expect(assembled.get(1)).toMatchObject({ name: 'get_time', arguments: calls[1]!.input, id: expect.stringMatching(/^toolu_/) });
    expect(assembled.get(0)?.id).not.toBe(assembled.get(1)?.id);
  });

  it('sends a tool-result turn as one user turn of tool_result blocks paired with the calls, no empty text block', async () => {
    mock.enqueue({ type: 'text', text: 'Paris is sunny at noon.' });
    const answer = await client.chat.completions.create({
      model: 'smart',
      tools,
      messages: [
        { role: 'user', content: 'Weather and time in Paris?' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: 'toolu_w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'toolu_t', type: 'function', function: { name: 'get_time', arguments: '{"zone":"Europe/Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_w', content: 'sunny' },
        { role: 'tool', tool_call_id: 'toolu_t', content: '12:00' },
      ],
    });
    expect(answer.choices[0]?.message.content).toBe('Paris is sunny at noon.');
    const sent = mock.requests.at(-1)?.body as { messages: { role: string; content: unknown[] }[] };
    expect(sent.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent.messages[1]?.content).toEqual([
      { type: 'tool_use', id: 'toolu_w', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_t', name: 'get_time', input: { zone: 'Europe/Paris' } },
    ]);
    expect(sent.messages[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_w', content: 'sunny' },
      { type: 'tool_result', tool_use_id: 'toolu_t', content: '12:00' },
    ]);
  });

  it('ends the client stream with an error when the upstream fails mid-stream', async () => {
    mock.enqueue({ type: 'stream-error', afterChunks: 4, message: 'Overloaded mid-answer.', text: 'This answer stops in the middle.' });
    const stream = await client.chat.completions.create({ model: 'smart', messages, stream: true });
    let content = '';
    const outcome = await (async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
      return 'finished normally';
    })().catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toContain('Overloaded mid-answer.');
    expect(content.length).toBeGreaterThan(0);
  });
});

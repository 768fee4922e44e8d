import Anthropic from '@anthropic-ai/sdk';
import { parseConfig } from '@modelgate/core';
import { startMockAnthropic, type MockAnthropicServer } from '@modelgate/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

const upstreamKey = 'sk-ant-native-0123456789abcdef';
let mock: MockAnthropicServer;
let server: RunningServer;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMockAnthropic({ apiKey: upstreamKey });
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'silent' },
      auth: { master_key: testMasterKey },
      providers: { claude: { type: 'anthropic', base_url: mock.url, api_key: upstreamKey } },
      models: [{ name: 'claude', deployments: [{ provider: 'claude', model: 'claude-sonnet-4-5-20250929' }] }],
      router: { retries: 0, timeout_ms: 5000 },
    }),
    host: '127.0.0.1',
    port: 0,
  });
  client = new Anthropic({ apiKey: testMasterKey, baseURL: server.url, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

beforeEach(() => mock.reset());

describe('/v1/messages in front of the Anthropic plugin: forwarded natively', () => {
  it('sends the client body upstream untouched but for the model and the key, and answers the upstream message', async () => {
    mock.enqueue({
      type: 'message',
      message: {
        content: [
          { type: 'thinking', thinking: 'Paris is the capital.', signature: 'sig-abc' },
          { type: 'redacted_thinking', data: 'opaque-redacted' },
          { type: 'text', text: 'Paris.' },
        ],
        stopReason: 'end_turn',
        usage: { input_tokens: 20, cache_creation_input_tokens: 5, cache_read_input_tokens: 100, output_tokens: 7 },
      },
    });
    const body = {
      model: 'claude',
      max_tokens: 2048,
      thinking: { type: 'enabled' as const, budget_tokens: 1024 },
      system: [{ type: 'text' as const, text: 'Be brief.', cache_control: { type: 'ephemeral' as const } }],
      messages: [{ role: 'user' as const, content: 'Capital of France?' }],
      metadata: { user_id: 'user-42' },
    };
    const message = await client.messages.create(body);
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Paris is the capital.', signature: 'sig-abc' },
      { type: 'redacted_thinking', data: 'opaque-redacted' },
      { type: 'text', text: 'Paris.' },
    ]);
    expect(message.usage).toMatchObject({
      input_tokens: 20,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 5,
      output_tokens: 7,
    });
    const sent = mock.requests.at(-1)!;
    expect(sent.headers['x-api-key']).toBe(upstreamKey);
    expect(sent.body).toEqual({ ...body, model: 'claude-sonnet-4-5-20250929' });
  });

  it('streams the upstream events as they came, and the thinking round-trips on the next turn', async () => {
    mock.enqueue({
      type: 'message',
      message: {
        content: [
          { type: 'thinking', thinking: 'Two tools at once.', signature: 'sig-two' },
          { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: '{"city":"Lisbon"}' },
          { type: 'tool_use', id: 'toolu_02', name: 'get_time', input: '{"zone":"Europe/Lisbon"}' },
        ],
        stopReason: 'tool_use',
        usage: { input_tokens: 30, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 12 },
      },
    });
    const tools = [
      { name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } },
      { name: 'get_time', input_schema: { type: 'object' as const, properties: { zone: { type: 'string' } } } },
    ];
    const stream = client.messages.stream({
      model: 'claude',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools,
      messages: [{ role: 'user', content: 'Weather and time in Lisbon?' }],
    });
    const events: string[] = [];
    stream.on('streamEvent', (event) => events.push(event.type));
    const final = await stream.finalMessage();
    expect(events[0]).toBe('message_start');
    expect(events.at(-1)).toBe('message_stop');
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toEqual([
      { type: 'thinking', thinking: 'Two tools at once.', signature: 'sig-two' },
      { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Lisbon' } },
      { type: 'tool_use', id: 'toolu_02', name: 'get_time', input: { zone: 'Europe/Lisbon' } },
    ]);

    mock.enqueue({ type: 'text', text: 'Sunny, 14:00.' });
    const next = await client.messages.create({
      model: 'claude',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools,
      messages: [
        { role: 'user', content: 'Weather and time in Lisbon?' },
        { role: 'assistant', content: final.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01', content: 'sunny' },
            { type: 'tool_result', tool_use_id: 'toolu_02', content: '14:00' },
          ],
        },
      ],
    });
    expect(next.content).toEqual([{ type: 'text', text: 'Sunny, 14:00.' }]);
    const sent = mock.requests.at(-1)!.body as { messages: { content: unknown }[] };
    expect(sent.messages[1]!.content).toEqual([
      { type: 'thinking', thinking: 'Two tools at once.', signature: 'sig-two' },
      { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Lisbon' } },
      { type: 'tool_use', id: 'toolu_02', name: 'get_time', input: { zone: 'Europe/Lisbon' } },
    ]);
  });

  it('ends a stream that fails upstream with an error event, never message_stop', async () => {
    mock.enqueue({ type: 'stream-error', afterChunks: 2, message: 'Overloaded in the middle.' });
    const stream = client.messages.stream({ model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Go.' }] });
    const events: string[] = [];
    stream.on('streamEvent', (event) => events.push(event.type));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(events).not.toContain('message_stop');
  });

  it('counts tokens with the upstream counter', async () => {
    const response = await client.messages.countTokens({
      model: 'claude',
      messages: [{ role: 'user', content: 'Count these words please.' }],
    });
    expect(response.input_tokens).toBeGreaterThan(0);
    expect(mock.requests.at(-1)!.path).toBe('/v1/messages/count_tokens');
  });

  it("passes the client's anthropic-beta flags on: messages, streams (the SDK's betas too) and token counts", async () => {
    mock.enqueue({ type: 'text', text: 'With a beta.' });
    await client.messages.create(
      { model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'anthropic-beta': 'context-1m-2025-08-07' } },
    );
    expect(mock.requests.at(-1)!.headers['anthropic-beta']).toBe('context-1m-2025-08-07');

    mock.enqueue({ type: 'text', text: 'Streamed with two betas.' });
    const stream = client.beta.messages.stream({
      model: 'claude',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
      betas: ['interleaved-thinking-2025-05-14', 'fine-grained-tool-streaming-2025-05-14'],
    });
    expect((await stream.finalMessage()).content).toEqual([{ type: 'text', text: 'Streamed with two betas.' }]);
    expect(mock.requests.at(-1)!.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14');

    await client.beta.messages.countTokens({
      model: 'claude',
      messages: [{ role: 'user', content: 'Hi' }],
      betas: ['token-counting-2024-11-01'],
    });
    expect(mock.requests.at(-1)!.path).toBe('/v1/messages/count_tokens');
    expect(mock.requests.at(-1)!.headers['anthropic-beta']).toBe('token-counting-2024-11-01');

    // No flags asked for, none configured: no header.
    mock.enqueue({ type: 'text', text: 'Plain.' });
    await client.messages.create({ model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    expect(mock.requests.at(-1)!.headers['anthropic-beta']).toBeUndefined();
  });

  it('cancels the upstream call when the client goes away mid-stream', async () => {
    mock.enqueue({ type: 'hang', afterChunks: 3 });
    const controller = new AbortController();
    const stream = client.messages.stream(
      { model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Go.' }] },
      { signal: controller.signal },
    );
    const ended = stream.done().then(
      () => undefined,
      (error: unknown) => error,
    );
    await new Promise<void>((resolve) => stream.on('text', () => resolve()));
    controller.abort();
    const aborted = await mock.waitForAbort();
    expect(aborted.path).toBe('/v1/messages');
    expect(await ended).toBeInstanceOf(Anthropic.APIUserAbortError);
  });
});

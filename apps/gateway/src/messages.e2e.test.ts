import Anthropic from '@anthropic-ai/sdk';
import { decodeAnthropicCountTokensRequest, parseConfig } from '@modelgate/core';
import { defaultMockContent, defaultMockToolCalls, startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import {
  anthropicScriptedCalls,
  anthropicScriptedProviderPlugin,
  nativeEvents,
  nativeMessage,
} from './test-fixtures/anthropic-scripted-provider.js';
import { mockGatewayConfig, testMasterKey } from './test-fixtures/mock-gateway.js';
import { estimateInputTokens } from './tokens/estimate-input-tokens.js';

let mock: MockOpenAIServer;
let server: RunningServer;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMockOpenAI();
  const config = mockGatewayConfig(mock);
  server = await startServer({
    config: parseConfig({
      ...config,
      providers: { ...config.providers, scripted: { type: 'anthropic-scripted' } },
      models: [
        ...(config.models ?? []),
        { name: 'claude-native', deployments: [{ provider: 'scripted', model: 'native' }] },
        { name: 'thinker', deployments: [{ provider: 'scripted', model: 'thinker' }] },
      ],
    }),
    host: '127.0.0.1',
    port: 0,
    plugins: [anthropicScriptedProviderPlugin],
  });
  client = new Anthropic({ apiKey: testMasterKey, baseURL: server.url, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

beforeEach(() => {
  mock.reset();
  anthropicScriptedCalls.native.length = 0;
  anthropicScriptedCalls.canonical.length = 0;
  anthropicScriptedCalls.counted.length = 0;
});

/** The events of a raw streamed answer, as sent. */
async function rawEvents(body: Record<string, unknown>): Promise<{ status: number; events: Array<{ event: string; data: string }> }> {
  const response = await fetch(`${server.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': testMasterKey, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ ...body, stream: true }),
  });
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => {
      const lines = chunk.split('\n');
      return { event: lines[0]!.replace(/^event: /, ''), data: lines[1]!.replace(/^data: /, '') };
    });
  return { status: response.status, events };
}

describe('/v1/messages in front of an OpenAI-compatible backend, through @anthropic-ai/sdk', () => {
  it('answers messages.create with an Anthropic message, usage without the cached tokens in input_tokens', async () => {
    mock.enqueue({ type: 'text', content: defaultMockContent, usage: { promptTokens: 20, completionTokens: 8, cachedTokens: 12 } });
    const { data: message, response } = await client.messages
      .create({
        model: 'smart',
        max_tokens: 64,
        system: 'Be brief.',
        stop_sequences: ['END'],
        metadata: { user_id: 'user-1' },
        messages: [{ role: 'user', content: 'Hello?' }],
      })
      .withResponse();
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.id).toMatch(/^msg_/);
    expect(message.model).toBe('gpt-4o-mini');
    expect(message.content).toEqual([{ type: 'text', text: defaultMockContent }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.stop_sequence).toBeNull();
    expect(message.usage).toEqual({ input_tokens: 8, output_tokens: 8, cache_read_input_tokens: 12, cache_creation_input_tokens: 0 });
    expect(response.headers.get('request-id')).toBe(response.headers.get('x-request-id'));
    const upstream = mock.requests[0]!.body as Record<string, unknown>;
    expect(upstream.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello?' },
    ]);
    expect(upstream).toMatchObject({ stop: ['END'], user: 'user-1' });
    expect(upstream.max_completion_tokens ?? upstream.max_tokens).toBe(64);
  });

  it('streams two parallel tool_use blocks whose input_json_delta fragments assemble into the full inputs', async () => {
    mock.enqueue({ type: 'tool_calls', calls: defaultMockToolCalls });
    const stream = client.messages.stream({
      model: 'smart',
      max_tokens: 64,
      tools: [
        { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } } } },
        { name: 'get_time', input_schema: { type: 'object', properties: { timezone: { type: 'string' } } } },
      ],
      messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
    });
    const fragments: string[] = [];
    stream.on('inputJson', (fragment) => fragments.push(fragment));
    const message = await stream.finalMessage();
    const toolUses = message.content.filter((block) => block.type === 'tool_use');
    expect(toolUses.map((block) => ({ name: block.name, input: block.input }))).toEqual(
      defaultMockToolCalls.map((call) => ({ name: call.name, input: JSON.parse(call.arguments) })),
    );
    expect(new Set(toolUses.map((block) => block.id)).size).toBe(2);
    expect(fragments.length).toBeGreaterThan(2);
    expect(fragments.join('')).toBe(defaultMockToolCalls.map((call) => call.arguments).join(''));
    expect(message.stop_reason).toBe('tool_use');
    expect((mock.requests[0]!.body as Record<string, unknown>).stream_options).toEqual({ include_usage: true });
  });

  it('sends the exact event sequence: message_start, ping, blocks, message_delta, message_stop', async () => {
    mock.enqueue({ type: 'text', content: 'One two three.' });
    const { status, events } = await rawEvents({ model: 'smart', max_tokens: 16, messages: [{ role: 'user', content: 'Count.' }] });
    expect(status).toBe(200);
    const names = events.map((event) => event.event);
    expect(names.slice(0, 3)).toEqual(['message_start', 'ping', 'content_block_start']);
    expect(names.slice(-4)).toEqual(['content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    const text = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => (JSON.parse(event.data) as { delta: { text: string } }).delta.text)
      .join('');
    expect(text).toBe('One two three.');
    const delta = JSON.parse(events.at(-2)!.data) as {
      delta: { stop_reason: string };
      usage: { output_tokens: number; input_tokens: number };
    };
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage.output_tokens).toBeGreaterThan(0);
    expect(delta.usage.input_tokens).toBeGreaterThan(0);
  });

  it('sends a tool-result turn to the backend as the assistant call and its tool message', async () => {
    mock.enqueue({ type: 'text', content: 'It is sunny.' });
    const message = await client.messages.create({
      model: 'smart',
      max_tokens: 64,
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01', content: [{ type: 'text', text: 'Sunny, 21°C' }] },
            { type: 'text', text: 'Summarise.' },
          ],
        },
      ],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'It is sunny.' }]);
    const upstream = mock.requests[0]!.body as { messages: unknown[] };
    expect(upstream.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      { role: 'tool', tool_call_id: 'toolu_01', content: 'Sunny, 21°C' },
      { role: 'user', content: 'Summarise.' },
    ]);
  });

  it('surfaces a mid-stream failure as an error, never as a normal end', async () => {
    for (const scenario of [
      { type: 'drop' as const, afterChunks: 2 },
      { type: 'stream_error' as const, afterChunks: 2 },
    ]) {
      mock.enqueue(scenario);
      const stream = client.messages.stream({ model: 'smart', max_tokens: 64, messages: [{ role: 'user', content: 'Go.' }] });
      const failure = await stream.finalMessage().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Anthropic.APIError);
      mock.enqueue(scenario);
      const { events } = await rawEvents({ model: 'smart', max_tokens: 64, messages: [{ role: 'user', content: 'Go.' }] });
      expect(events.at(-1)!.event).toBe('error');
      expect(JSON.parse(events.at(-1)!.data)).toMatchObject({
        type: 'error',
        error: { type: expect.any(String), message: expect.any(String) },
      });
      expect(events.some((event) => event.event === 'message_stop' || event.event === 'message_delta')).toBe(false);
    }
  });

  it('refuses a wrong key of the right length with authentication_error, through the SDK error class', async () => {
    const wrongKey = testMasterKey.slice(0, -1) + (testMasterKey.endsWith('x') ? 'y' : 'x');
    const wrong = new Anthropic({ apiKey: wrongKey, baseURL: server.url, maxRetries: 0 });
    const error = await wrong.messages
      .create({ model: 'smart', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(mock.requests).toHaveLength(0);
  });

  it('accepts the key as x-api-key under any anthropic-version', async () => {
    for (const version of ['2023-06-01', '2026-10-21', 'some-future-version']) {
      const response = await fetch(`${server.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': testMasterKey, 'anthropic-version': version },
        body: JSON.stringify({ model: 'smart', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { type: string }).type).toBe('message');
    }
  });

  it('answers validation errors, unknown models, upstream failures and big bodies in Anthropic’s shape', async () => {
    const bad = await client.messages
      .create({ model: 'smart', messages: [{ role: 'user', content: 'Hi' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((caught) => caught);
    expect(bad).toBeInstanceOf(Anthropic.BadRequestError);
    expect(bad.error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
    });
    expect(bad.error.request_id).toBe(bad.requestID);

    const unknown = await client.messages
      .create({ model: 'no-such-model', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught) => caught);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect(unknown.error.error.type).toBe('not_found_error');

    mock.enqueue({ type: 'error', status: 400 });
    const upstream = await client.messages
      .create({ model: 'smart', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught) => caught);
    expect(upstream).toBeInstanceOf(Anthropic.BadRequestError);
    expect(upstream.error.error.type).toBe('invalid_request_error');

    const huge = await client.messages
      .create({ model: 'smart', max_tokens: 8, messages: [{ role: 'user', content: 'x'.repeat(100 * 1024) }] })
      .catch((caught) => caught);
    expect(huge.status).toBe(413);
    expect(huge.error.error.type).toBe('request_too_large');

    const serverTool = await client.messages
      .create({
        model: 'smart',
        max_tokens: 8,
        tools: [{ type: 'web_search_20250305', name: 'web_search' }],
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .catch((caught) => caught);
    expect(serverTool).toBeInstanceOf(Anthropic.BadRequestError);
    expect(serverTool.error.error.message).toContain('web_search_20250305');
    expect(mock.requests).toHaveLength(1);
  });

  it('cancels the upstream call when the client goes away mid-stream', async () => {
    mock.enqueue({ type: 'slow', content: defaultMockContent, intervalMs: 200 });
    const controller = new AbortController();
    const stream = client.messages.stream(
      { model: 'smart', max_tokens: 64, messages: [{ role: 'user', content: 'Go.' }] },
      { signal: controller.signal },
    );
    const ended = stream.done().then(
      () => undefined,
      (error: unknown) => error,
    );
    await new Promise<void>((resolve) => stream.on('text', () => resolve()));
    controller.abort();
    const aborted = await mock.waitForAbort();
    expect(aborted.path).toBe('/v1/chat/completions');
    expect(await ended).toBeInstanceOf(Anthropic.APIUserAbortError);
  });

  it('answers count_tokens with a labelled tokenizer estimate when the provider has no counter', async () => {
    const body = {
      model: 'smart',
      system: 'You are a weather bot.',
      tools: [
        {
          name: 'get_weather',
          description: 'Weather for a city',
          input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } },
        },
      ],
      messages: [{ role: 'user' as const, content: 'What is the weather in Paris today?' }],
    };
    const { data, response } = await client.messages.countTokens(body).withResponse();
    expect(data.input_tokens).toBe(await estimateInputTokens(decodeAnthropicCountTokensRequest(body).request));
    expect(data.input_tokens).toBeGreaterThan(20);
    expect(response.headers.get('x-modelgate-token-count')).toBe('estimate');
    expect(mock.requests).toHaveLength(0);
  });
});

describe('/v1/messages with a provider of its own', () => {
  it('forwards the body untouched to a native path and passes its answer through', async () => {
    const body = {
      model: 'claude-native',
      max_tokens: 128,
      system: [{ type: 'text', text: 'Cached system.', cache_control: { type: 'ephemeral' } }],
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 1 }],
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      messages: [{ role: 'user', content: 'Hi' }],
    };
    const response = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${testMasterKey}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(JSON.stringify(nativeMessage));
    expect(anthropicScriptedCalls.native).toEqual([{ format: 'anthropic-messages', body }]);
    expect(anthropicScriptedCalls.canonical).toHaveLength(0);
  });

  it('passes native stream events through as they came, and the SDK assembles them', async () => {
    const { events } = await rawEvents({ model: 'claude-native', max_tokens: 32, messages: [{ role: 'user', content: 'Hi' }] });
    expect(events).toEqual(nativeEvents);
    expect(anthropicScriptedCalls.native[0]!.body).toEqual({
      model: 'claude-native',
      max_tokens: 32,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    const message = await client.messages
      .stream({ model: 'claude-native', max_tokens: 32, messages: [{ role: 'user', content: 'Hi' }] })
      .finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'Forwarded as sent.' }]);
    expect(message.id).toBe(nativeMessage.id);
  });

  it('answers count_tokens with the provider’s own count', async () => {
    const { data, response } = await client.messages
      .countTokens({ model: 'claude-native', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(data.input_tokens).toBe(4242);
    expect(response.headers.get('x-modelgate-token-count')).toBe('provider');
    expect(anthropicScriptedCalls.counted[0]!.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('round-trips signed thinking and redacted thinking from a canonical backend', async () => {
    const created = await client.messages.create({
      model: 'thinker',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    const streamed = await client.messages
      .stream({
        model: 'thinker',
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      })
      .finalMessage();
    const expected = [
      { type: 'thinking', thinking: 'The user wants the weather.', signature: 'sig-thinker' },
      { type: 'redacted_thinking', data: 'redacted-blob' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_thinker', name: 'get_weather', input: { city: 'Paris' } },
    ];
    for (const message of [created, streamed]) {
      expect(message.content).toEqual(expected);
      expect(message.stop_reason).toBe('tool_use');
      expect(message.usage).toMatchObject({
        input_tokens: 10,
        cache_creation_input_tokens: 20,
        cache_read_input_tokens: 0,
        output_tokens: 9,
      });
    }
    expect(anthropicScriptedCalls.canonical[0]!.reasoning).toEqual({ budgetTokens: 2048 });

    await client.messages.create({
      model: 'thinker',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: streamed.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_thinker', content: 'Sunny' }] },
      ],
    });
    expect(anthropicScriptedCalls.canonical[2]!.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user wants the weather.', signature: 'sig-thinker' },
        { type: 'reasoning', text: '', redactedData: 'redacted-blob' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', toolCallId: 'toolu_thinker', toolName: 'get_weather', input: '{"city":"Paris"}' },
      ],
    });
  });
});

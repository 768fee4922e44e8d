import type { ChatMessageV1, ChatRequestV1 } from '@modelgate/core';
import { collectStreamParts, startMockMistral, streamedToolCalls, streamPartProblems, type MockMistralServer } from '@modelgate/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MistralProvider } from './mistral-provider.js';

/** The twelve known translation bugs of gateways (provider-formats §12), against the Mistral mock (which refuses what Mistral refuses). */
const apiKey = 'mistral-known-bugs-key-0123456789';
const user = (text: string): ChatMessageV1 => ({ role: 'user', content: [{ type: 'text', text }] });
const tool = { type: 'function' as const, name: 'get_weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } };

let mock: MockMistralServer;
let provider: MistralProvider;

beforeAll(async () => {
  mock = await startMockMistral({ apiKey });
  provider = new MistralProvider({ baseURL: mock.baseURL, apiKey, environment: {} });
});

afterAll(async () => {
  await provider.close();
  await mock.close();
});

const model = () => provider.chat('mistral-small-latest');
const sent = () => mock.requests.at(-1)?.body as Record<string, unknown>;
const ask = (overrides: Partial<ChatRequestV1> = {}): ChatRequestV1 => ({ model: 'alias', messages: [user('Go.')], ...overrides });
const history = (ids: [string, string]): ChatMessageV1[] => [
  user('Two cities.'),
  {
    role: 'assistant',
    content: [
      { type: 'text', text: '' },
      { type: 'tool-call', toolCallId: ids[0], toolName: 'get_weather', input: '{"city":"Oslo"}' },
      { type: 'tool-call', toolCallId: ids[1], toolName: 'get_weather', input: '{"city":"Lima"}' },
    ],
  },
  {
    role: 'tool',
    content: [
      { type: 'tool-result', toolCallId: ids[0], output: { type: 'text', value: '-3 C' } },
      { type: 'tool-result', toolCallId: ids[1], output: { type: 'text', value: '19 C' } },
    ],
  },
];

describe('Mistral and the twelve known translation bugs', () => {
  it('#1 and #2 parallel calls sent whole in one delta become two calls with their own ids, names and inputs', async () => {
    mock.enqueue({
      type: 'tool-calls',
      text: 'Both.',
      calls: [
        { name: 'get_weather', input: '{"city":"Oslo"}' },
        { name: 'get_time', input: '{"tz":"CET"}' },
      ],
    });
    const collected = await collectStreamParts((await model().stream(ask({ tools: [tool] }), {})).parts);
    expect(streamPartProblems(collected.parts)).toEqual([]);
    const calls = streamedToolCalls(collected.parts);
    expect(calls.map((call) => [call.toolName, call.input])).toEqual([
      ['get_weather', '{"city":"Oslo"}'],
      ['get_time', '{"tz":"CET"}'],
    ]);
    expect(new Set(calls.map((call) => call.toolCallId)).size).toBe(2);
    expect(collected.parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' } });
  });

  it('#3 the usage on the last content chunk is read, without sending stream_options', async () => {
    mock.enqueue({ type: 'text', text: 'Counted.', usage: { inputTokens: 21, outputTokens: 4 } });
    const collected = await collectStreamParts((await model().stream(ask(), {})).parts);
    expect(sent()).not.toHaveProperty('stream_options');
    expect(collected.parts.at(-1)).toMatchObject({ type: 'finish', usage: { inputTokens: 21, outputTokens: 4, totalTokens: 25 } });
  });

  it('#4 the usage means what the canonical model says: total = input + output', async () => {
    mock.enqueue({ type: 'text', text: 'Counted.', usage: { inputTokens: 9, outputTokens: 2 } });
    expect((await model().generate(ask(), {})).response.usage).toEqual({ inputTokens: 9, outputTokens: 2, totalTokens: 11 });
  });

  it('#5 several system messages, one mid-conversation, are sent in place', async () => {
    const system = (text: string): ChatMessageV1 => ({ role: 'system', content: [{ type: 'text', text }] });
    await model().generate(ask({ messages: [system('Be terse.'), user('Hi.'), system('Be formal.'), user('Again.')] }), {});
    expect((sent().messages as { role: string }[]).map((message) => message.role)).toEqual(['system', 'user', 'system', 'user']);
  });

  it('#6 parallel tool results follow their calls, one tool message each, with the same ids (the mock checks the pairing)', async () => {
    const { response } = await model().generate(ask({ tools: [tool], messages: history(['call_Oslo_123456', 'call_Lima_123456']) }), {});
    expect(response.content.length).toBeGreaterThan(0);
    const messages = sent().messages as Record<string, unknown>[];
    const callIds = (messages[1]!.tool_calls as { id: string }[]).map((call) => call.id);
    expect(messages.slice(2).map((message) => message.tool_call_id)).toEqual(callIds);
  });

  it('#7 required becomes any, none keeps the tools, and the parallel flag never invents a tool choice', async () => {
    await model().generate(ask({ tools: [tool], toolChoice: { type: 'required' } }), {});
    expect(sent().tool_choice).toBe('any');
    await model().generate(ask({ tools: [tool], toolChoice: { type: 'none' }, messages: history(['aaaaaaaa1', 'aaaaaaaa2']) }), {});
    expect(sent()).toMatchObject({ tool_choice: 'none', tools: [{ type: 'function' }] });
    await model().generate(ask({ tools: [tool], parallelToolCalls: false }), {});
    expect(sent()).toMatchObject({ parallel_tool_calls: false });
    expect(sent()).not.toHaveProperty('tool_choice');
  });

  it('#8 an image URL goes as a URL, not downloaded', async () => {
    await model().generate(
      ask({
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' }, mediaType: 'image/png' }],
          },
        ],
      }),
      {},
    );
    expect((sent().messages as { content: unknown }[])[0]?.content).toEqual([
      { type: 'image_url', image_url: 'https://example.com/cat.png' },
    ]);
  });

  it('#9 JSON schemas use the native response_format and finish as stop', async () => {
    mock.enqueue({ type: 'text', text: '{"name":"Oslo"}' });
    const { response } = await model().generate(
      ask({ responseFormat: { type: 'json-schema', name: 'city', schema: { type: 'object' }, strict: true } }),
      {},
    );
    expect(sent().response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'city', schema: { type: 'object' }, strict: true },
    });
    expect(response.content).toEqual([{ type: 'text', text: '{"name":"Oslo"}' }]);
    expect(response.finishReason.unified).toBe('stop');
  });

  it("#10 Mistral's own reasons never leak: model_length is length, the raw value kept", async () => {
    mock.enqueue({ type: 'finish', text: 'Out of room', finishReason: 'model_length' });
    const collected = await collectStreamParts((await model().stream(ask(), {})).parts);
    expect(collected.parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'length', raw: 'model_length' } });
  });

  it('#11 an assistant turn with only tool calls sends content "" and no empty text chunk', async () => {
    await model().generate(ask({ tools: [tool], messages: history(['bbbbbbbb1', 'bbbbbbbb2']) }), {});
    const assistant = (sent().messages as Record<string, unknown>[])[1];
    expect(assistant?.content).toBe('');
  });

  it('#12 ids from other providers are made valid for Mistral (9 letters and digits), each distinct', async () => {
    await model().generate(ask({ tools: [tool], messages: history(['toolu_01A09q90qw90lq917835lq9', 'functions.get_weather:0']) }), {});
    const messages = sent().messages as Record<string, unknown>[];
    const ids = (messages[1]!.tool_calls as { id: string }[]).map((call) => call.id);
    expect(ids.every((id) => /^[a-zA-Z0-9]{9}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(2);
  });
});

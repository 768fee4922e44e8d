import type { ChatMessageV1, ChatRequestV1 } from '@modelgate/core';
import { collectStreamParts, startMockAzure, streamedToolCalls, streamPartProblems, type MockAzureServer } from '@modelgate/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureOpenAIProvider } from './azure-openai-provider.js';

/** The twelve known translation bugs of gateways (provider-formats §12), as they apply to Azure's OpenAI wire. */
const apiKey = 'azure-known-bugs-key-0123456789';
const user = (text: string): ChatMessageV1 => ({ role: 'user', content: [{ type: 'text', text }] });
const tool = { type: 'function' as const, name: 'get_weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } };

let mock: MockAzureServer;
let provider: AzureOpenAIProvider;

beforeAll(async () => {
  mock = await startMockAzure({ apiKey });
  provider = new AzureOpenAIProvider({ baseURL: mock.url, apiKey, apiVersion: '2024-10-21', environment: {} });
});

afterAll(async () => {
  await provider.close();
  await mock.close();
});

const model = () => provider.chat('chat-prod');
const sent = () => mock.requests.at(-1)?.body as Record<string, unknown>;
const ask = (overrides: Partial<ChatRequestV1> = {}): ChatRequestV1 => ({ model: 'alias', messages: [user('Go.')], ...overrides });

function sse(chunks: unknown[]): string {
  return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
}

const envelope = { id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini' };

describe('Azure and the twelve known translation bugs', () => {
  it('#1 parallel tool calls in a stream keep their own index, id and name', async () => {
    mock.enqueue({
      type: 'tool_calls',
      calls: [
        { name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { name: 'get_time', arguments: '{"tz":"UTC"}' },
      ],
    });
    const collected = await collectStreamParts((await model().stream(ask({ tools: [tool] }), {})).parts);
    expect(streamPartProblems(collected.parts)).toEqual([]);
    expect(streamedToolCalls(collected.parts).map((call) => [call.toolName, call.input])).toEqual([
      ['get_weather', '{"city":"Oslo"}'],
      ['get_time', '{"tz":"UTC"}'],
    ]);
  });

  it('#2 interleaved tool deltas of two calls are kept apart by their upstream index', async () => {
    const call = (index: number, fields: Record<string, unknown>) => ({
      ...envelope,
      choices: [{ index: 0, delta: { tool_calls: [{ index, ...fields }] }, finish_reason: null }],
    });
    mock.enqueue({
      type: 'raw',
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: sse([
        call(0, { id: 'call_a', type: 'function', function: { name: 'first', arguments: '{"a"' } }),
        call(1, { id: 'call_b', type: 'function', function: { name: 'second', arguments: '{"b"' } }),
        call(0, { function: { arguments: ':1}' } }),
        call(1, { function: { arguments: ':2}' } }),
        { ...envelope, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      ]),
    });
    const collected = await collectStreamParts((await model().stream(ask({ tools: [tool] }), {})).parts);
    expect(streamedToolCalls(collected.parts).map((each) => [each.toolCallId, each.toolName, each.input])).toEqual([
      ['call_a', 'first', '{"a":1}'],
      ['call_b', 'second', '{"b":2}'],
    ]);
  });

  it('#3 a stream asks for usage and reads it from the usage chunk', async () => {
    mock.enqueue({ type: 'text', content: 'Counted.', usage: { promptTokens: 12, completionTokens: 3 } });
    const collected = await collectStreamParts((await model().stream(ask(), {})).parts);
    expect(sent().stream_options).toEqual({ include_usage: true });
    expect(collected.parts.at(-1)).toMatchObject({ type: 'finish', usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 } });
  });

  it('#4 cached tokens stay inside the input count and reasoning inside the output count', async () => {
    mock.enqueue({
      type: 'text',
      content: 'Cached.',
      usage: { promptTokens: 100, completionTokens: 40, cachedTokens: 60, reasoningTokens: 30 },
    });
    const { response } = await model().generate(ask(), {});
    expect(response.usage).toEqual({ inputTokens: 100, outputTokens: 40, totalTokens: 140, cacheReadTokens: 60, reasoningTokens: 30 });
  });

  it('#5 several system messages, one mid-conversation, are all sent in place', async () => {
    const system = (text: string): ChatMessageV1 => ({ role: 'system', content: [{ type: 'text', text }] });
    await model().generate(ask({ messages: [system('Be terse.'), user('Hi.'), system('Now be formal.'), user('Again.')] }), {});
    expect((sent().messages as { role: string }[]).map((message) => message.role)).toEqual(['system', 'user', 'system', 'user']);
  });

  it('#6 each parallel tool result goes as its own tool message, paired by id', async () => {
    await model().generate(
      ask({
        tools: [tool],
        messages: [
          user('Two cities.'),
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{}' },
              { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_weather', input: '{}' },
            ],
          },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'call_1', output: { type: 'text', value: 'a' } },
              { type: 'tool-result', toolCallId: 'call_2', output: { type: 'text', value: 'b' } },
            ],
          },
        ],
      }),
      {},
    );
    const messages = sent().messages as { role: string; tool_call_id?: string }[];
    expect(messages.slice(2).map((message) => [message.role, message.tool_call_id])).toEqual([
      ['tool', 'call_1'],
      ['tool', 'call_2'],
    ]);
  });

  it('#7 tool choice and the parallel flag go as given, the parallel flag never invents a tool choice', async () => {
    await model().generate(ask({ tools: [tool], parallelToolCalls: false }), {});
    expect(sent()).toMatchObject({ parallel_tool_calls: false });
    expect(sent()).not.toHaveProperty('tool_choice');
    await model().generate(ask({ tools: [tool], toolChoice: { type: 'none' } }), {});
    expect(sent()).toMatchObject({ tool_choice: 'none', tools: [{ type: 'function' }] });
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
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
    ]);
  });

  it('#9 JSON mode uses the native response_format, never a forced tool', async () => {
    await model().generate(ask({ responseFormat: { type: 'json-schema', name: 'city', schema: { type: 'object' } } }), {});
    expect(sent().response_format).toEqual({ type: 'json_schema', json_schema: { name: 'city', schema: { type: 'object' } } });
    expect(sent()).not.toHaveProperty('tools');
  });

  it('#10 a tool call finishes as tool-calls even when the host says stop; content_filter is not reported as stop', async () => {
    mock.enqueue({
      type: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'chatcmpl-y',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: 'call_z', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
            },
            finish_reason: 'stop',
          },
        ],
      }),
    });
    expect((await model().generate(ask({ tools: [tool] }), {})).response.finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
    mock.enqueue({ type: 'text', content: '', finishReason: 'content_filter' });
    expect((await model().generate(ask(), {})).response.finishReason.unified).toBe('content-filter');
  });

  it('#11 an assistant turn with only tool calls sends no empty text', async () => {
    await model().generate(
      ask({
        tools: [tool],
        messages: [
          user('Go.'),
          {
            role: 'assistant',
            content: [
              { type: 'text', text: '' },
              { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{}' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', output: { type: 'text', value: 'a' } }] },
        ],
      }),
      {},
    );
    const assistant = (sent().messages as Record<string, unknown>[])[1];
    expect(assistant?.content === null || assistant?.content === '').toBe(true);
    expect(JSON.stringify(assistant)).not.toContain('"type":"text"');
  });

  it('#12 tool schemas and tool-call ids go untouched (Azure accepts what OpenAI accepts)', async () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: ['object'], additionalProperties: false };
    await model().generate(
      ask({
        tools: [{ type: 'function', name: 'lookup', inputSchema: schema }],
        messages: [
          user('Go.'),
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'toolu_01Anthropic-style', toolName: 'lookup', input: '{}' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_01Anthropic-style', output: { type: 'text', value: 'a' } }] },
        ],
      }),
      {},
    );
    expect((sent().tools as { function: { parameters: unknown } }[])[0]?.function.parameters).toEqual(schema);
    expect((sent().messages as { tool_call_id?: string }[])[2]?.tool_call_id).toBe('toolu_01Anthropic-style');
  });
});

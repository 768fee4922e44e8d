import { InvalidRequestError, type ChatStreamPartV1 } from '@modelgate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, request, startAnthropicFixture, userText, type AnthropicFixture } from './test-fixtures/anthropic-fixture.js';

/** Regression tests for the known gateway translation bugs (provider-format reference, §12) that apply to Anthropic. */
let fixture: AnthropicFixture;
const modelId = 'claude-sonnet-4-5-20250929';

beforeEach(async () => {
  fixture = await startAnthropicFixture();
});
afterEach(async () => {
  await fixture.close();
});

const weather = {
  type: 'function' as const,
  name: 'get_weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
};
const event = (name: string, data: Record<string, unknown>) => ({ event: name, data: { type: name, ...data } });
const messageStart = (usage: Record<string, number>) =>
  event('message_start', {
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: modelId,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  });

function toolCalls(parts: ChatStreamPartV1[]) {
  return parts.flatMap((part) => (part.type === 'tool-call' ? [{ id: part.toolCallId, name: part.toolName, input: part.input }] : []));
}

describe('#1 and #2: parallel tool calls in a stream are never merged', () => {
  it('keeps each tool block by its block index, even when the deltas of two blocks interleave', async () => {
    fixture.mock.enqueue({
      type: 'events',
      events: [
        messageStart({ input_tokens: 10, output_tokens: 1 }),
        event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Both.' } }),
        event('content_block_stop', { index: 0 }),
        event('content_block_start', { index: 1, content_block: { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: {} } }),
        event('content_block_start', { index: 2, content_block: { type: 'tool_use', id: 'toolu_b', name: 'get_time', input: {} } }),
        event('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } }),
        event('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: '{"zone":' } }),
        event('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '"Oslo"}' } }),
        event('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: '"CET"}' } }),
        event('content_block_stop', { index: 2 }),
        event('content_block_stop', { index: 1 }),
        event('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 30 } }),
        event('message_stop', {}),
      ],
    });
    const parts = await collect((await fixture.provider.chat(modelId).stream(request({ tools: [weather] }), {})).parts);
    expect(toolCalls(parts).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'toolu_a', name: 'get_weather', input: '{"city":"Oslo"}' },
      { id: 'toolu_b', name: 'get_time', input: '{"zone":"CET"}' },
    ]);
    expect(
      parts.filter((part) => part.type === 'tool-input-start').map((part) => part.type === 'tool-input-start' && part.toolName),
    ).toEqual(['get_weather', 'get_time']);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } });
  });

  it('gives a tool call with no input deltas the input {}', async () => {
    fixture.mock.enqueue({
      type: 'events',
      events: [
        messageStart({ input_tokens: 10, output_tokens: 1 }),
        event('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 'toolu_x', name: 'get_time', input: {} } }),
        event('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '' } }),
        event('content_block_stop', { index: 0 }),
        event('message_delta', { delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 5 } }),
        event('message_stop', {}),
      ],
    });
    const parts = await collect((await fixture.provider.chat(modelId).stream(request(), {})).parts);
    expect(toolCalls(parts)).toEqual([{ id: 'toolu_x', name: 'get_time', input: '{}' }]);
  });
});

describe('#3: usage in streams', () => {
  it('takes the input counts from message_delta when message_start has none', async () => {
    fixture.mock.enqueue({
      type: 'events',
      events: [
        messageStart({ output_tokens: 1 }),
        event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi.' } }),
        event('content_block_stop', { index: 0 }),
        event('message_delta', {
          delta: { stop_reason: 'end_turn' },
          usage: { input_tokens: 40, cache_read_input_tokens: 100, cache_creation_input_tokens: 0, output_tokens: 9 },
        }),
        event('message_stop', {}),
      ],
    });
    const parts = await collect((await fixture.provider.chat(modelId).stream(request(), {})).parts);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'end_turn' },
      usage: { inputTokens: 140, outputTokens: 9, totalTokens: 149, cacheReadTokens: 100, cacheWriteTokens: 0 },
    });
  });
});

describe('#4: cached tokens counted once', () => {
  it('adds cache reads and writes to the input count, without counting them twice', async () => {
    fixture.mock.enqueue({
      type: 'message',
      message: {
        content: [{ type: 'text', text: 'Cached.' }],
        stopReason: 'end_turn',
        usage: { input_tokens: 7, cache_read_input_tokens: 2000, cache_creation_input_tokens: 500, output_tokens: 12 },
      },
    });
    const { response } = await fixture.provider.chat(modelId).generate(request(), {});
    expect(response.usage).toEqual({
      inputTokens: 2507,
      outputTokens: 12,
      totalTokens: 2519,
      cacheReadTokens: 2000,
      cacheWriteTokens: 500,
    });
  });
});

describe('#5: system messages', () => {
  it('joins several system messages, mid-conversation ones included, into the top-level system in order, with a warning', async () => {
    const { response } = await fixture.provider.chat(modelId).generate(
      request({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'First rule.' }] },
          { role: 'system', content: [{ type: 'text', text: 'Second rule.', cacheControl: { type: 'ephemeral' } }] },
          userText('Hello.'),
          { role: 'assistant', content: [{ type: 'text', text: 'Hi.' }] },
          { role: 'system', content: [{ type: 'text', text: 'Late rule.' }] },
          userText('Again.'),
        ],
      }),
      {},
    );
    expect(fixture.sent().system).toEqual([
      { type: 'text', text: 'First rule.' },
      { type: 'text', text: 'Second rule.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Late rule.' },
    ]);
    expect((fixture.sent().messages as { role: string }[]).map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(response.warnings).toEqual([expect.objectContaining({ setting: 'messages[4]', type: 'other' })]);
  });

  it('refuses a request of system text only with a 400 naming messages, before any upstream call', async () => {
    const error = await fixture.provider
      .chat(modelId)
      .generate(request({ messages: [{ role: 'system', content: [{ type: 'text', text: 'Only rules.' }] }] }), {})
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).param).toBe('messages');
    expect(fixture.mock.requests).toHaveLength(0);
  });
});

describe('#6: parallel tool results grouped', () => {
  it('sends the results of one assistant turn in one user turn, first, ids paired, is_error kept, even from two tool messages', async () => {
    await fixture.provider.chat(modelId).generate(
      request({
        tools: [weather],
        messages: [
          userText('Weather in Oslo and Lima?'),
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', toolCallId: 'toolu_oslo', toolName: 'get_weather', input: '{"city":"Oslo"}' },
              { type: 'tool-call', toolCallId: 'toolu_lima', toolName: 'get_weather', input: '{"city":"Lima"}' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_oslo', output: { type: 'json', value: { celsius: -3 } } }] },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: 'toolu_lima', output: { type: 'text', value: 'down' }, isError: true }],
          },
          userText('Thanks; and tomorrow?'),
        ],
      }),
      {},
    );
    const messages = fixture.sent().messages as { role: string; content: unknown[] }[];
    expect(messages).toHaveLength(3);
    expect(messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_oslo', content: '{"celsius":-3}' },
        { type: 'tool_result', tool_use_id: 'toolu_lima', content: 'down', is_error: true },
        { type: 'text', text: 'Thanks; and tomorrow?' },
      ],
    });
  });
});

describe('#7: tool choice and the parallel flag', () => {
  it('turns parallel tool calls off with auto, not any, when only the flag is set', async () => {
    await fixture.provider.chat(modelId).generate(request({ tools: [weather], parallelToolCalls: false }), {});
    expect(fixture.sent().tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
  });

  it('keeps the flag on a forced choice and keeps the tools for none (the history may hold tool blocks)', async () => {
    await fixture.provider
      .chat(modelId)
      .generate(request({ tools: [weather], toolChoice: { type: 'required' }, parallelToolCalls: false }), {});
    expect(fixture.sent().tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    await fixture.provider
      .chat(modelId)
      .generate(request({ tools: [weather], toolChoice: { type: 'none' }, parallelToolCalls: false }), {});
    expect(fixture.sent().tool_choice).toEqual({ type: 'none' });
    expect(fixture.sent().tools).toHaveLength(1);
  });
});

describe('#8: images', () => {
  it('passes an https image URL as a url source (Anthropic fetches it) and a data: URL as base64', async () => {
    await fixture.provider.chat(modelId).generate(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
              { type: 'image', source: { type: 'url', url: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' } },
              { type: 'text', text: 'Compare.' },
            ],
          },
        ],
      }),
      {},
    );
    expect((fixture.sent().messages as { content: unknown[] }[])[0]?.content.slice(0, 2)).toEqual([
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lGODlhAQABAAAAACw=' } },
    ]);
  });
});

describe('#9: JSON output', () => {
  const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };

  it('on a model without structured outputs: the forced tool call comes back as text with finish stop, whole and streamed', async () => {
    const legacy = 'claude-3-7-sonnet-20250219';
    const answer = {
      type: 'message' as const,
      message: {
        content: [{ type: 'tool_use' as const, id: 'toolu_json', name: 'json_response', input: '{"name":"Lima"}' }],
        stopReason: 'tool_use' as const,
        usage: { input_tokens: 10, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 8 },
      },
    };
    fixture.mock.enqueue(answer, answer);
    const jsonRequest = request({ responseFormat: { type: 'json-schema', schema } });
    const { response } = await fixture.provider.chat(legacy).generate(jsonRequest, {});
    expect(response.content).toEqual([{ type: 'text', text: '{"name":"Lima"}' }]);
    expect(response.finishReason).toEqual({ unified: 'stop', raw: 'tool_use' });
    expect(fixture.sent().tool_choice).toEqual({ type: 'tool', name: 'json_response' });

    const parts = await collect((await fixture.provider.chat(legacy).stream(jsonRequest, {})).parts);
    expect(
      parts
        .filter((part) => part.type === 'text-delta')
        .map((part) => part.type === 'text-delta' && part.delta)
        .join(''),
    ).toBe('{"name":"Lima"}');
    expect(toolCalls(parts)).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop', raw: 'tool_use' } });
  });

  it('uses output_config.format where the model has structured outputs, and no schema-less synthetic tool for json', async () => {
    await fixture.provider.chat(modelId).generate(request({ responseFormat: { type: 'json-schema', schema } }), {});
    expect(fixture.sent().output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(fixture.sent().tools).toBeUndefined();
    await fixture.provider.chat(modelId).generate(request({ responseFormat: { type: 'json' } }), {});
    expect(fixture.sent().tools).toBeUndefined();
    expect(JSON.stringify(fixture.sent().system)).toContain('JSON object');
  });
});

describe('#10: finish reasons decided after looking at the content', () => {
  it('reports tool-calls when a tool_use block is there, whatever the stop reason, and maps the rest to unified values', async () => {
    const usage = { input_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 1 };
    fixture.mock.enqueue(
      {
        type: 'message',
        message: { content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: '{}' }], stopReason: 'end_turn', usage },
      },
      { type: 'message', message: { content: [{ type: 'text', text: 'No.' }], stopReason: 'refusal', usage } },
      { type: 'message', message: { content: [{ type: 'text', text: 'Cut' }], stopReason: 'max_tokens', usage } },
      { type: 'message', message: { content: [{ type: 'text', text: 'Done' }], stopReason: 'stop_sequence', stopSequence: 'END', usage } },
    );
    const reasons = [];
    for (let index = 0; index < 4; index += 1) reasons.push((await fixture.provider.chat(modelId).generate(request(), {})).response);
    expect(reasons.map((response) => response.finishReason)).toEqual([
      { unified: 'tool-calls', raw: 'end_turn' },
      { unified: 'content-filter', raw: 'refusal' },
      { unified: 'length', raw: 'max_tokens' },
      { unified: 'stop', raw: 'stop_sequence' },
    ]);
    expect(reasons[3]?.providerMetadata).toEqual({ anthropic: { stopSequence: 'END' } });
  });
});

describe('#11: no empty text blocks', () => {
  it('leaves out empty and whitespace-only text parts, so an assistant turn of tool calls only is accepted', async () => {
    const { response } = await fixture.provider.chat(modelId).generate(
      request({
        tools: [weather],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Weather?' },
              { type: 'text', text: '  ' },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: '' },
              { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'get_weather', input: '' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', output: { type: 'text', value: 'sunny' } }] },
        ],
      }),
      {},
    );
    expect(response.content).toEqual([{ type: 'text', text: 'Hello from the mock Anthropic upstream.' }]);
    expect((fixture.sent().messages as { content: unknown[] }[]).map((message) => message.content)).toEqual([
      [{ type: 'text', text: 'Weather?' }],
      [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }],
      [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }],
    ]);
  });
});

describe('#12: tool ids Anthropic would reject', () => {
  it('maps an id from another provider to a stable valid id, the same for the call and its result', async () => {
    const foreign = 'functions.get_weather:0';
    const turn = (id: string) =>
      request({
        tools: [weather],
        messages: [
          userText('Weather?'),
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: id, toolName: 'get_weather', input: '{"city":"Oslo"}' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: id, output: { type: 'text', value: 'sunny' } }] },
        ],
      });
    await fixture.provider.chat(modelId).generate(turn(foreign), {});
    const [, assistant, results] = fixture.sent().messages as { content: Record<string, unknown>[] }[];
    const mapped = assistant?.content[0]?.id as string;
    expect(mapped).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(results?.content[0]?.tool_use_id).toBe(mapped);
    await fixture.provider.chat(modelId).generate(turn('functions.get_weather:1'), {});
    const [, other] = fixture.sent().messages as { content: Record<string, unknown>[] }[];
    expect(other?.content[0]?.id).not.toBe(mapped);
  });
});

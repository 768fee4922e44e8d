import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { ChatStreamPartV1 } from '../../specification/chat/chat-stream-part-v1.js';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder.js';

const context = { encoding: {}, model: 'deployment-model', requestId: 'req-1' };

interface Event {
  event: string;
  data: Record<string, unknown>;
}

/** Parses the encoder's text back into events, checking each `event:` line names its data's type. */
function parse(text: string): Event[] {
  return text
    .split('\n\n')
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => {
      const [eventLine, dataLine] = chunk.split('\n');
      const event = eventLine!.replace(/^event: /, '');
      const data = JSON.parse(dataLine!.replace(/^data: /, '')) as Record<string, unknown>;
      expect(data.type).toBe(event);
      return { event, data };
    });
}

function encode(parts: ChatStreamPartV1[]): Event[] {
  const encoder = new AnthropicStreamEncoder(context);
  return parse(parts.map((part) => encoder.part(part)).join(''));
}

/** What a client assembles from the events, the way Anthropic's SDK does. */
function assemble(events: Event[]) {
  const blocks: Record<string, unknown>[] = [];
  const open = new Set<number>();
  let json = new Map<number, string>();
  for (const { event, data } of events) {
    if (event === 'content_block_start') {
      const index = data.index as number;
      expect(index).toBe(blocks.length);
      expect(open.size).toBe(0);
      open.add(index);
      blocks.push({ ...(data.content_block as Record<string, unknown>) });
    } else if (event === 'content_block_delta') {
      const index = data.index as number;
      expect(open.has(index)).toBe(true);
      const delta = data.delta as Record<string, string>;
      const block = blocks[index]!;
      if (delta.type === 'text_delta') block.text = (block.text as string) + delta.text;
      if (delta.type === 'thinking_delta') block.thinking = (block.thinking as string) + delta.thinking;
      if (delta.type === 'signature_delta') block.signature = delta.signature;
      if (delta.type === 'input_json_delta') json.set(index, (json.get(index) ?? '') + delta.partial_json);
    } else if (event === 'content_block_stop') {
      const index = data.index as number;
      expect(open.delete(index)).toBe(true);
      if (json.has(index)) blocks[index]!.input = JSON.parse(json.get(index)!);
    }
  }
  json = new Map();
  return blocks;
}

const toolCalls: ChatStreamPartV1[] = [
  { type: 'tool-input-start', id: 'call_a', toolName: 'get_weather' },
  { type: 'tool-input-start', id: 'call_b', toolName: 'get_time' },
  { type: 'tool-input-delta', id: 'call_a', delta: '{"city":' },
  { type: 'tool-input-delta', id: 'call_b', delta: '{"timezone":"Europe/Paris"}' },
  { type: 'tool-input-delta', id: 'call_a', delta: '"Paris"}' },
  { type: 'tool-input-end', id: 'call_a' },
  { type: 'tool-call', toolCallId: 'call_a', toolName: 'get_weather', input: '{"city":"Paris"}' },
  { type: 'tool-input-end', id: 'call_b' },
  { type: 'tool-call', toolCallId: 'call_b', toolName: 'get_time', input: '{"timezone":"Europe/Paris"}' },
];

describe('Anthropic stream encoder', () => {
  it('writes message_start and ping first, blocks in sequence, then message_delta with usage and message_stop', () => {
    const events = encode([
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'chatcmpl-1', model: 'gpt-4o-mini' },
      { type: 'reasoning-start', id: 'r1' },
      { type: 'reasoning-delta', id: 'r1', delta: 'Thinking' },
      { type: 'reasoning-signature', id: 'r1', signature: 'sig-1' },
      { type: 'reasoning-end', id: 'r1' },
      { type: 'reasoning-start', id: 'r2', redactedData: 'opaque' },
      { type: 'reasoning-end', id: 'r2' },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'Hel' },
      { type: 'text-delta', id: 't1', delta: 'lo' },
      { type: 'text-end', id: 't1' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: { inputTokens: 50, outputTokens: 7, totalTokens: 57, cacheReadTokens: 40 },
      },
    ]);
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]!.data.message).toMatchObject({
      id: 'msg_req1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4o-mini',
      content: [],
    });
    expect(assemble(events)).toEqual([
      { type: 'thinking', thinking: 'Thinking', signature: 'sig-1' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'Hello' },
    ]);
    expect(events.at(-2)!.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 10, output_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 40 },
    });
  });

  it('writes interleaved parallel tool calls as whole blocks whose input_json_delta fragments add up to each input', () => {
    const events = encode([
      { type: 'stream-start', warnings: [] },
      ...toolCalls,
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' } },
    ]);
    expect(assemble(events)).toEqual([
      { type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_b', name: 'get_time', input: { timezone: 'Europe/Paris' } },
    ]);
    expect((events.at(-2)!.data.delta as Record<string, unknown>).stop_reason).toBe('tool_use');
  });

  it('completes a tool input from the final call: whole calls, and deltas that left out the end', () => {
    const events = encode([
      { type: 'tool-call', toolCallId: 'call_whole', toolName: 'a', input: '{"x":1}' },
      { type: 'tool-input-start', id: 'call_part', toolName: 'b' },
      { type: 'tool-input-delta', id: 'call_part', delta: '{"y":' },
      { type: 'tool-input-end', id: 'call_part' },
      { type: 'tool-call', toolCallId: 'call_part', toolName: 'b', input: '{"y":2}' },
      { type: 'tool-input-start', id: 'call_empty', toolName: 'c' },
      { type: 'tool-call', toolCallId: 'call_empty', toolName: 'c', input: '{}' },
      { type: 'finish', finishReason: { unified: 'tool-calls' } },
    ]);
    expect(events[0]!.event).toBe('message_start');
    expect(assemble(events)).toEqual([
      { type: 'tool_use', id: 'call_whole', name: 'a', input: { x: 1 } },
      { type: 'tool_use', id: 'call_part', name: 'b', input: { y: 2 } },
      { type: 'tool_use', id: 'call_empty', name: 'c', input: {} },
    ]);
  });

  it('holds a block back while another is open, for any interleaving of two text blocks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 12, maxLength: 12 }),
        (schedule, words) => {
          const parts: ChatStreamPartV1[] = [
            { type: 'text-start', id: 'a' },
            { type: 'text-start', id: 'b' },
          ];
          const expected = { a: '', b: '' };
          schedule.forEach((first, index) => {
            const id = first ? 'a' : 'b';
            expected[id] += words[index]!;
            parts.push({ type: 'text-delta', id, delta: words[index]! });
          });
          parts.push({ type: 'text-end', id: 'b' }, { type: 'text-end', id: 'a' }, { type: 'finish', finishReason: { unified: 'stop' } });
          expect(assemble(encode(parts))).toEqual([
            { type: 'text', text: expected.a },
            { type: 'text', text: expected.b },
          ]);
        },
      ),
    );
  });

  it('ends a failed stream with an error event and no message_stop', () => {
    const encoder = new AnthropicStreamEncoder(context);
    const text =
      encoder.part({ type: 'text-start', id: 't' }) +
      encoder.part({ type: 'text-delta', id: 't', delta: 'par' }) +
      encoder.error(new UpstreamError('The upstream dropped the stream.', { upstreamStatus: 529 }));
    const events = parse(text);
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: { type: 'error', error: { type: 'overloaded_error', message: 'The upstream dropped the stream.' } },
    });
    expect(events.some((event) => event.event === 'message_stop')).toBe(false);
  });

  it('passes native events through with their event names, and adds nothing at the finish', () => {
    const encoder = new AnthropicStreamEncoder(context);
    const data = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}';
    expect(encoder.native({ type: 'event', event: 'content_block_delta', data })).toBe(`event: content_block_delta\ndata: ${data}\n\n`);
    expect(encoder.native({ type: 'events', event: 'content_block_delta', data: [data, data] })).toBe(
      `event: content_block_delta\ndata: ${data}\n\nevent: content_block_delta\ndata: ${data}\n\n`,
    );
    expect(encoder.native({ type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } })).toBe('');
    expect(parse(encoder.native({ type: 'error', error: new UpstreamError('cut', {}) }))[0]!.data).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'cut' },
    });
  });
});

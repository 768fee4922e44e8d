import { describe, expect, it } from 'vitest';
import { maximumEventBytes, PassthroughStreamUsage } from './passthrough-stream-usage.js';

const encoder = new TextEncoder();

function sse(payloads: unknown[], lineEnd = '\n'): string {
  return payloads.map((payload) => `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}${lineEnd}${lineEnd}`).join('');
}

/** The usage of a stream pushed as the given pieces of text. */
function usageOf(...pieces: string[]) {
  const reader = new PassthroughStreamUsage();
  for (const piece of pieces) reader.push(encoder.encode(piece));
  return reader.usage();
}

/** The usage of the same bytes cut at every position in two: each must give the same answer as the whole. */
function usageSplitEverywhere(text: string) {
  const whole = usageOf(text);
  for (let cut = 1; cut < text.length; cut += 1) expect(usageOf(text.slice(0, cut), text.slice(cut)), `cut at ${cut}`).toEqual(whole);
  return whole;
}

const chatStream = sse([
  { id: 'c1', object: 'chat.completion.chunk', model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content: 'Hi' } }], usage: null },
  {
    id: 'c1',
    object: 'chat.completion.chunk',
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    usage: null,
  },
  {
    id: 'c1',
    object: 'chat.completion.chunk',
    model: 'gpt-4o-mini-2024-07-18',
    choices: [],
    usage: { prompt_tokens: 30, completion_tokens: 4, total_tokens: 34, prompt_tokens_details: { cached_tokens: 10 } },
  },
  '[DONE]',
]);

describe('PassthroughStreamUsage', () => {
  it('reads the usage chunk of an OpenAI chat stream, however the bytes are cut', () => {
    expect(usageSplitEverywhere(chatStream)).toEqual({
      inputTokens: 30,
      outputTokens: 4,
      totalTokens: 34,
      cacheReadTokens: 10,
      model: 'gpt-4o-mini-2024-07-18',
    });
  });

  it('reads the same stream one byte at a time and with CRLF line ends', () => {
    const crlf = chatStream.replaceAll('\n', '\r\n');
    expect(usageOf(...crlf.split(''))).toEqual(usageOf(chatStream));
    expect(usageOf(crlf)?.inputTokens).toBe(30);
  });

  it('joins an event whose JSON spans several data lines', () => {
    const text = 'data: {"model":"gpt-4o","usage":\ndata: {"prompt_tokens":5,"completion_tokens":2}}\n\n';
    expect(usageSplitEverywhere(text)).toEqual({ inputTokens: 5, outputTokens: 2, model: 'gpt-4o' });
  });

  it('lets the last usage win and skips [DONE], comments and text that is not JSON', () => {
    const text =
      ': keep-alive\n\n' +
      sse([
        { usage: { prompt_tokens: 1, completion_tokens: 1 } },
        'not json about usage',
        { usage: { prompt_tokens: 9, completion_tokens: 3 } },
        '[DONE]',
      ]);
    expect(usageOf(text)).toEqual({ inputTokens: 9, outputTokens: 3 });
  });

  it('is undefined for a stream without usage (chat without include_usage)', () => {
    expect(usageOf(sse([{ choices: [{ index: 0, delta: { content: 'Hi' } }] }, '[DONE]']))).toBeUndefined();
    expect(usageOf(sse([{ choices: [], usage: null }]))).toBeUndefined();
  });

  it('reads a Responses stream’s response.completed, and response.incomplete', () => {
    const usage = { input_tokens: 40, output_tokens: 12, total_tokens: 52, input_tokens_details: { cached_tokens: 8 } };
    const events = (finalType: string) =>
      sse([
        { type: 'response.created', response: { id: 'r1', model: 'gpt-5', status: 'in_progress', usage: null } },
        { type: 'response.output_text.delta', delta: 'the usage is' },
        { type: finalType, response: { id: 'r1', model: 'gpt-5-2025-08-07', status: 'completed', usage } },
      ]);
    const expected = { inputTokens: 40, outputTokens: 12, totalTokens: 52, cacheReadTokens: 8, model: 'gpt-5-2025-08-07' };
    expect(usageSplitEverywhere(events('response.completed'))).toEqual(expected);
    expect(usageOf(events('response.incomplete'))).toEqual(expected);
  });

  it('folds Anthropic’s message_start and message_delta, later counts winning per field', () => {
    const text = [
      'event: message_start',
      `data: ${JSON.stringify({
        type: 'message_start',
        message: {
          model: 'claude-sonnet-4-5-20250929',
          usage: { input_tokens: 20, cache_read_input_tokens: 100, cache_creation_input_tokens: 0, output_tokens: 1 },
        },
      })}`,
      '',
      'event: ping',
      'data: {"type": "ping"}',
      '',
      'event: content_block_delta',
      'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"usage"}}',
      '',
      'event: message_delta',
      `data: ${JSON.stringify({ type: 'message_delta', delta: { stop_reason: null }, usage: { output_tokens: 3 } })}`,
      '',
      'event: message_delta',
      `data: ${JSON.stringify({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn' },
        usage: { output_tokens: 7, cache_creation_input_tokens: 50, input_tokens: null },
      })}`,
      '',
      'event: message_stop',
      'data: {"type":"message_stop"}',
      '',
      '',
    ].join('\n');
    expect(usageSplitEverywhere(text)).toEqual({
      inputTokens: 170,
      outputTokens: 7,
      cacheReadTokens: 100,
      cacheWriteTokens: 50,
      model: 'claude-sonnet-4-5-20250929',
    });
  });

  it('takes no usage from an Anthropic stream that stopped after message_start', () => {
    const start = { type: 'message_start', message: { model: 'claude-haiku-4-5', usage: { input_tokens: 20, output_tokens: 1 } } };
    expect(usageOf(`event: message_start\ndata: ${JSON.stringify(start)}\n\n`)).toBeUndefined();
  });

  it('reads the last usageMetadata of a Gemini stream (CRLF-framed), with modelVersion as the model', () => {
    const text = sse(
      [
        {
          candidates: [{ content: { parts: [{ text: 'Hel' }] } }],
          usageMetadata: { promptTokenCount: 6, totalTokenCount: 6 },
          modelVersion: 'gemini-2.5-flash',
        },
        {
          candidates: [{ content: { parts: [{ text: 'lo' }] }, finishReason: 'STOP' }],
          usageMetadata: { promptTokenCount: 6, candidatesTokenCount: 2, thoughtsTokenCount: 3, totalTokenCount: 11 },
          modelVersion: 'gemini-2.5-flash',
        },
      ],
      '\r\n',
    );
    expect(usageSplitEverywhere(text)).toEqual({ inputTokens: 6, outputTokens: 5, totalTokens: 11, model: 'gemini-2.5-flash' });
  });

  it('reads Cohere’s message-end usage', () => {
    const text = [
      'event: message-start',
      'data: {"id":"c1","type":"message-start","delta":{"message":{"role":"assistant"}}}',
      '',
      'event: message-end',
      `data: ${JSON.stringify({
        type: 'message-end',
        delta: {
          finish_reason: 'COMPLETE',
          usage: { billed_units: { input_tokens: 5, output_tokens: 2 }, tokens: { input_tokens: 70, output_tokens: 2 } },
        },
      })}`,
      '',
      '',
    ].join('\n');
    expect(usageSplitEverywhere(text)).toEqual({ inputTokens: 70, outputTokens: 2, totalTokens: 72 });
  });

  it('stops metering at an event longer than the bound, and stays stopped', () => {
    const reader = new PassthroughStreamUsage();
    reader.push(encoder.encode(sse([{ usage: { prompt_tokens: 1, completion_tokens: 1 } }])));
    expect(reader.usage()).toEqual({ inputTokens: 1, outputTokens: 1 });
    const piece = encoder.encode('x'.repeat(64 * 1024));
    reader.push(encoder.encode('data: "'));
    for (let sent = 0; sent <= maximumEventBytes; sent += piece.byteLength) reader.push(piece);
    reader.push(encoder.encode('"\n\n'));
    reader.push(encoder.encode(sse([{ usage: { prompt_tokens: 9, completion_tokens: 3 } }])));
    expect(reader.usage()).toBeUndefined();
  });

  it('meters long streams whose events are each within the bound', () => {
    const reader = new PassthroughStreamUsage();
    const event = encoder.encode(sse([{ choices: [{ delta: { content: 'y'.repeat(60 * 1024) } }] }]));
    for (let sent = 0; sent <= 2 * maximumEventBytes; sent += event.byteLength) reader.push(event);
    reader.push(encoder.encode(sse([{ usage: { prompt_tokens: 9, completion_tokens: 3 } }])));
    expect(reader.usage()).toEqual({ inputTokens: 9, outputTokens: 3 });
  });
});

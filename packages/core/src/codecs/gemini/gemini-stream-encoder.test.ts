import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { ChatStreamPartV1 } from '../../specification/chat/chat-stream-part-v1.js';
import { GeminiStreamEncoder, type GeminiStreamFraming } from './gemini-stream-encoder.js';

const context = { encoding: {}, model: 'smart', requestId: 'request-1' };

const parts: ChatStreamPartV1[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'resp-1', model: 'gpt-4o-mini' },
  { type: 'reasoning-start', id: 'r' },
  { type: 'reasoning-delta', id: 'r', delta: 'Hmm.' },
  { type: 'reasoning-signature', id: 'r', signature: 'sig' },
  { type: 'reasoning-end', id: 'r' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hel' },
  { type: 'text-delta', id: 't', delta: 'lo' },
  { type: 'text-end', id: 't' },
  { type: 'tool-input-start', id: 'call_1', toolName: 'lookup' },
  { type: 'tool-input-delta', id: 'call_1', delta: '{"q":' },
  { type: 'tool-input-delta', id: 'call_1', delta: '"x"}' },
  { type: 'tool-input-end', id: 'call_1' },
  { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: '{"q":"x"}' },
  { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 } },
];

function run(framing: GeminiStreamFraming, input: ChatStreamPartV1[]): string {
  const encoder = new GeminiStreamEncoder(context, framing);
  return input.map((part) => encoder.part(part)).join('');
}

function sseChunks(text: string): Array<Record<string, any>> {
  return text
    .split('\r\n\r\n')
    .filter((event) => event.length > 0)
    .map((event) => JSON.parse(event.replace(/^data: /, '')) as Record<string, any>);
}

describe('GeminiStreamEncoder', () => {
  it('writes each new part as a chunk, a function call whole, the finish and usage last (alt=sse)', () => {
    const chunks = sseChunks(run('sse', parts));
    expect(chunks.map((chunk) => chunk.candidates[0].content.parts)).toEqual([
      [{ text: 'Hmm.', thought: true }],
      [{ text: '', thought: true, thoughtSignature: 'sig' }],
      [{ text: 'Hel' }],
      [{ text: 'lo' }],
      [{ functionCall: { id: 'call_1', name: 'lookup', args: { q: 'x' } } }],
      [{ text: '' }],
    ]);
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates[0].finishReason === undefined && chunk.usageMetadata === undefined)).toBe(
      true,
    );
    expect(chunks.at(-1)).toEqual({
      candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 },
      modelVersion: 'gpt-4o-mini',
      responseId: 'resp-1',
    });
  });

  it('sends the signature a block ends with on a part of its kind, once, as Gemini streams it', () => {
    const signed: ChatStreamPartV1[] = [
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Hmm.' },
      { type: 'reasoning-end', id: 'r', providerOptions: { google: { thoughtSignature: 'thought-sig' } } },
      { type: 'reasoning-start', id: 'r2' },
      { type: 'reasoning-delta', id: 'r2', delta: 'More.' },
      { type: 'reasoning-signature', id: 'r2', signature: 'anthropic-sig' },
      { type: 'reasoning-end', id: 'r2', providerOptions: { google: { thoughtSignature: 'anthropic-sig' } } },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hello' },
      { type: 'text-end', id: 't', providerOptions: { google: { thoughtSignature: 'text-sig' } } },
      { type: 'text-start', id: 't2' },
      { type: 'text-delta', id: 't2', delta: 'Bye' },
      { type: 'text-end', id: 't2' },
      { type: 'finish', finishReason: { unified: 'stop' } },
    ];
    for (const framing of ['sse', 'array'] as const) {
      const text = run(framing, signed);
      const chunks = framing === 'sse' ? sseChunks(text) : (JSON.parse(text) as Array<Record<string, any>>);
      expect(chunks.map((chunk) => chunk.candidates[0].content.parts)).toEqual([
        [{ text: 'Hmm.', thought: true }],
        [{ text: '', thought: true, thoughtSignature: 'thought-sig' }],
        [{ text: 'More.', thought: true }],
        [{ text: '', thought: true, thoughtSignature: 'anthropic-sig' }],
        [{ text: 'Hello' }],
        [{ text: '', thoughtSignature: 'text-sig' }],
        [{ text: 'Bye' }],
        [{ text: '' }],
      ]);
    }
  });

  it('keeps the first response id and model on every chunk, whatever metadata comes later', () => {
    const late: ChatStreamPartV1[] = [
      { type: 'response-metadata', id: 'resp-1', model: 'gpt-4o-mini' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'response-metadata', id: 'resp-2', model: 'gpt-4o' },
      { type: 'text-delta', id: 't', delta: 'lo' },
      { type: 'finish', finishReason: { unified: 'stop' } },
    ];
    const unnamed: ChatStreamPartV1[] = [
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'response-metadata', id: 'resp-2', model: 'gpt-4o' },
      { type: 'finish', finishReason: { unified: 'stop' } },
    ];
    for (const framing of ['sse', 'array'] as const) {
      const parse = (text: string) => (framing === 'sse' ? sseChunks(text) : (JSON.parse(text) as Array<Record<string, any>>));
      const named = parse(run(framing, late));
      expect(named.map((chunk) => [chunk.responseId, chunk.modelVersion])).toEqual(Array(3).fill(['resp-1', 'gpt-4o-mini']));
      const first = parse(run(framing, unnamed));
      expect(first.map((chunk) => [chunk.responseId, chunk.modelVersion])).toEqual(Array(2).fill(['request-1', 'smart']));
    }
  });

  it('writes one JSON array without alt=sse', () => {
    const text = run('array', parts);
    expect(text.startsWith('[{')).toBe(true);
    expect(text.endsWith('}]')).toBe(true);
    const chunks = JSON.parse(text) as unknown[];
    expect(chunks).toHaveLength(6);
    expect(run('array', [{ type: 'finish', finishReason: { unified: 'stop' } }])).toMatch(/^\[\{.*"finishReason":"STOP".*\}\]$/);
  });

  it('frames a run of native chunks like the same chunks one by one', () => {
    const chunks = ['{"candidates":[{"content":{"parts":[{"text":"Hel"}]}}]}', '{"candidates":[{"content":{"parts":[{"text":"lo"}]}}]}'];
    for (const framing of ['sse', 'array'] as const) {
      const single = new GeminiStreamEncoder(context, framing);
      const batched = new GeminiStreamEncoder(context, framing);
      const finish = { type: 'finish', finishReason: { unified: 'stop' } } as const;
      const one = chunks.map((data) => single.native({ type: 'event', data })).join('') + single.native(finish);
      expect(batched.native({ type: 'events', data: chunks }) + batched.native(finish)).toBe(one);
    }
  });

  it('ends a failed stream with the error body and nothing after it, never a finish', () => {
    const failure = new UpstreamError('upstream broke', { status: 502 });
    for (const framing of ['sse', 'array'] as const) {
      const encoder = new GeminiStreamEncoder(context, framing);
      const text = [
        encoder.part({ type: 'text-delta', id: 't', delta: 'Hel' }),
        encoder.part({ type: 'error', error: failure }),
        encoder.part({ type: 'finish', finishReason: { unified: 'stop' } }),
        encoder.error(failure),
      ].join('');
      const chunks = framing === 'sse' ? sseChunks(text) : (JSON.parse(text) as Array<Record<string, any>>);
      expect(chunks).toHaveLength(2);
      expect(chunks[1]).toEqual({ error: { code: 502, message: 'upstream broke', status: 'INTERNAL' } });
      expect(text).not.toContain('finishReason');
    }
    expect(JSON.parse(new GeminiStreamEncoder(context, 'array').error(failure))).toEqual([
      { error: { code: 502, message: 'upstream broke', status: 'INTERNAL' } },
    ]);
  });
});

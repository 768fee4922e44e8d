import { ContextWindowExceededError, UpstreamError, type ChatStreamPartV1 } from '@modelgate/core';
import { encodeBedrockFrame, streamPartProblems, type BedrockStreamEvent } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { decodeEventStream } from './decode-event-stream.js';
import { readConverseStream } from './read-converse-stream.js';

async function* chunks(...pieces: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
}

/** The frames of `events`, re-cut into 7-byte network chunks that do not line up with frames. */
function cut(events: BedrockStreamEvent[], size = 7): Uint8Array[] {
  const all = Buffer.concat(events.map((event) => encodeBedrockFrame(event)));
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < all.length; start += size) pieces.push(all.subarray(start, start + size));
  return pieces;
}

async function read(pieces: Uint8Array[]): Promise<ChatStreamPartV1[]> {
  const parts: ChatStreamPartV1[] = [];
  for await (const part of readConverseStream(decodeEventStream(chunks(...pieces)), { provider: 'bedrock', model: 'm', warnings: [] })) {
    parts.push(part);
  }
  return parts;
}

const start: BedrockStreamEvent = { name: 'messageStart', payload: { role: 'assistant' } };
const stop = (stopReason: string): BedrockStreamEvent => ({ name: 'messageStop', payload: { stopReason } });
const metadata: BedrockStreamEvent = {
  name: 'metadata',
  payload: { usage: { inputTokens: 10, outputTokens: 5, totalTokens: 95, cacheReadInputTokens: 80, cacheWriteInputTokens: 0 } },
};
const delta = (index: number, value: Record<string, unknown>): BedrockStreamEvent => ({
  name: 'contentBlockDelta',
  payload: { contentBlockIndex: index, delta: value },
});

describe('readConverseStream', () => {
  it('keeps interleaved tool blocks apart by contentBlockIndex (#2), decides the finish after the content (#10) and waits for usage after messageStop (#3, #4)', async () => {
    const parts = await read(
      cut([
        start,
        { name: 'contentBlockStart', payload: { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_a', name: 'search' } } } },
        { name: 'contentBlockStart', payload: { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_b', name: 'lookup' } } } },
        delta(1, { toolUse: { input: '{"q":' } }),
        delta(2, { toolUse: { input: '{"id":' } }),
        delta(1, { toolUse: { input: '"x"}' } }),
        delta(2, { toolUse: { input: '7}' } }),
        { name: 'contentBlockStop', payload: { contentBlockIndex: 2 } },
        { name: 'contentBlockStop', payload: { contentBlockIndex: 1 } },
        // Bedrock said end_turn, but the content holds tool calls.
        stop('end_turn'),
        metadata,
      ]),
    );
    expect(streamPartProblems(parts)).toEqual([]);
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'tooluse_b', toolName: 'lookup', input: '{"id":7}' },
      { type: 'tool-call', toolCallId: 'tooluse_a', toolName: 'search', input: '{"q":"x"}' },
    ]);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'end_turn' },
      usage: { inputTokens: 90, outputTokens: 5, totalTokens: 95, cacheReadTokens: 80, cacheWriteTokens: 0 },
    });
  });

  it('streams reasoning text, its signature and a redacted block, then text', async () => {
    const parts = await read(
      cut([
        start,
        delta(0, { reasoningContent: { text: 'Think ' } }),
        delta(0, { reasoningContent: { text: 'hard.' } }),
        delta(0, { reasoningContent: { signature: 'sig-1' } }),
        { name: 'contentBlockStop', payload: { contentBlockIndex: 0 } },
        delta(1, { reasoningContent: { redactedContent: 'b3BhcXVl' } }),
        { name: 'contentBlockStop', payload: { contentBlockIndex: 1 } },
        delta(2, { text: '391' }),
        { name: 'contentBlockStop', payload: { contentBlockIndex: 2 } },
        stop('max_tokens'),
      ]),
    );
    expect(streamPartProblems(parts)).toEqual([]);
    expect(parts.filter((part) => part.type !== 'stream-start' && part.type !== 'response-metadata')).toEqual([
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'Think ' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'hard.' },
      { type: 'reasoning-signature', id: 'reasoning-0', signature: 'sig-1' },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'reasoning-start', id: 'reasoning-1', redactedData: 'b3BhcXVl' },
      { type: 'reasoning-end', id: 'reasoning-1' },
      { type: 'text-start', id: 'text-2' },
      { type: 'text-delta', id: 'text-2', delta: '391' },
      { type: 'text-end', id: 'text-2' },
      // No metadata event: no usage, but still a normal finish.
      { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' } },
    ]);
  });

  it('turns a frame with a bad CRC into one error part, never a finish', async () => {
    const frames = [start, delta(0, { text: 'Hello' }), stop('end_turn'), metadata].map((event) => Buffer.from(encodeBedrockFrame(event)));
    const corrupt = frames[1]!;
    const at = corrupt.length - 6; // a payload byte: the message CRC no longer matches
    corrupt.writeUInt8(corrupt.readUInt8(at) ^ 0xff, at);
    const parts = await read(frames);
    expect(streamPartProblems(parts)).toEqual([]);
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(0);
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type !== 'error') return;
    expect(UpstreamError.isInstance(last.error)).toBe(true);
    expect(last.error.message).toMatch(/corrupt event-stream frame/i);
  });

  it('turns a cut-off frame and a stream without messageStop into an error part', async () => {
    const whole = Buffer.from(encodeBedrockFrame(delta(0, { text: 'Hel' })));
    const cutOff = await read([Buffer.from(encodeBedrockFrame(start)), whole.subarray(0, whole.length - 3)]);
    expect(cutOff.at(-1)?.type).toBe('error');
    expect(cutOff.some((part) => part.type === 'finish')).toBe(false);
    const unfinished = await read([Buffer.from(encodeBedrockFrame(start)), whole]);
    expect(unfinished.at(-1)?.type).toBe('error');
    expect(streamPartProblems(unfinished)).toEqual([]);
  });

  it('maps exception events: throttling, validation (context length), model stream errors', async () => {
    for (const [name, message, check] of [
      [
        'throttlingException',
        'Too many tokens per minute.',
        (error: unknown) => UpstreamError.isInstance(error) && error.upstreamStatus === 429,
      ],
      ['validationException', 'Input is too long for requested model.', (error: unknown) => ContextWindowExceededError.isInstance(error)],
      ['modelStreamErrorException', 'The model stopped.', (error: unknown) => UpstreamError.isInstance(error) && !error.isRetryable],
    ] as const) {
      const parts = await read(cut([start, delta(0, { text: 'Par' }), { name, messageType: 'exception', payload: { message } }]));
      expect(streamPartProblems(parts), name).toEqual([]);
      const errors = parts.filter((part) => part.type === 'error');
      expect(errors, name).toHaveLength(1);
      expect(parts.at(-1)?.type, name).toBe('error');
      const error = errors[0]?.type === 'error' ? errors[0].error : undefined;
      expect(check(error), `${name}: ${String(error)}`).toBe(true);
      expect(error?.message, name).toContain(message);
    }
  });
});

import { UpstreamError, type NativeStreamPartV1 } from '@modelgate/core';
import { anthropicMessageText, anthropicStreamEvents, formatAnthropicEvent, type AnthropicMockMessage } from '@modelgate/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAnthropicFixture, testApiKey, type AnthropicFixture } from './test-fixtures/anthropic-fixture.js';

let fixture: AnthropicFixture;
const modelId = 'claude-sonnet-4-5-20250929';

beforeEach(async () => {
  fixture = await startAnthropicFixture();
});
afterEach(async () => {
  await fixture.close();
});

/** A client's Anthropic Messages body, with fields the canonical model has no place for. */
const clientBody = {
  model: 'smart',
  max_tokens: 300,
  system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: 'Weather in Oslo and Lima?' }],
  tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
  service_tier: 'standard_only',
  container: 'container_abc',
};

const toolAnswer: AnthropicMockMessage = {
  content: [
    { type: 'thinking', thinking: 'Two cities, two calls.', signature: 'sig-native' },
    { type: 'text', text: 'Checking both.' },
    { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: '{"city":"Oslo"}' },
    { type: 'tool_use', id: 'toolu_02', name: 'get_weather', input: '{"city":"Lima"}' },
  ],
  stopReason: 'tool_use',
  usage: { input_tokens: 5, cache_read_input_tokens: 90, cache_creation_input_tokens: 40, output_tokens: 33 },
};

function path() {
  const native = fixture.provider.chat(modelId).nativePath?.('anthropic-messages');
  if (native === undefined) throw new Error('no native path');
  return native;
}

async function collect(parts: AsyncIterable<NativeStreamPartV1>): Promise<NativeStreamPartV1[]> {
  const collected: NativeStreamPartV1[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

describe('the anthropic-messages native path', () => {
  it('is offered for anthropic-messages only', () => {
    const model = fixture.provider.chat(modelId);
    expect(model.nativePath?.('anthropic-messages')?.format).toBe('anthropic-messages');
    expect(model.nativePath?.('openai-chat')).toBeUndefined();
  });

  it('generate: sends the client body as sent with the model swapped and the credential replaced, and returns the upstream text', async () => {
    fixture.mock.enqueue({ type: 'message', message: toolAnswer });
    const result = await path().generate(
      { format: 'anthropic-messages', body: clientBody },
      { headers: { 'x-api-key': 'the-clients-own-key', authorization: 'Bearer the-clients-own-key' } },
    );
    const sent = fixture.mock.requests[0]!;
    expect(JSON.parse(sent.rawBody)).toEqual({ ...clientBody, model: modelId });
    expect(Object.keys(JSON.parse(sent.rawBody) as object)).toEqual(Object.keys(clientBody));
    expect(sent.headers['x-api-key']).toBe(testApiKey);
    expect(sent.headers.authorization).toBeUndefined();
    expect(clientBody.model).toBe('smart');
    // Byte for byte what the upstream answered (its ids are the mock's own, so compare the shape after parsing as well).
    const upstreamText = result.body;
    expect(JSON.parse(upstreamText)).toMatchObject({ type: 'message', model: modelId, stop_reason: 'tool_use' });
    expect(upstreamText).toBe(anthropicMessageText(toolAnswer, modelId, (JSON.parse(upstreamText) as { id: string }).id));
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(result.usage).toEqual({ inputTokens: 135, outputTokens: 33, totalTokens: 168, cacheReadTokens: 90, cacheWriteTokens: 40 });
  });

  it('stream: forwards every event untouched (name and data) and finishes with the usage and finish reason it read', async () => {
    fixture.mock.enqueue({ type: 'message', message: toolAnswer });
    const stream = await path().stream({ format: 'anthropic-messages', body: clientBody }, {});
    const parts = await collect(stream.parts);
    expect(JSON.parse(fixture.mock.requests[0]!.rawBody)).toEqual({ ...clientBody, model: modelId, stream: true });
    const events = parts.filter((part) => part.type === 'event');
    const messageId = (JSON.parse(events[0]!.type === 'event' ? events[0]!.data : '{}') as { message: { id: string } }).message.id;
    const expected = anthropicStreamEvents(toolAnswer, modelId, messageId).map((event) => ({
      event: event.event,
      data: JSON.stringify(event.data),
    }));
    expect(events.map((part) => (part.type === 'event' ? { event: part.event, data: part.data } : undefined))).toEqual(expected);
    // What a surface writes back is byte-identical to what the upstream sent.
    const written = events.map((part) => (part.type === 'event' ? `event: ${part.event}\ndata: ${part.data}\n\n` : '')).join('');
    expect(written).toBe(anthropicStreamEvents(toolAnswer, modelId, messageId).map(formatAnthropicEvent).join(''));
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      usage: { inputTokens: 135, outputTokens: 33, totalTokens: 168, cacheReadTokens: 90, cacheWriteTokens: 40 },
    });
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
  });

  it('stream: an upstream error event becomes one error part, not forwarded as an event, with no finish', async () => {
    fixture.mock.enqueue({ type: 'stream-error', afterChunks: 4, message: 'Overloaded, try again.', text: 'Partial answer words.' });
    const parts = await collect((await path().stream({ format: 'anthropic-messages', body: clientBody }, {})).parts);
    expect(parts.filter((part) => part.type === 'event')).toHaveLength(4);
    expect(parts.some((part) => part.type === 'event' && part.event === 'error')).toBe(false);
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(0);
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.message).toContain('Overloaded, try again.');
  });

  it('stream: a dropped connection becomes one error part, never a finish', async () => {
    fixture.mock.enqueue({ type: 'drop', afterChunks: 3 });
    const parts = await collect((await path().stream({ format: 'anthropic-messages', body: clientBody }, {})).parts);
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(0);
    expect(parts.at(-1)?.type).toBe('error');
  });

  it('rejects before the first byte when the upstream refuses, so that the router can retry', async () => {
    fixture.mock.enqueue({ type: 'http-error', status: 529, message: 'Overloaded' });
    const error = await path()
      .stream({ format: 'anthropic-messages', body: clientBody }, {})
      .catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error) && [error.status, error.isRetryable]).toEqual([503, true]);
  });
});

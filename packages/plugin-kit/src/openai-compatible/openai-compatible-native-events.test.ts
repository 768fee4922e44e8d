import type { NativeStreamPartV1 } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { OpenAICompatibleNativeEvents } from './openai-compatible-native-events.js';

const options = { provider: 'openai', model: 'gpt-4o-mini' };

function run(events: string[], clientReadsUsage = true): NativeStreamPartV1[] {
  const handler = new OpenAICompatibleNativeEvents(options, clientReadsUsage);
  const out: NativeStreamPartV1[] = [];
  for (const data of events) handler.event(data, out);
  handler.done(out);
  return out;
}

/** Every forwarded event's data, in order, whether it went on alone or in a run. */
const dataOf = (parts: NativeStreamPartV1[]): string[] =>
  parts.flatMap((part) => (part.type === 'event' ? [part.data] : part.type === 'events' ? part.data : []));

const plain = (content: string) =>
  `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":null}]}`;

describe('OpenAICompatibleNativeEvents', () => {
  it('forwards a first content chunk with its whole envelope as it came (its spacing too), and still reads the finish', () => {
    const first =
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant", "content":""},"finish_reason":null}]}';
    const last =
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}';
    const parts = run([first, last]);
    expect(dataOf(parts)[0]).toBe(first);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 3, outputTokens: 1 },
    });
  });

  it('repairs a first chunk that lacks part of its envelope', () => {
    const parts = run([
      '{"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}',
      '{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
    ]);
    const [first, second] = dataOf(parts).map((data) => JSON.parse(data));
    expect(first).toMatchObject({ object: 'chat.completion.chunk', model: 'gpt-4o-mini' });
    expect(typeof first.id).toBe('string');
    expect(second.id).toBe(first.id);
  });

  it('gives later chunks that lack an id, and the chunks it makes up, the id of a first chunk it did not parse', () => {
    const parts = run([
      '{"id":"chatcmpl-9","object":"chat.completion.chunk","created":5,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}',
      '{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}}',
    ]);
    const made = dataOf(parts)
      .slice(1)
      .map((data) => JSON.parse(data));
    expect(made.length).toBeGreaterThan(0);
    for (const chunk of made) expect(chunk).toMatchObject({ id: 'chatcmpl-9', created: 5 });
  });

  it('passes plain events that came together on as one run, in order, and starts a new run after an event it read', () => {
    const finish =
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}';
    const parts = run([plain('Hello'), plain(' there'), plain('!'), finish, plain('late')]);
    expect(parts[0]).toEqual({ type: 'events', data: [plain('Hello'), plain(' there'), plain('!')] });
    expect(parts[1]?.type).toBe('event');
    expect(JSON.parse(dataOf([parts[1]!])[0]!)).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
    expect(parts[2]).toEqual({ type: 'events', data: [plain('late')] });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop' } });
  });
  it('sends a chunk it read as the host sent it when normalising changed nothing, and serialises one it changed', () => {
    // Spacing that serialising again would remove.
    const finish =
      '{"id":"chatcmpl-1", "object":"chat.completion.chunk","created":7,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}';
    expect(dataOf(run([plain('Hi'), finish])).at(-1)).toBe(finish);
    const hostReason = finish.replace('"stop"', '"end_turn"');
    const sent = dataOf(run([plain('Hi'), hostReason])).at(-1)!;
    expect(sent).not.toBe(hostReason);
    expect(JSON.parse(sent)).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
  });

  describe('usage-only chunks', () => {
    const usage = '{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}';
    const finishWithUsage = `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":${usage}}`;
    const usageOnly = `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"gpt-4o-mini","choices":[],"usage":${usage}}`;
    const usageOnlyParts = (parts: NativeStreamPartV1[]) => parts.filter((part) => part.type === 'event' && part.usageOnly === true);

    it('makes one up when the host put usage on the finish chunk and the client asked for it', () => {
      const parts = run([plain('Hi'), finishWithUsage], true);
      expect(usageOnlyParts(parts)).toHaveLength(1);
      expect(JSON.parse((usageOnlyParts(parts)[0] as { data: string }).data)).toMatchObject({
        id: 'chatcmpl-1',
        choices: [],
        usage: { total_tokens: 5 },
      });
    });

    it('neither makes one up nor forwards the one the host sent when the client did not ask; the finish still has the usage', () => {
      for (const events of [
        [plain('Hi'), finishWithUsage],
        [
          plain('Hi'),
          '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
          usageOnly,
        ],
      ]) {
        const parts = run(events, false);
        expect(usageOnlyParts(parts)).toEqual([]);
        expect(dataOf(parts).map((data) => JSON.parse(data).choices.length)).toEqual([1, 1]);
        expect(parts.at(-1)).toMatchObject({ type: 'finish', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } });
      }
    });
  });
});

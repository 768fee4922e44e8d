import type { NativeStreamPartV1 } from '@modelgate/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainContentChunk, OpenAICompatibleNativeEvents } from './openai-compatible-native-events.js';

const envelope = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"m","system_fingerprint":"fp"';

/** Content that tries to look like the keys the gateway must read, escaped as JSON escapes it. */
const content = fc.oneof(
  fc.string(),
  fc.constantFrom('usage', '"usage":{', 'finish_reason":"stop', '"tool_calls"', 'reasoning', '"error":', '\\', '"delta":'),
);

/** One chunk of a stream, in the usual key order or another, with something the gateway must read or not. */
const chunk = fc
  .record({
    content,
    extra: fc.constantFrom('', ',"usage":null', ',"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}', ',"x":"reasoning"'),
    choiceExtra: fc.constantFrom('', ',"finish_reason":null', ',"finish_reason":"stop"', ',"logprobs":null'),
    deltaKind: fc.constantFrom('content', 'tool_calls', 'reasoning_content', 'empty'),
    usageFirst: fc.boolean(),
  })
  .map(({ content, extra, choiceExtra, deltaKind, usageFirst }) => {
    const delta =
      deltaKind === 'content'
        ? `{"content":${JSON.stringify(content)}}`
        : deltaKind === 'tool_calls'
          ? `{"tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"f","arguments":${JSON.stringify(content)}}}]}`
          : deltaKind === 'reasoning_content'
            ? `{"reasoning_content":${JSON.stringify(content)}}`
            : '{}';
    const choices = `"choices":[{"index":0,"delta":${delta}${choiceExtra}}]`;
    return usageFirst && extra !== '' ? `${envelope}${extra},${choices}}` : `${envelope},${choices}${extra}}`;
  });

const forwardedCount = (out: NativeStreamPartV1[]) =>
  out.reduce((count, part) => count + (part.type === 'events' ? part.data.length : 0), 0);

/** Whether each event went on as the host sent it (added to a run of plain events) rather than being parsed. */
function forwardedAsSent(events: string[]): boolean[] {
  const handler = new OpenAICompatibleNativeEvents({ provider: 'p', model: 'm' });
  const out: NativeStreamPartV1[] = [];
  return events.map((data) => {
    const before = forwardedCount(out);
    handler.event(data, out);
    return forwardedCount(out) === before + 1;
  });
}

describe('OpenAICompatibleNativeEvents, plain chunks', () => {
  it('forwards a chunk as sent exactly when the whole-chunk test calls it plain, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(chunk, { minLength: 1, maxLength: 12 }), (events) => {
        const forwarded = forwardedAsSent(events);
        // The first chunk also needs its whole envelope, which these all have.
        expect(forwarded).toEqual(events.map((data) => isPlainContentChunk(data)));
      }),
      { numRuns: 500 },
    );
  });
});

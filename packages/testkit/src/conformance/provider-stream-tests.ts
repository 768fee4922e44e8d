import { collectStreamParts, partsOfType, streamedText, streamedToolCalls } from './collect-stream-parts.js';
import { comparableToolInput, expectedUsage, pickUsage, summarizeContent } from './canonical-summary.js';
import { chatRequest, describeError, type ProviderHarness } from './provider-conformance-harness.js';
import { detailedUsage, parallelToolCalls } from './provider-generate-tests.js';
import { streamPartProblems } from './stream-part-problems.js';

/** `stream`: block boundaries, text and tool input, exactly one `finish` (last) with usage, no `error`. */
export function registerProviderStreamTests(harness: ProviderHarness): void {
  const { expect, test, settleTimeoutMs } = harness;
  const { modelId, upstream: definition } = harness.options;
  const raw = definition.rawFinishReasons;

  test(
    'stream yields text in a started and ended block, then exactly one finish with usage, no error',
    ['text'],
    async (upstream, provider) => {
      const text = 'Streaming works one fragment at a time.';
      upstream.enqueue({ type: 'text', text, usage: { inputTokens: 13, outputTokens: 7 } });
      const stream = await provider.chat(modelId).stream(chatRequest(), {});
      const { parts, didThrow, thrown } = await collectStreamParts(stream.parts, { timeoutMs: settleTimeoutMs });
      expect(didThrow, `the stream threw ${describeError(thrown)}`).toBe(false);
      expect(streamPartProblems(parts), 'stream rule breaches').toEqual([]);
      expect(streamedText(parts), 'the joined text deltas').toBe(text);
      expect(partsOfType(parts, 'text-start').length, 'text-start parts').toBeGreaterThan(0);
      expect(partsOfType(parts, 'error'), 'error parts').toHaveLength(0);
      const finishes = partsOfType(parts, 'finish');
      expect(finishes, 'finish parts').toHaveLength(1);
      expect(parts.at(-1)?.type, 'the last part').toBe('finish');
      expect(finishes[0]?.finishReason, 'finishReason').toEqual({ unified: 'stop', raw: raw.stop });
      expect(pickUsage(finishes[0]?.usage, { inputTokens: 0, outputTokens: 0, totalTokens: 0 }), 'finish usage').toEqual({
        inputTokens: 13,
        outputTokens: 7,
        totalTokens: 20,
      });
      const [request] = upstream.requests;
      expect(request !== undefined && upstream.hasCredential(request), 'the request carried the credential').toBe(true);
      expect(request === undefined ? undefined : upstream.modelOf(request), 'the model sent upstream').toBe(modelId);
    },
  );

  test('stream finishes with usage normalised for cache read, cache write and reasoning tokens', ['text'], async (upstream, provider) => {
    upstream.enqueue({ type: 'text', text: 'Counted while streaming.', usage: detailedUsage });
    const stream = await provider.chat(modelId).stream(chatRequest(), {});
    const { parts } = await collectStreamParts(stream.parts, { timeoutMs: settleTimeoutMs });
    const expected = expectedUsage(detailedUsage, definition.limitations);
    const finish = partsOfType(parts, 'finish')[0];
    expect(pickUsage(finish?.usage, expected), 'finish usage (inputTokens includes cache, outputTokens includes reasoning)').toEqual(
      expected,
    );
  });

  test(
    'stream delivers parallel tool calls: one input block per call joining to the exact input, then a complete tool-call',
    ['tool-calls'],
    async (upstream, provider) => {
      upstream.enqueue({ type: 'tool-calls', text: 'Searching.', calls: parallelToolCalls });
      const stream = await provider.chat(modelId).stream(chatRequest(), {});
      const { parts, didThrow, thrown } = await collectStreamParts(stream.parts, { timeoutMs: settleTimeoutMs });
      expect(didThrow, `the stream threw ${describeError(thrown)}`).toBe(false);
      expect(streamPartProblems(parts), 'stream rule breaches').toEqual([]);
      expect(streamedText(parts), 'the joined text deltas').toBe('Searching.');
      const calls = streamedToolCalls(parts);
      const input = (text: string): string => comparableToolInput(text, definition.limitations, 'stream');
      expect(
        summarizeContent(calls).map((entry) => ['tool-call', entry[1] ?? '', input(entry[2] ?? '')]),
        'the tool-call parts',
      ).toEqual(parallelToolCalls.map((call) => ['tool-call', call.name, input(call.input)]));
      expect(new Set(calls.map((call) => call.toolCallId)).size, 'distinct tool call ids').toBe(2);
      for (const call of calls) {
        const start = partsOfType(parts, 'tool-input-start').find((part) => part.id === call.toolCallId);
        if (start === undefined) continue; // a call received whole may come as a tool-call part only
        expect(start.toolName, `the tool-input-start name of ${call.toolCallId}`).toBe(call.toolName);
        const joined = partsOfType(parts, 'tool-input-delta')
          .filter((part) => part.id === call.toolCallId)
          .map((part) => part.delta)
          .join('');
        expect(joined, `the joined tool-input deltas of ${call.toolCallId}`).toBe(call.input);
      }
      const finishes = partsOfType(parts, 'finish');
      expect(finishes, 'finish parts').toHaveLength(1);
      expect(finishes[0]?.finishReason, 'finishReason').toEqual({ unified: 'tool-calls', raw: raw.toolCalls });
      expect(partsOfType(parts, 'error'), 'error parts').toHaveLength(0);
    },
  );
}

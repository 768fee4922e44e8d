import { rawBodyOf, chatRequest, type ProviderHarness } from './provider-conformance-harness.js';
import { comparableToolInput, expectedUsage, pickUsage, summarizeContent } from './canonical-summary.js';
import type { ConformanceToolCall, ConformanceUsage } from './conformance-upstream.js';

export const detailedUsage: ConformanceUsage = {
  inputTokens: 120,
  outputTokens: 45,
  cacheReadTokens: 80,
  cacheWriteTokens: 30,
  reasoningTokens: 20,
};

export const parallelToolCalls: ConformanceToolCall[] = [
  { name: 'get_weather', input: '{"city":"Lisbon","unit":"celsius"}' },
  { name: 'get_time', input: '{"timezone": "Europe/Lisbon", "format": "24h", "nested": {"list": [1, 2.5, "three"]}}' },
];

/** `generate`: content parts in order, unified and raw finish reasons, normalised usage, what goes upstream. */
export function registerProviderGenerateTests(harness: ProviderHarness): void {
  const { expect, test } = harness;
  const { modelId, upstream: definition } = harness.options;
  const raw = definition.rawFinishReasons;

  test(
    'generate returns the text, finish reason stop with the raw reason, usage, and sends the model and credential',
    ['text'],
    async (upstream, provider) => {
      upstream.enqueue({ type: 'text', text: 'Hello, conformance suite!', usage: { inputTokens: 21, outputTokens: 6 } });
      const { response } = await provider.chat(modelId).generate(chatRequest(), {});
      expect(summarizeContent(response.content), 'content').toEqual([['text', 'Hello, conformance suite!']]);
      expect(response.finishReason, 'finishReason').toEqual({ unified: 'stop', raw: raw.stop });
      expect(pickUsage(response.usage, { inputTokens: 0, outputTokens: 0, totalTokens: 0 }), 'usage').toEqual({
        inputTokens: 21,
        outputTokens: 6,
        totalTokens: 27,
      });
      expect(upstream.requests, 'requests the upstream received').toHaveLength(1);
      const [request] = upstream.requests;
      expect(request !== undefined && upstream.hasCredential(request), 'the request carried the credential').toBe(true);
      expect(request === undefined ? undefined : upstream.modelOf(request), 'the model sent upstream').toBe(modelId);
      expect(rawBodyOf(request), 'the request body').toContain('Say hello to the conformance suite.');
    },
  );

  test('generate reports a cut answer as finish reason length with the raw reason', ['text'], async (upstream, provider) => {
    upstream.enqueue({ type: 'text', text: 'This answer was cut', finishReason: 'length' });
    const { response } = await provider.chat(modelId).generate(chatRequest(), {});
    expect(summarizeContent(response.content), 'content').toEqual([['text', 'This answer was cut']]);
    expect(response.finishReason, 'finishReason').toEqual({ unified: 'length', raw: raw.length });
  });

  test('generate normalises usage with cache read, cache write and reasoning tokens', ['text'], async (upstream, provider) => {
    upstream.enqueue({ type: 'text', text: 'Counted.', usage: detailedUsage });
    const { response } = await provider.chat(modelId).generate(chatRequest(), {});
    const expected = expectedUsage(detailedUsage, definition.limitations);
    expect(pickUsage(response.usage, expected), 'usage (inputTokens includes cache, outputTokens includes reasoning)').toEqual(expected);
  });

  test(
    'generate returns text then parallel tool calls with exact inputs, distinct ids, finish reason tool-calls',
    ['tool-calls'],
    async (upstream, provider) => {
      upstream.enqueue({ type: 'tool-calls', text: 'Let me look that up.', calls: parallelToolCalls });
      const { response } = await provider.chat(modelId).generate(chatRequest(), {});
      // A wire that carries arguments as an object keeps their value, not their spacing.
      const input = (text: string): string => comparableToolInput(text, definition.limitations, 'answer');
      const content = summarizeContent(response.content).map((entry) =>
        entry[0] === 'tool-call' ? (['tool-call', entry[1] ?? '', input(entry[2] ?? '')] as [string, ...string[]]) : entry,
      );
      expect(content, 'content').toEqual([
        ['text', 'Let me look that up.'],
        ...parallelToolCalls.map((call) => ['tool-call', call.name, input(call.input)]),
      ]);
      expect(response.finishReason, 'finishReason').toEqual({ unified: 'tool-calls', raw: raw.toolCalls });
      const ids = response.content.flatMap((part) => (part.type === 'tool-call' ? [part.toolCallId] : []));
      expect(new Set(ids.filter((id) => id.length > 0)).size, 'distinct tool call ids').toBe(2);
    },
  );
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpenAICompatibleChunkNormalizer } from './openai-compatible-chunk-normalizer.js';

/** Mostly the value an OpenAI chunk has, sometimes one the normaliser must repair. */
function mostly(good: fc.Arbitrary<unknown>, ...others: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
}

const finishReason = mostly(
  fc.constantFrom(null, 'stop', 'length', 'content_filter'),
  undefined,
  '',
  'tool_calls',
  'end_turn',
  'MAX_TOKENS',
);
const delta = mostly(
  fc.record(
    {
      role: fc.constant('assistant'),
      content: fc.oneof(fc.string(), fc.constant(null)),
      reasoning_content: mostly(fc.string({ minLength: 1 }), null, ''),
      refusal: fc.constant(null),
    },
    { requiredKeys: [] },
  ),
  undefined,
  null,
  { reasoning: 'Thinking' },
  { reasoning: null, content: 'x' },
  { tool_calls: null, content: 'x' },
  { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
);
const choice = fc.record(
  {
    index: mostly(fc.constantFrom(0, 1), '0', undefined),
    delta,
    finish_reason: finishReason,
    logprobs: fc.constantFrom(null, { content: [] }, undefined),
  },
  { requiredKeys: ['delta', 'finish_reason'] },
);
const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
const chunk = fc.record(
  {
    id: mostly(fc.constant('chatcmpl-1'), '', undefined),
    object: mostly(fc.constant('chat.completion.chunk'), 'chat.completion', undefined),
    created: mostly(fc.constant(7), '7', undefined),
    model: mostly(fc.constant('m'), '', undefined),
    system_fingerprint: fc.constantFrom('fp', null, undefined),
    choices: mostly(fc.array(choice, { maxLength: 2 }), undefined, null, [
      // A choice with nothing in it is dropped.
      { index: 0, delta: {}, finish_reason: null },
      { index: 1, delta: { content: 'x' }, finish_reason: null },
    ]),
    usage: fc.constantFrom(null, usage, undefined),
    x_groq: mostly(fc.constant(undefined), { usage }),
  },
  { requiredKeys: ['choices'] },
);

describe('OpenAICompatibleChunkNormalizer.changed', () => {
  it('is false only when the normalised chunk is the JSON the host sent', () => {
    let unchanged = 0;
    fc.assert(
      fc.property(fc.array(chunk, { minLength: 1, maxLength: 6 }), (chunks) => {
        const normalizer = new OpenAICompatibleChunkNormalizer('m');
        for (const value of chunks) {
          const text = JSON.stringify(value);
          const normalized = normalizer.normalize(JSON.parse(text));
          if (normalized === undefined || normalizer.changed) continue;
          unchanged += 1;
          expect(JSON.parse(JSON.stringify(normalized))).toEqual(JSON.parse(text));
        }
      }),
      { numRuns: 2000 },
    );
    // The property is about the unchanged chunks: enough of them must have come up.
    expect(unchanged).toBeGreaterThan(100);
  });
});

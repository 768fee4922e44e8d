import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainChatRequest } from './is-plain-chat-request.js';
import { openAIChatRequestSchema } from './openai-request-schemas.js';

/** Anything JSON can carry, to put where the schema expects something else. */
const stray = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom(-1, 0, 1.5, 3, 2 ** 53),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant(['a']),
);
/**
 * A field's value: mostly one the schema takes, sometimes one just past its limits (`invalid`), sometimes
 * anything, so that the property probes every rule while still producing many bodies the schema accepts.
 */
const field = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown> = stray) =>
  fc.oneof({ arbitrary: valid, weight: 16 }, { arbitrary: invalid, weight: 1 }, { arbitrary: stray, weight: 1 });
const name = fc.oneof(fc.constantFrom('lookup', 'x', 'call_1'), fc.string({ minLength: 1, maxLength: 6 }));
const nullable = (valid: fc.Arbitrary<unknown>) => fc.oneof(valid, fc.constant(null));
const count = field(nullable(fc.constantFrom(1, 64, 4096)), fc.constantFrom(0, 1.5, -1, 2 ** 53));
const range = (minimum: number, maximum: number) =>
  field(
    nullable(fc.oneof(fc.constantFrom(minimum, maximum), fc.double({ min: minimum, max: maximum, noNaN: true }))),
    fc.constantFrom(minimum - 0.001, maximum + 0.001),
  );
const integerRange = (minimum: number, maximum: number) =>
  field(nullable(fc.integer({ min: minimum, max: maximum })), fc.constantFrom(minimum - 1, maximum + 1, minimum + 0.5));
const flag = field(nullable(fc.boolean()));
const text = field(fc.string({ maxLength: 6 }));

const part = field(
  fc.record({ type: fc.constant('text'), text }),
  fc.record({ type: fc.constantFrom('image_url', 'refusal', 'file', 'texts'), text }, { requiredKeys: ['type'] }),
);
const toolCall = field(
  fc.record({
    id: text,
    type: field(fc.constant('function')),
    function: field(fc.record({ name: field(name, fc.constant('')), arguments: text })),
  }),
);
const message = field(
  fc.oneof(
    fc.record(
      {
        role: field(fc.constantFrom('system', 'developer', 'user', 'assistant'), fc.constant('robot')),
        content: field(fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null), fc.array(part, { maxLength: 3 }))),
        name: text,
        tool_calls: field(fc.array(toolCall, { maxLength: 2 })),
        extra: stray,
      },
      { requiredKeys: ['role'] },
    ),
    fc.record(
      {
        role: fc.constantFrom('tool', 'function'),
        content: text,
        name: field(name, fc.constant('')),
        tool_call_id: field(name, fc.constant('')),
      },
      { requiredKeys: ['role'] },
    ),
  ),
);
const tool = field(
  fc.record({
    type: field(fc.constant('function'), fc.constant('web_search')),
    function: field(
      fc.record(
        {
          name: field(fc.oneof(name, fc.constant('n'.repeat(128))), fc.constantFrom('', 'n'.repeat(129))),
          description: text,
          parameters: field(fc.constant({ type: 'object' })),
          strict: flag,
        },
        { requiredKeys: ['name'] },
      ),
    ),
  }),
);

const request = fc.record(
  {
    model: field(fc.oneof(name, fc.constant('m'.repeat(256))), fc.constantFrom('', 'm'.repeat(257))),
    messages: field(fc.array(message, { minLength: 1, maxLength: 3 }), fc.constant([])),
    stream: flag,
    stream_options: field(nullable(fc.record({ include_usage: field(fc.boolean()) }, { requiredKeys: [] }))),
    max_tokens: count,
    max_completion_tokens: count,
    temperature: range(0, 2),
    top_p: range(0, 1),
    n: integerRange(1, 128),
    stop: field(
      fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.array(text, { maxLength: 4 })),
      fc.constant(['a', 'b', 'c', 'd', 'e']),
    ),
    presence_penalty: range(-2, 2),
    frequency_penalty: range(-2, 2),
    logit_bias: field(nullable(fc.dictionary(fc.string({ maxLength: 3 }), field(fc.integer({ min: -100, max: 100 })), { maxKeys: 2 }))),
    logprobs: flag,
    top_logprobs: integerRange(0, 20),
    seed: field(nullable(fc.integer()), fc.constantFrom(0.5, 2 ** 53)),
    response_format: field(nullable(fc.record({ type: field(fc.constantFrom('text', 'json_object', 'json_schema'), fc.constant('xml')) }))),
    tools: field(fc.array(tool, { maxLength: 2 })),
    tool_choice: field(
      fc.oneof(
        fc.constantFrom('none', 'auto', 'required'),
        fc.record({ type: field(fc.constant('function')), function: field(fc.record({ name: field(name, fc.constant('')) })) }),
      ),
      fc.constant('any'),
    ),
    parallel_tool_calls: flag,
    user: text,
    metadata: field(nullable(fc.dictionary(fc.string({ maxLength: 3 }), text, { maxKeys: 2 }))),
    vendor_field: stray,
  },
  { requiredKeys: ['model', 'messages'] },
);

describe('isPlainChatRequest', () => {
  it('says yes only to bodies the schema accepts unchanged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(request, (body) => {
        if (!isPlainChatRequest(body)) return;
        accepted += 1;
        const parsed = openAIChatRequestSchema.safeParse(body);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        expect(parsed.data).toEqual(body);
      }),
      { numRuns: 20_000 },
    );
    // The property would hold trivially if nothing were accepted.
    expect(accepted).toBeGreaterThan(200);
  });

  it('says yes to the requests clients commonly send', () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'call_2', content: 'rain' },
    ];
    const bodies = [
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
      { model: 'gpt-4o-mini', messages, max_tokens: 64, temperature: 0, stream: true, stream_options: { include_usage: true } },
      {
        model: 'gpt-4o-mini',
        messages,
        tools: [{ type: 'function', function: { name: 'weather', description: 'Weather', parameters: { type: 'object' } } }],
        tool_choice: 'auto',
        parallel_tool_calls: true,
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
        stop: ['\n\n'],
        seed: 7,
        user: 'user-1',
        metadata: { team: 'search' },
        vendor_field: { anything: true },
      },
    ];
    for (const body of bodies) expect(isPlainChatRequest(body)).toBe(true);
  });

  it('leaves other bodies to the schema', () => {
    const user = { role: 'user', content: 'Hi' };
    const bodies: unknown[] = [
      null,
      [],
      'text',
      { messages: [user] },
      { model: 'm', messages: [] },
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] },
      { model: 'm', messages: [{ role: 'tool', content: 'no id' }] },
      { model: 'm', messages: [user], temperature: 3 },
      { model: 'm', messages: [user], max_tokens: 1.5 },
      { model: 'm', messages: [user], stop: ['a', 'b', 'c', 'd', 'e'] },
      { model: 'm', messages: [user], user: null },
    ];
    for (const body of bodies) expect(isPlainChatRequest(body)).toBe(false);
  });
});

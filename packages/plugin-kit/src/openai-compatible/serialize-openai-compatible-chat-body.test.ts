import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareOpenAICompatibleChatBody, type PrepareChatBodyOptions } from './prepare-openai-compatible-chat-body.js';
import { serializeOpenAICompatibleChatBody } from './serialize-openai-compatible-chat-body.js';

const reference = (request: Record<string, unknown>, options: PrepareChatBodyOptions) => {
  const prepared = prepareOpenAICompatibleChatBody(request, options);
  return { text: JSON.stringify(prepared.body), droppedFields: prepared.droppedFields };
};

const value = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 500 }),
  fc.string({ maxLength: 6 }),
  fc.constant('"model":"x"'),
  fc.dictionary(fc.constantFrom('include_usage', 'model', 'a'), fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })), { maxKeys: 2 }),
);
const field = fc.constantFrom(
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'store',
  'logprobs',
  'seed',
  'user',
);
const message = fc.record({
  role: fc.constantFrom('user', 'assistant'),
  content: fc.oneof(fc.string({ maxLength: 8 }), fc.array(fc.record({ type: fc.constant('text'), text: fc.string({ maxLength: 4 }) }), { maxLength: 2 })),
});
/** A body: fields in any order (the model first or not), each with an awkward value now and then. */
const body = fc
  .tuple(
    fc.uniqueArray(field, { maxLength: 8 }),
    fc.oneof(fc.string({ maxLength: 8 }), fc.constant('gpt-"4"\\o'), fc.integer()),
    fc.array(message, { maxLength: 2 }),
    fc.oneof(fc.constant(true), fc.constant(false), value),
    fc.array(value, { minLength: 10, maxLength: 10 }),
  )
  .map(([fields, model, messages, stream, values]) => {
    const request: Record<string, unknown> = {};
    fields.forEach((name, position) => {
      request[name] = name === 'model' ? model : name === 'messages' ? messages : name === 'stream' ? stream : values[position];
    });
    return request;
  });
const quirks = fc.record(
  {
    maxTokensField: fc.constantFrom('max_tokens' as const, 'max_completion_tokens' as const),
    supportsStreamOptions: fc.boolean(),
    unsupportedFields: fc.uniqueArray(fc.constantFrom('store', 'logprobs', 'seed', 'user'), { maxLength: 3 }),
    contentAsString: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('serializeOpenAICompatibleChatBody', () => {
  it('gives the same text, to the byte, and the same dropped fields as preparing the body and serialising it', () => {
    fc.assert(
      fc.property(body, fc.boolean(), quirks, fc.constantFrom('gpt-4.1', 'a"b\\c', 'llama-3'), (request, stream, hostQuirks, modelId) => {
        const before = JSON.stringify(request);
        const options = { modelId, stream, quirks: hostQuirks };
        expect(serializeOpenAICompatibleChatBody(request, options)).toEqual(reference(request, options));
        expect(JSON.stringify(request)).toBe(before);
      }),
      {
        numRuns: 20_000,
        // A field present with no value keeps its place in the copy: the text must keep it there too.
        examples: [[{ model: 'smart', stream_options: undefined, stream: true }, true, {}, 'gpt-4.1']],
      },
    );
  });

  it('swaps the model in the text of a forwarded body, and adds include_usage last on a stream', () => {
    const request = { model: 'smart', messages: [{ role: 'user', content: 'hi "model":"smart"' }], stream: true };
    const { text } = serializeOpenAICompatibleChatBody(request, { modelId: 'gpt-4.1', stream: true });
    expect(text).toBe(
      '{"model":"gpt-4.1","messages":[{"role":"user","content":"hi \\"model\\":\\"smart\\""}],"stream":true,"stream_options":{"include_usage":true}}',
    );
  });

  it('serialises a body whose model is not first, or that needs more than the model changed, through the copy', () => {
    const later = { messages: [], model: 'smart', max_tokens: 5 };
    expect(JSON.parse(serializeOpenAICompatibleChatBody(later, { modelId: 'm', stream: false }).text)).toEqual({ messages: [], model: 'm', max_tokens: 5 });
    const renamed = serializeOpenAICompatibleChatBody(later, { modelId: 'm', stream: false, quirks: { maxTokensField: 'max_completion_tokens' } });
    expect(JSON.parse(renamed.text)).toEqual({ messages: [], model: 'm', max_completion_tokens: 5 });
    const dropped = serializeOpenAICompatibleChatBody({ model: 'smart', store: true }, { modelId: 'm', stream: false, quirks: { unsupportedFields: ['store'] } });
    expect(dropped).toEqual({ text: '{"model":"m"}', droppedFields: ['store'] });
  });
});

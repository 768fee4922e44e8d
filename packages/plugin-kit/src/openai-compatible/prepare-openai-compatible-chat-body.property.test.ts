import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareOpenAICompatibleChatBody, type PrepareChatBodyOptions } from './prepare-openai-compatible-chat-body.js';

type WireMessage = { content?: unknown } & Record<string, unknown>;

/** The first implementation (a spread copy, then `delete`s), kept as the oracle of what a body must become. */
function oracle(request: Readonly<Record<string, unknown>>, options: PrepareChatBodyOptions) {
  const quirks = options.quirks ?? {};
  const body: Record<string, unknown> = { ...request, model: options.modelId };
  if (options.stream) {
    body.stream = true;
    if (quirks.supportsStreamOptions === false) delete body.stream_options;
    else body.stream_options = { ...(request.stream_options as object | null | undefined), include_usage: true };
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  const target = quirks.maxTokensField;
  if (target !== undefined) {
    const other = target === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
    if (body[other] !== undefined && body[other] !== null) {
      if (body[target] === undefined || body[target] === null) body[target] = body[other];
      delete body[other];
    }
  }
  const droppedFields: string[] = [];
  for (const field of quirks.unsupportedFields ?? []) {
    if (body[field] === undefined) continue;
    delete body[field];
    droppedFields.push(field);
  }
  if (quirks.contentAsString === true && Array.isArray(request.messages)) {
    body.messages = (request.messages as WireMessage[]).map((message) =>
      Array.isArray(message.content) && message.content.every((part: { type?: unknown }) => part.type === 'text')
        ? {
            ...message,
            content: message.content.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join('\n'),
          }
        : message,
    );
  }
  return { body, droppedFields };
}

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
  content: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.array(fc.record({ type: fc.constant('text'), text: fc.string({ maxLength: 4 }) }), { maxLength: 2 }),
  ),
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

describe('prepareOpenAICompatibleChatBody, against its first implementation', () => {
  it('sends the same JSON members and drops the same fields, whatever the body and the host', () => {
    fc.assert(
      fc.property(body, fc.boolean(), quirks, fc.constantFrom('gpt-4.1', 'a"b\\c', 'llama-3'), (request, stream, hostQuirks, modelId) => {
        const before = JSON.stringify(request);
        const options = { modelId, stream, quirks: hostQuirks };
        const prepared = prepareOpenAICompatibleChatBody(request, options);
        const expected = oracle(request, options);
        expect(JSON.parse(JSON.stringify(prepared.body))).toEqual(JSON.parse(JSON.stringify(expected.body)));
        expect(prepared.droppedFields).toEqual(expected.droppedFields);
        expect(JSON.stringify(request)).toBe(before);
      }),
      {
        numRuns: 20_000,
        examples: [[{ model: 'smart', stream_options: undefined, stream: true }, true, {}, 'gpt-4.1']],
      },
    );
  });

  it('keeps the fields in their place and adds the missing ones at the end', () => {
    const { body } = prepareOpenAICompatibleChatBody(
      { model: 'smart', messages: [], max_tokens: 5, stream: true, top_k: 3 },
      { modelId: 'm', stream: true, quirks: { maxTokensField: 'max_completion_tokens', unsupportedFields: ['top_k'] } },
    );
    expect(Object.keys(body)).toEqual(['model', 'messages', 'stream', 'stream_options', 'max_completion_tokens']);
  });
});

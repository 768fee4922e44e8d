import { Readable } from 'node:stream';
import {
  openAIChatCodec,
  type ChatMessageV1,
  type ChatRequestV1,
  type ChatResponseV1,
  type ChatStreamPartV1,
  type ToolResultPartV1,
  type UserContentPartV1,
} from '@modelgate/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HttpResponseBody } from '../http-pools.js';
import { convertToOpenAICompatibleChatBody } from './convert-to-openai-compatible-chat-body.js';
import { normalizeOpenAICompatibleCompletion } from './normalize-openai-compatible-completion.js';
import { OpenAICompatibleStreamParts } from './openai-compatible-stream-parts.js';
import { parseOpenAICompatibleCompletion } from './parse-openai-compatible-completion.js';
import { readOpenAICompatibleStream } from './read-openai-compatible-stream.js';

/** A finite number without -0 (JSON has no negative zero). */
const number = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map((value) => value + 0);
const text = fc.string({ minLength: 1, maxLength: 20 });
const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const base64 = fc.base64String({ minLength: 4, maxLength: 24 }).filter((value) => value.length > 0);

const userPart: fc.Arbitrary<UserContentPartV1> = fc.oneof(
  text.map((value) => ({ type: 'text' as const, text: value })),
  fc.record({ url: fc.webUrl(), detail: fc.constantFrom('auto' as const, 'low' as const, 'high' as const) }).map(({ url, detail }) => ({
    type: 'image' as const,
    source: { type: 'url' as const, url },
    detail,
  })),
  fc.record({ data: base64, mediaType: fc.constantFrom('image/png', 'image/jpeg') }).map(({ data, mediaType }) => ({
    type: 'image' as const,
    source: { type: 'data' as const, data },
    mediaType,
  })),
  fc.record({ data: base64, format: fc.constantFrom('wav', 'mp3') }).map(({ data, format }) => ({
    type: 'file' as const,
    source: { type: 'data' as const, data },
    mediaType: `audio/${format}`,
  })),
  fc.record({ data: base64, filename: fc.constant('report.pdf') }).map(({ data, filename }) => ({
    type: 'file' as const,
    source: { type: 'data' as const, data },
    mediaType: 'application/pdf',
    filename,
  })),
  name.map((id) => ({ type: 'file' as const, source: { type: 'file-id' as const, fileId: `file-${id}` } })),
);

/** A conversation OpenAI can carry: system, user, an assistant turn with tool calls, their results, user. */
const conversation: fc.Arbitrary<ChatMessageV1[]> = fc
  .record({
    system: fc.option(text, { nil: undefined }),
    first: fc.array(userPart, { minLength: 1, maxLength: 3 }),
    assistantText: fc.option(text, { nil: undefined }),
    calls: fc.uniqueArray(fc.record({ id: name.map((id) => `call_${id}`), toolName: name, input: fc.json() }), {
      maxLength: 3,
      selector: (call) => call.id,
    }),
    // OpenAI's tool content is a string: a JSON output comes back as text, so only text outputs round-trip.
    results: fc.array(
      text.map((value) => ({ type: 'text' as const, value })),
      { minLength: 3, maxLength: 3 },
    ),
    last: text,
  })
  .map(({ system, first, assistantText, calls, results, last }) => {
    const messages: ChatMessageV1[] = [];
    if (system !== undefined) messages.push({ role: 'system', content: [{ type: 'text', text: system }] });
    messages.push({ role: 'user', content: first });
    if (assistantText !== undefined || calls.length > 0) {
      messages.push({
        role: 'assistant',
        content: [
          ...(assistantText === undefined ? [] : [{ type: 'text' as const, text: assistantText }]),
          ...calls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.id, toolName: call.toolName, input: call.input })),
        ],
      });
    }
    if (calls.length > 0) {
      const content: ToolResultPartV1[] = calls.map((call, index) => ({
        type: 'tool-result',
        toolCallId: call.id,
        toolName: call.toolName,
        output: results[index]!,
      }));
      messages.push({ role: 'tool', content });
    }
    messages.push({ role: 'user', content: [{ type: 'text', text: last }] });
    return messages;
  });

const request: fc.Arbitrary<ChatRequestV1> = fc
  .record(
    {
      messages: conversation,
      maxOutputTokens: fc.integer({ min: 1, max: 100_000 }),
      temperature: number(0, 2),
      topP: number(0, 1),
      topK: fc.integer({ min: 1, max: 100 }),
      stopSequences: fc.array(text, { minLength: 1, maxLength: 4 }),
      seed: fc.integer(),
      presencePenalty: number(-2, 2),
      frequencyPenalty: number(-2, 2),
      responseFormat: fc.oneof(
        fc.constant({ type: 'text' as const }),
        fc.constant({ type: 'json' as const }),
        fc.record({ type: fc.constant('json-schema' as const), name, schema: fc.constant({ type: 'object' }), strict: fc.boolean() }),
      ),
      tools: fc.array(
        fc.record({
          type: fc.constant('function' as const),
          name,
          description: text,
          inputSchema: fc.constant({ type: 'object', properties: {} }),
          strict: fc.boolean(),
        }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      toolChoice: fc.oneof(
        fc.constantFrom({ type: 'auto' as const }, { type: 'none' as const }, { type: 'required' as const }),
        name.map((toolName) => ({ type: 'tool' as const, toolName })),
      ),
      parallelToolCalls: fc.boolean(),
      reasoning: fc.constantFrom('minimal', 'low', 'medium', 'high').map((effort) => ({ effort: effort as 'low' })),
      user: text,
      metadata: fc.dictionary(name, text, { maxKeys: 2 }),
      providerOptions: fc.record({
        openai: fc.record({ logprobs: fc.boolean(), service_tier: fc.constantFrom('auto', 'flex') }, { requiredKeys: [] }),
      }),
    },
    { requiredKeys: ['messages'] },
  )
  .map((value) => ({ model: 'gpt-test', ...value }) as ChatRequestV1);

function dropEmptyOptions(value: ChatRequestV1): ChatRequestV1 {
  const copy = { ...value };
  if (copy.providerOptions !== undefined && Object.keys(copy.providerOptions.openai ?? {}).length === 0) delete copy.providerOptions;
  return copy;
}

function bodyOf(parts: readonly string[]): HttpResponseBody {
  const readable = Readable.from(parts.map((part) => Buffer.from(part)));
  return Object.assign(readable, {
    iterator: () => readable[Symbol.asyncIterator](),
    dump: async () => undefined,
  }) as unknown as HttpResponseBody;
}

describe('canonical → OpenAI wire → canonical', () => {
  it('keeps every request field OpenAI can carry', () => {
    fc.assert(
      fc.property(request, (canonical) => {
        const warnings: never[] = [];
        const wire = convertToOpenAICompatibleChatBody(canonical, { provider: 'openai', quirks: {} }, warnings);
        const decoded = openAIChatCodec.decode(JSON.parse(JSON.stringify(wire))).request;
        expect(decoded).toEqual(dropEmptyOptions(canonical));
        expect(warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every field of an answer OpenAI can carry', () => {
    const response: fc.Arbitrary<ChatResponseV1> = fc
      .record({
        reasoning: fc.option(text, { nil: undefined }),
        answer: fc.option(text, { nil: undefined }),
        calls: fc.uniqueArray(fc.record({ toolCallId: name.map((id) => `call_${id}`), toolName: name, input: fc.json() }), {
          maxLength: 3,
          selector: (call) => call.toolCallId,
        }),
        length: fc.boolean(),
        usage: fc.record({
          inputTokens: fc.nat(10_000),
          outputTokens: fc.nat(10_000),
          cacheReadTokens: fc.nat(100),
          reasoningTokens: fc.nat(100),
        }),
      })
      .map(({ reasoning, answer, calls, length, usage }) => ({
        content: [
          ...(reasoning === undefined ? [] : [{ type: 'reasoning' as const, text: reasoning }]),
          ...(answer === undefined ? [] : [{ type: 'text' as const, text: answer }]),
          ...calls.map((call) => ({ type: 'tool-call' as const, ...call })),
        ],
        finishReason:
          calls.length > 0
            ? { unified: 'tool-calls' as const, raw: 'tool_calls' }
            : length
              ? { unified: 'length' as const, raw: 'length' }
              : { unified: 'stop' as const, raw: 'stop' },
        usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
        metadata: { id: 'chatcmpl-1', model: 'gpt-test-2026', created: 1_700_000_000 },
        warnings: [],
      }));
    fc.assert(
      fc.property(response, (canonical) => {
        const wire = openAIChatCodec.encodeResponse(canonical, { encoding: { includeUsage: false }, model: 'gpt-test', requestId: 'r' });
        const normalized = normalizeOpenAICompatibleCompletion(JSON.parse(JSON.stringify(wire)), 'gpt-test')!;
        expect(parseOpenAICompatibleCompletion(normalized, [])).toEqual(canonical);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the text, reasoning, tool calls, finish and usage of a stream', async () => {
    const parts: ChatStreamPartV1[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'chatcmpl-s', model: 'gpt-test-2026', created: 1_700_000_000 },
      { type: 'reasoning-start', id: 'reasoning-1' },
      { type: 'reasoning-delta', id: 'reasoning-1', delta: 'Think' },
      { type: 'reasoning-end', id: 'reasoning-1' },
      { type: 'text-start', id: 'text-2' },
      { type: 'text-delta', id: 'text-2', delta: 'Hello' },
      { type: 'text-delta', id: 'text-2', delta: ', world' },
      { type: 'text-end', id: 'text-2' },
      { type: 'tool-input-start', id: 'call_a', toolName: 'search' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"q":' },
      { type: 'tool-input-delta', id: 'call_a', delta: '"x"}' },
      { type: 'tool-input-start', id: 'call_b', toolName: 'lookup' },
      { type: 'tool-input-delta', id: 'call_b', delta: '{}' },
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'search', input: '{"q":"x"}' },
      { type: 'tool-input-end', id: 'call_b' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'lookup', input: '{}' },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: { inputTokens: 9, outputTokens: 4, totalTokens: 13, cacheReadTokens: 2, reasoningTokens: 1 },
      },
    ];
    const encoder = openAIChatCodec.createStreamEncoder({ encoding: { includeUsage: true }, model: 'gpt-test', requestId: 'r' });
    const wire = parts.map((part) => encoder.part(part));
    const options = { provider: 'openai', model: 'gpt-test' };
    const decoded: ChatStreamPartV1[] = [];
    for await (const part of readOpenAICompatibleStream(bodyOf(wire), options, new OpenAICompatibleStreamParts(options, [])))
      decoded.push(part);
    // Block ids are the reader's own and tool blocks end together at the finish; everything else comes back.
    const order = (list: ChatStreamPartV1[]) => list.filter((part) => part.type !== 'tool-input-end' && part.type !== 'tool-call');
    expect(order(decoded).map((part) => part.type)).toEqual(order(parts).map((part) => part.type));
    expect(decoded.filter((part) => part.type === 'tool-call')).toEqual(parts.filter((part) => part.type === 'tool-call'));
    expect(decoded.filter((part) => part.type === 'text-delta').map((part) => (part as { delta: string }).delta)).toEqual([
      'Hello',
      ', world',
    ]);
    expect(decoded.at(-1)).toEqual(parts.at(-1));
    expect(decoded[1]).toEqual(parts[1]);
  });
});

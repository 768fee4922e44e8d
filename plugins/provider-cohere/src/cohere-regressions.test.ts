import type { ChatRequestV1, ChatStreamPartV1, ProviderV1 } from '@modelgate/core';
import {
  cohereConformanceUpstream,
  collectStreamParts,
  partsOfType,
  streamPartProblems,
  type CohereStreamEvent,
  type ConformanceUpstream,
  type RecordingServer,
} from '@modelgate/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createCohereProvider } from './create-cohere-provider.js';
import { startWireServer, type WireAnswer } from './test-fixtures/cohere-wire-server.js';

/**
 * One test (at least) per known gateway translation bug (provider-formats §12) that applies to Cohere v2:
 * each would fail if the plugin made that mistake.
 */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const model = 'command-a-03-2025';
const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] });

async function withMock(): Promise<{ upstream: ConformanceUpstream; provider: ProviderV1 }> {
  const upstream = await cohereConformanceUpstream().start();
  const provider = createCohereProvider({ baseURL: upstream.baseURL, apiKey: upstream.apiKey });
  closers.push(
    () => provider.close(),
    () => upstream.close(),
  );
  return { upstream, provider };
}

async function withWire(...answers: WireAnswer[]): Promise<{ server: RecordingServer; provider: ProviderV1 }> {
  const server = await startWireServer(...answers);
  const provider = createCohereProvider({ baseURL: server.url, apiKey: 'co-test' });
  closers.push(
    () => provider.close(),
    () => server.close(),
  );
  return { server, provider };
}

/** The body the plugin sends for a request (answered with a short text). */
async function sentBody(request: ChatRequestV1): Promise<Record<string, unknown>> {
  const { upstream, provider } = await withMock();
  upstream.enqueue({ type: 'text', text: 'ok' });
  await provider.chat(model).generate(request, {});
  return upstream.requests[0]!.body as Record<string, unknown>;
}

async function streamParts(...events: CohereStreamEvent[]): Promise<ChatStreamPartV1[]> {
  const { provider } = await withWire({ events });
  const stream = await provider.chat(model).stream({ model: 'alias', messages: [user('Go.')] }, {});
  const { parts, didThrow } = await collectStreamParts(stream.parts);
  expect(didThrow).toBe(false);
  expect(streamPartProblems(parts)).toEqual([]);
  return parts;
}

const start: CohereStreamEvent = { id: 'msg-1', type: 'message-start', delta: { message: { role: 'assistant' } } };
const usage = {
  billed_units: { input_tokens: 40, output_tokens: 9 },
  tokens: { input_tokens: 1549, output_tokens: 95 },
  cached_tokens: 1504,
};
const end = (finish: string): CohereStreamEvent => ({ type: 'message-end', delta: { finish_reason: finish, usage } });
const callStart = (index: number, id: string, name: string): CohereStreamEvent => ({
  type: 'tool-call-start',
  index,
  delta: { message: { tool_calls: { id, type: 'function', function: { name, arguments: '' } } } },
});
const callDelta = (index: number, fragment: string): CohereStreamEvent => ({
  type: 'tool-call-delta',
  index,
  delta: { message: { tool_calls: { function: { arguments: fragment } } } },
});
const callEnd = (index: number): CohereStreamEvent => ({ type: 'tool-call-end', index });
const calls = (parts: ChatStreamPartV1[]) => partsOfType(parts, 'tool-call').map((part) => [part.toolCallId, part.toolName, part.input]);

describe('§12 regressions in the Cohere plugin', () => {
  it('#1 parallel streamed calls stay apart: one block per call id, never merged or indexed by content block', async () => {
    const parts = await streamParts(
      start,
      { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } },
      { type: 'content-delta', index: 0, delta: { message: { content: { text: 'Both.' } } } },
      { type: 'content-end', index: 0 },
      callStart(0, 'weather_a1', 'weather'),
      callDelta(0, '{"city":'),
      callDelta(0, '"Oslo"}'),
      callEnd(0),
      callStart(1, 'time_b2', 'time'),
      callDelta(1, '{"zone":"CET"}'),
      callEnd(1),
      end('TOOL_CALL'),
    );
    expect(calls(parts)).toEqual([
      ['weather_a1', 'weather', '{"city":"Oslo"}'],
      ['time_b2', 'time', '{"zone":"CET"}'],
    ]);
    expect(partsOfType(parts, 'tool-input-start').map((part) => [part.id, part.toolName])).toEqual([
      ['weather_a1', 'weather'],
      ['time_b2', 'time'],
    ]);
  });

  it('#2 interleaved deltas of two calls go to the call their index names, not to the last one started', async () => {
    const parts = await streamParts(
      start,
      callStart(0, 'search_1', 'search'),
      callStart(1, 'search_2', 'search'),
      callDelta(1, '{"q":"b"}'),
      callDelta(0, '{"q":"a"}'),
      callEnd(0),
      callEnd(1),
      end('TOOL_CALL'),
    );
    expect(calls(parts)).toEqual([
      ['search_1', 'search', '{"q":"a"}'],
      ['search_2', 'search', '{"q":"b"}'],
    ]);
  });

  it('#3 a stream finishes with the usage of message-end', async () => {
    const parts = await streamParts(start, end('COMPLETE'));
    expect(partsOfType(parts, 'finish')[0]?.usage).toEqual({
      inputTokens: 1549,
      outputTokens: 95,
      totalTokens: 1644,
      cacheReadTokens: 1504,
    });
  });

  it('#4 input counts come from usage.tokens (cached tokens inside, never added), billed units kept aside', async () => {
    const { provider } = await withWire({
      json: { id: 'x', finish_reason: 'MAX_TOKENS', message: { role: 'assistant', content: [{ type: 'text', text: 'OK.' }] }, usage },
    });
    const { response } = await provider.chat(model).generate({ model: 'alias', messages: [user('Hi')] }, {});
    expect(response.usage).toEqual({ inputTokens: 1549, outputTokens: 95, totalTokens: 1644, cacheReadTokens: 1504 });
    expect(response.providerMetadata?.cohere).toMatchObject({ billedUnits: { input_tokens: 40, output_tokens: 9 } });
    expect(response.finishReason).toEqual({ unified: 'length', raw: 'MAX_TOKENS' });
  });

  it('#5 several system messages, one between turns, all stay in place; a system-only prompt is sent as is', async () => {
    const body = await sentBody({
      model: 'alias',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be terse.' }] },
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
        user('Hello'),
        { role: 'assistant', content: [{ type: 'text', text: 'Bonjour.' }] },
        { role: 'system', content: [{ type: 'text', text: 'Now answer in German.' }] },
        user('Again'),
      ],
    });
    expect((body.messages as { role: string; content: unknown }[]).map((message) => [message.role, message.content])).toEqual([
      ['system', 'Be terse.'],
      ['system', 'Answer in French.'],
      ['user', 'Hello'],
      ['assistant', 'Bonjour.'],
      ['system', 'Now answer in German.'],
      ['user', 'Again'],
    ]);
    const only = await sentBody({ model: 'alias', messages: [{ role: 'system', content: [{ type: 'text', text: 'Say hi.' }] }] });
    expect(only.messages).toEqual([{ role: 'system', content: 'Say hi.' }]);
  });

  it('#6 every parallel tool result follows its call turn as a role:tool message paired by tool_call_id, in order', async () => {
    const body = await sentBody({
      model: 'alias',
      messages: [
        user('Weather?'),
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'w_1', toolName: 'weather', input: '{"city":"Oslo"}' },
            { type: 'tool-call', toolCallId: 'w_2', toolName: 'weather', input: '{"city":"Lima"}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'w_1', output: { type: 'json', value: { c: -3 } } },
            { type: 'tool-result', toolCallId: 'w_2', output: { type: 'text', value: '18 C' } },
          ],
        },
      ],
    });
    expect((body.messages as Record<string, unknown>[]).slice(1)).toEqual([
      {
        role: 'assistant',
        tool_calls: [
          { id: 'w_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
          { id: 'w_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Lima"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'w_1', content: '{"c":-3}' },
      { role: 'tool', tool_call_id: 'w_2', content: '18 C' },
    ]);
  });

  it('#7 tool choice none keeps the tools (history still has calls); parallelToolCalls false warns, forces nothing', async () => {
    const tool = { type: 'function' as const, name: 'weather', inputSchema: { type: 'object', properties: {} } };
    const { upstream, provider } = await withMock();
    upstream.enqueue({ type: 'text', text: 'ok' });
    const { response } = await provider.chat(model).generate(
      {
        model: 'alias',
        messages: [
          user('Weather?'),
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'w_1', toolName: 'weather', input: '{}' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'w_1', output: { type: 'text', value: 'sunny' } }] },
        ],
        tools: [tool],
        toolChoice: { type: 'none' },
        parallelToolCalls: false,
      },
      {},
    );
    const body = upstream.requests[0]!.body as Record<string, unknown>;
    expect(body.tool_choice).toBe('NONE');
    expect(body.tools).toHaveLength(1);
    expect(response.warnings.map((warning) => warning.setting)).toEqual(['parallelToolCalls']);
    const strict = await provider
      .chat(model)
      .generate({ model: 'alias', messages: [user('x')], tools: [tool], parallelToolCalls: false }, { strict: true })
      .catch((error: unknown) => error);
    expect(strict).toMatchObject({ status: 400, param: 'parallelToolCalls' });
    expect(upstream.requests).toHaveLength(1);
  });

  it('#8 an image URL goes as a URL (never downloaded), inline data as a data URL, a data: URL never as a file name', async () => {
    const body = await sentBody({
      model: 'alias',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            { type: 'image', source: { type: 'url', url: 'data:image/jpeg;base64,/9j/4AAQ' } },
            { type: 'image', source: { type: 'data', data: 'iVBORw0K' }, mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect((body.messages as { content: { image_url: { url: string } }[] }[])[0]!.content.map((item) => item.image_url.url)).toEqual([
      'https://example.com/a.png',
      'data:image/jpeg;base64,/9j/4AAQ',
      'data:image/png;base64,iVBORw0K',
    ]);
  });

  it('#9 JSON mode is the native response_format: no synthetic tool, no empty schema, and the answer finishes with stop', async () => {
    const { upstream, provider } = await withMock();
    upstream.enqueue({ type: 'text', text: '{"city":"Oslo"}' });
    const { response } = await provider
      .chat(model)
      .generate({ model: 'alias', messages: [user('City?')], responseFormat: { type: 'json' } }, {});
    const body = upstream.requests[0]!.body as Record<string, unknown>;
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.tools).toBeUndefined();
    expect(response.content).toEqual([{ type: 'text', text: '{"city":"Oslo"}' }]);
    expect(response.finishReason).toEqual({ unified: 'stop', raw: 'COMPLETE' });
  });

  it('#10 finish reasons are read after the content: a call finishes for tool-calls even when Cohere says COMPLETE', async () => {
    const parts = await streamParts(start, callStart(0, 'f_1', 'f'), callDelta(0, '{}'), callEnd(0), end('COMPLETE'));
    expect(partsOfType(parts, 'finish')[0]?.finishReason).toEqual({ unified: 'tool-calls', raw: 'COMPLETE' });
    const failed = await streamParts(start, { type: 'message-end', delta: { finish_reason: 'TIMEOUT', usage } });
    expect(partsOfType(failed, 'finish')).toHaveLength(0);
    expect(partsOfType(failed, 'error')[0]?.error.message).toContain('TIMEOUT');
    const { provider } = await withWire({ json: { id: 'x', finish_reason: 'ERROR', message: { role: 'assistant' }, usage } });
    const error = await provider
      .chat(model)
      .generate({ model: 'alias', messages: [user('Hi')] }, {})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'UpstreamError', isRetryable: true });
  });

  it('#11 no empty text goes upstream: an assistant turn with calls and empty text has neither content nor tool_plan', async () => {
    const body = await sentBody({
      model: 'alias',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: '' },
            { type: 'tool-call', toolCallId: 'c_1', toolName: 'look', input: '{}' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c_1', output: { type: 'text', value: 'done' } }] },
      ],
    });
    const [first, assistant] = body.messages as Record<string, unknown>[];
    expect(first!.content).toEqual([{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }]);
    expect(assistant).toEqual({
      role: 'assistant',
      tool_calls: [{ id: 'c_1', type: 'function', function: { name: 'look', arguments: '{}' } }],
    });
  });

  it("#12 other providers' tool ids and JSON Schemas go through unchanged, and Cohere's ids come back unchanged", async () => {
    const schema = {
      type: 'object',
      properties: { tags: { type: ['array', 'null'], items: { type: 'string' } } },
      additionalProperties: false,
      $schema: 'x',
    };
    const body = await sentBody({
      model: 'alias',
      messages: [
        user('Tag it.'),
        { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'toolu_01A09q90qw90lq917835lq9', toolName: 'tag', input: '{}' }] },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'toolu_01A09q90qw90lq917835lq9', output: { type: 'text', value: 'ok' } }],
        },
      ],
      tools: [{ type: 'function', name: 'tag', inputSchema: schema }],
    });
    const messages = body.messages as { tool_calls?: { id: string }[]; tool_call_id?: string }[];
    expect(messages[1]!.tool_calls![0]!.id).toBe('toolu_01A09q90qw90lq917835lq9');
    expect(messages[2]!.tool_call_id).toBe('toolu_01A09q90qw90lq917835lq9');
    expect((body.tools as { function: { parameters: unknown } }[])[0]!.function.parameters).toEqual(schema);
    const parts = await streamParts(start, callStart(0, 'tag_pyxssbwnq9fq', 'tag'), callDelta(0, 'null'), callEnd(0), end('TOOL_CALL'));
    expect(calls(parts)).toEqual([['tag_pyxssbwnq9fq', 'tag', '{}']]);
  });
});

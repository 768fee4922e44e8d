import {
  ContextWindowExceededError,
  UpstreamError,
  type ChatRequestV1,
  type ChatStreamPartV1,
  type ChatStreamV1,
  type NativeChatStreamV1,
  type NativeStreamPartV1,
  type PluginLogger,
} from '@modelgate/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalOpenAIServer, writeEvents, writeJson, type LocalOpenAIServer } from '../test-fixtures/local-openai-server.js';
import { OpenAICompatibleProvider } from './openai-compatible-provider.js';
import type { OpenAICompatibleProviderSettings, OpenAICompatibleQuirks } from './openai-compatible-settings.js';

let server: LocalOpenAIServer;
const providers: OpenAICompatibleProvider[] = [];

beforeAll(async () => {
  server = await startLocalOpenAIServer();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
  server.reset();
});
afterAll(() => server.close());

function model(quirks: OpenAICompatibleQuirks = {}, settings: Partial<OpenAICompatibleProviderSettings> = {}) {
  const provider = new OpenAICompatibleProvider({ name: 'local', baseURL: server.baseURL, apiKey: 'sk-test', quirks, ...settings });
  providers.push(provider);
  return provider.chat('gpt-4.1-mini');
}

async function collect(stream: ChatStreamV1): Promise<ChatStreamPartV1[]> {
  const parts: ChatStreamPartV1[] = [];
  for await (const part of stream.parts) parts.push(part);
  return parts;
}

/** The parts, with each run of events split back into single events: how reads group them is the network's doing. */
async function collectNative(stream: NativeChatStreamV1): Promise<NativeStreamPartV1[]> {
  const parts: NativeStreamPartV1[] = [];
  for await (const part of stream.parts) {
    if (part.type === 'events') for (const data of part.data) parts.push({ type: 'event', data });
    else parts.push(part);
  }
  return parts;
}

const base = {
  id: 'chatcmpl-s1',
  object: 'chat.completion.chunk',
  created: 1_741_569_952,
  model: 'gpt-4.1-mini-2025-04-14',
  system_fingerprint: 'fp_1',
  service_tier: 'default',
};
const chunk = (delta: object, finish: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  usage: null,
});
const usage = { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 } };
const canonicalUsage = { inputTokens: 9, outputTokens: 2, totalTokens: 11, cacheReadTokens: 0 };
const openAIStream = [
  chunk({ role: 'assistant', content: '', refusal: null }),
  chunk({ content: 'Hello' }),
  chunk({ content: ' world' }),
  chunk({}, 'stop'),
  { ...base, choices: [], usage },
];
const request: ChatRequestV1 = { model: 'smart', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };
const nativeBody = { model: 'smart', messages: [{ role: 'user', content: 'Hi' }], stream: true };
/** The same, from a client that asked for the usage chunk. */
const nativeUsageBody = { ...nativeBody, stream_options: { include_usage: true } };

function text(parts: readonly ChatStreamPartV1[]): string {
  return parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
}

function types(parts: readonly { type: string }[]): string[] {
  return parts.map((part) => part.type);
}

describe('OpenAICompatibleChatModel.stream', () => {
  it('sends stream + include_usage and yields start, metadata, one text block, then one finish with usage', async () => {
    server.handle((_request, response) => writeEvents(response, openAIStream));
    const stream = await model().stream(request, {});
    const parts = await collect(stream);
    expect(server.requests[0]!.body).toEqual({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(server.requests[0]!.headers.accept).toBe('text/event-stream');
    expect(stream.upstream).toEqual({ status: 200, headers: { 'x-request-id': 'req_stream' } });
    expect(parts).toEqual([
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'chatcmpl-s1', model: 'gpt-4.1-mini-2025-04-14', created: 1_741_569_952 },
      { type: 'text-start', id: 'text-1' },
      { type: 'text-delta', id: 'text-1', delta: 'Hello' },
      { type: 'text-delta', id: 'text-1', delta: ' world' },
      { type: 'text-end', id: 'text-1' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: canonicalUsage },
    ]);
  });

  it('does not send stream_options to hosts that reject it', async () => {
    server.handle((_request, response) => writeEvents(response, openAIStream));
    await collect(await model({ supportsStreamOptions: false }).stream(request, {}));
    expect(server.requests[0]!.body).toEqual({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
  });

  it('copes with CRLF framing, comment lines and chunks split mid-character', async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const body = Buffer.from(
        `: OPENROUTER PROCESSING\r\n\r\ndata: ${JSON.stringify(chunk({ content: 'héllo 👋' }))}\r\n\r\ndata: [DONE]\r\n\r\n`,
      );
      for (let offset = 0; offset < body.length; offset += 7) response.write(body.subarray(offset, offset + 7));
      response.end();
    });
    const parts = await collect(await model().stream(request, {}));
    expect(text(parts)).toBe('héllo 👋');
    expect(types(parts)).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta', 'text-end', 'finish']);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'stop' } });
  });

  it('normalises Gemini-style tool calls (no index) and maps reasoning, finishing with tool-calls', async () => {
    server.handle((_request, response) =>
      writeEvents(response, [
        chunk({ role: 'assistant', reasoning: 'Need the weather.' }),
        chunk({ tool_calls: [{ id: 'fc_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }),
        chunk({ tool_calls: [{ id: 'fc_2', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }),
        chunk({}, 'stop'),
      ]),
    );
    const parts = await collect(await model().stream(request, {}));
    expect(parts.slice(2)).toEqual([
      { type: 'reasoning-start', id: 'reasoning-1' },
      { type: 'reasoning-delta', id: 'reasoning-1', delta: 'Need the weather.' },
      { type: 'reasoning-end', id: 'reasoning-1' },
      { type: 'tool-input-start', id: 'fc_1', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'fc_1', delta: '{"city":"Paris"}' },
      { type: 'tool-input-start', id: 'fc_2', toolName: 'get_time' },
      { type: 'tool-input-delta', id: 'fc_2', delta: '{}' },
      { type: 'tool-input-end', id: 'fc_1' },
      { type: 'tool-call', toolCallId: 'fc_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
      { type: 'tool-input-end', id: 'fc_2' },
      { type: 'tool-call', toolCallId: 'fc_2', toolName: 'get_time', input: '{}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'stop' } },
    ]);
  });

  it('assembles a tool call streamed in fragments into one complete input', async () => {
    server.handle((_request, response) =>
      writeEvents(response, [
        chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'search', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"paris"}' } }] }),
        chunk({}, 'tool_calls'),
      ]),
    );
    const parts = await collect(await model().stream(request, {}));
    expect(parts.filter((part) => part.type === 'tool-input-delta').map((part) => part.delta)).toEqual(['{"q":', '"paris"}']);
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'search', input: '{"q":"paris"}' },
    ]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' } });
  });

  it('takes usage from the last content chunk when no usage-only chunk comes', async () => {
    server.handle((_request, response) => writeEvents(response, [chunk({ content: 'x' }), { ...chunk({}, 'stop'), usage }]));
    const parts = await collect(await model().stream(request, {}));
    expect(parts.filter((part) => part.type === 'finish')).toEqual([
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: canonicalUsage },
    ]);
  });

  it('reports dropped fields as warnings on stream-start', async () => {
    server.handle((_request, response) => writeEvents(response, openAIStream));
    const parts = await collect(await model({ unsupportedFields: ['seed'] }).stream({ ...request, seed: 7 }, {}));
    expect(server.requests[0]!.body).not.toHaveProperty('seed');
    expect(parts[0]).toEqual({
      type: 'stream-start',
      warnings: [{ type: 'unsupported-setting', setting: 'seed', message: expect.stringContaining('"seed"') }],
    });
  });

  it('refuses, under strict, what it would drop, before any upstream call, on both paths', async () => {
    const strict = model({ unsupportedFields: ['seed'] });
    await expect(strict.stream({ ...request, seed: 7 }, { strict: true })).rejects.toMatchObject({ status: 400, param: 'seed' });
    await expect(strict.generate({ ...request, seed: 7 }, { strict: true })).rejects.toMatchObject({ status: 400, param: 'seed' });
    const native = { format: 'openai-chat', body: { model: 'x', messages: [{ role: 'user', content: 'hi' }], seed: 7 } };
    await expect(strict.nativePath!('openai-chat')!.generate(native, { strict: true })).rejects.toMatchObject({
      status: 400,
      param: 'seed',
    });
    await expect(strict.nativePath!('openai-chat')!.stream(native, { strict: true })).rejects.toMatchObject({ status: 400, param: 'seed' });
    expect(server.requests).toHaveLength(0);
  });

  it('rejects (does not open) on HTTP errors, so the router can retry', async () => {
    server.handle((_request, response) =>
      writeJson(response, 429, { error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '2' }),
    );
    const error = (await model()
      .stream(request, {})
      .catch((caught: unknown) => caught)) as UpstreamError;
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ upstreamStatus: 429, isRetryable: true, retryAfterMs: 2000 });
    server.handle((_request, response) => writeJson(response, 400, { error: { message: 'too long', code: 'context_length_exceeded' } }));
    expect(
      ContextWindowExceededError.isInstance(
        await model()
          .stream(request, {})
          .catch((caught: unknown) => caught),
      ),
    ).toBe(true);
  });

  it('rejects when the host answers a stream request with JSON', async () => {
    server.handle((_request, response) => writeJson(response, 200, { error: { message: 'streaming unsupported here' } }));
    await expect(model().stream(request, {})).rejects.toThrow(/streaming unsupported here/);
  });

  it('turns a connection dropped mid-stream into one error part, never a finish', async () => {
    server.handle((_request, response) => {
      writeEvents(response, [chunk({ content: 'partial' })], { done: false, end: false });
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const parts = await collect(await model().stream(request, {}));
    expect(text(parts)).toBe('partial');
    expect(types(parts)).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta', 'error']);
    const last = parts.at(-1);
    expect(last?.type === 'error' && UpstreamError.isInstance(last.error)).toBe(true);
  });

  it('reports a stream that ends without [DONE] as an error, not a finish', async () => {
    server.handle((_request, response) => writeEvents(response, [chunk({ content: 'a' }), chunk({}, 'stop')], { done: false }));
    const parts = await collect(await model().stream(request, {}));
    expect(types(parts)).not.toContain('finish');
    const last = parts.at(-1)!;
    expect(last.type).toBe('error');
    expect(last.type === 'error' && last.error.message).toContain('without [DONE]');
  });

  it('reports malformed JSON and upstream error events as one error part', async () => {
    server.handle((_request, response) => writeEvents(response, [chunk({ content: 'a' }), '{"choices": [', chunk({ content: 'never' })]));
    const malformed = await collect(await model().stream(request, {}));
    expect(types(malformed)).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta', 'error']);
    expect(text(malformed)).toBe('a');

    server.handle((_request, response) =>
      writeEvents(
        response,
        [chunk({ content: 'a' }), { error: { message: 'The server had an error while processing your request.', type: 'server_error' } }],
        { done: false },
      ),
    );
    const failed = await collect(await model().stream(request, {}));
    expect(types(failed)).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta', 'error']);
    const last = failed.at(-1)!;
    const error = last.type === 'error' ? last.error : undefined;
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error?.message).toContain('The server had an error while processing your request.');
  });

  it('destroys the upstream request when the consumer stops early', async () => {
    server.handle((_request, response) => writeEvents(response, [chunk({ content: 'first' })], { done: false, end: false }));
    const stream = await model().stream(request, {});
    for await (const part of stream.parts) {
      expect(part.type).toBe('stream-start');
      break;
    }
    expect(await server.closed(0)).toEqual({ finished: false });
  });

  it('cancels the upstream and throws the reason when the signal aborts mid-stream', async () => {
    server.handle((_request, response) => writeEvents(response, [chunk({ content: 'first' })], { done: false, end: false }));
    const controller = new AbortController();
    const stream = await model().stream(request, { signal: controller.signal });
    const reason = new Error('client went away');
    const seen: string[] = [];
    const consumed = (async () => {
      for await (const part of stream.parts) {
        seen.push(part.type);
        controller.abort(reason);
      }
    })();
    await expect(consumed).rejects.toBe(reason);
    // The parts of the one event already read still come; nothing after the abort, neither finish nor error.
    expect(seen).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta']);
    expect(await server.closed(0)).toEqual({ finished: false });
  });

  it('keeps the connection alive across streams that end with [DONE] (the tail is drained, not destroyed)', async () => {
    server.handle((_request, response) => {
      // The HTTP body ends a little after [DONE]: destroying it instead of draining would cost the socket.
      writeEvents(response, openAIStream, { end: false });
      setTimeout(() => response.end(), 5);
    });
    const chat = model();
    const before = server.connections;
    for (let round = 0; round < 6; round += 1) {
      const parts = await collect(await chat.stream(request, {}));
      expect(parts.at(-1)?.type).toBe('finish');
      expect(await server.closed(round)).toEqual({ finished: true });
      // `finish` goes out at [DONE]; the end of the HTTP body is drained in the background.
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // undici's Pool may open another socket while a drain is pending (more often on a busy machine); a leak gives 6.
    expect(server.connections - before).toBeLessThanOrEqual(3);
  });

  it('keeps the connection alive across generate calls', async () => {
    server.handle((_request, response) =>
      writeJson(response, 200, {
        id: 'c',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      }),
    );
    const chat = model();
    const before = server.connections;
    for (let round = 0; round < 6; round += 1) {
      const { response } = await chat.generate(request, {});
      expect(response.content).toEqual([{ type: 'text', text: 'ok' }]);
    }
    expect(server.connections - before).toBeLessThanOrEqual(2);
  });
});

describe('OpenAICompatibleChatModel native stream', () => {
  it('forwards plain content events byte for byte and marks the usage-only chunk (the client asked for usage)', async () => {
    // A host that escapes non-ASCII text (as Python's json does): re-serialising would write "é", so only an
    // untouched event keeps "\u00e9". OpenAI sends `"usage":null` on every chunk once usage is asked for.
    const escaped = JSON.stringify(openAIStream[1]).replace('"Hello"', '"H\\u00e9llo"');
    server.handle((_request, response) => writeEvents(response, [openAIStream[0]!, escaped, ...openAIStream.slice(2)]));
    const chat = model();
    expect(chat.nativePath?.('openai-chat')?.format).toBe('openai-chat');
    const stream = await chat.nativePath!('openai-chat')!.stream({ format: 'openai-chat', body: nativeUsageBody }, {});
    const parts = await collectNative(stream);
    expect(server.requests[0]!.body).toEqual({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(stream.upstream).toEqual({ status: 200, headers: { 'x-request-id': 'req_stream' } });
    expect(types(parts)).toEqual(['event', 'event', 'event', 'event', 'event', 'finish']);
    const events = parts.filter((part) => part.type === 'event');
    // Content chunks go out exactly as the host sent them.
    expect(events[1]!.data).toBe(escaped);
    expect(escaped).toContain('"content":"H\\u00e9llo"');
    expect(events[2]!.data).toBe(JSON.stringify(openAIStream[2]));
    expect(events.slice(0, 4).map((event) => event.usageOnly)).toEqual([undefined, undefined, undefined, undefined]);
    expect(events[4]!.usageOnly).toBe(true);
    expect(JSON.parse(events[4]!.data)).toMatchObject({ id: 'chatcmpl-s1', choices: [], usage });
    expect(JSON.parse(events[3]!.data)).toMatchObject({ choices: [{ index: 0, finish_reason: 'stop' }] });
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: canonicalUsage });
  });

  it('normalises tool-call chunks (indexes 0, 1) and finishes with tool-calls', async () => {
    server.handle((_request, response) =>
      writeEvents(response, [
        chunk({ role: 'assistant', content: null }),
        chunk({ tool_calls: [{ id: 'fc_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }),
        chunk({ tool_calls: [{ id: 'fc_2', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }),
        { ...chunk({}, 'stop'), usage },
      ]),
    );
    const parts = await collectNative(
      await model().nativePath!('openai-chat')!.stream({ format: 'openai-chat', body: nativeUsageBody }, {}),
    );
    const events = parts.flatMap((part) =>
      part.type === 'event'
        ? [JSON.parse(part.data) as { choices: { delta: { tool_calls?: unknown[] }; finish_reason: string | null }[] }]
        : [],
    );
    const toolCalls = events.flatMap((event) => event.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(toolCalls).toEqual([
      { index: 0, id: 'fc_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { index: 1, id: 'fc_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ]);
    expect(events.flatMap((event) => event.choices.map((choice) => choice.finish_reason)).filter((reason) => reason !== null)).toEqual([
      'tool_calls',
    ]);
    // Usage came on the last content chunk: a usage-only event is owed at the end.
    const usageOnly = parts.filter((part) => part.type === 'event' && part.usageOnly === true);
    expect(usageOnly).toHaveLength(1);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'stop' }, usage: canonicalUsage });
  });

  it('makes no usage-only event for a client that did not ask for usage; the finish still carries it', async () => {
    server.handle((_request, response) => writeEvents(response, openAIStream));
    const parts = await collectNative(await model().nativePath!('openai-chat')!.stream({ format: 'openai-chat', body: nativeBody }, {}));
    // Usage is still asked of the host, for the gateway's accounting.
    expect(server.requests[0]!.body).toMatchObject({ stream_options: { include_usage: true } });
    expect(parts.filter((part) => part.type === 'event' && part.usageOnly === true)).toEqual([]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: canonicalUsage });
  });

  it('turns a connection dropped mid-stream into one error part, never a finish', async () => {
    server.handle((_request, response) => {
      writeEvents(response, [chunk({ role: 'assistant', content: '' }), chunk({ content: 'partial' })], { done: false, end: false });
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const parts = await collectNative(await model().nativePath!('openai-chat')!.stream({ format: 'openai-chat', body: nativeBody }, {}));
    expect(types(parts)).toEqual(['event', 'event', 'error']);
    const last = parts.at(-1);
    expect(last?.type === 'error' && UpstreamError.isInstance(last.error)).toBe(true);
  });

  it('rejects on HTTP errors before the stream opens, and never mutates the client body', async () => {
    server.handle((_request, response) => writeJson(response, 503, { error: { message: 'overloaded', type: 'server_error' } }));
    const body = { ...nativeBody, stream_options: { include_usage: false } };
    const error = (await model().nativePath!('openai-chat')!
      .stream({ format: 'openai-chat', body }, {})
      .catch((caught: unknown) => caught)) as UpstreamError;
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ upstreamStatus: 503, isRetryable: true });
    expect(body).toEqual({ ...nativeBody, stream_options: { include_usage: false } });
  });
});

describe('OpenAICompatibleChatModel.native.generate', () => {
  const completion = {
    id: 'chatcmpl-n1',
    object: 'chat.completion',
    created: 1_741_569_952,
    model: 'gpt-4.1-mini-2025-04-14',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!', refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage,
  };

  it('returns the upstream text unchanged when nothing needed normalising', async () => {
    // Spacing JSON.stringify would never produce: only an untouched body keeps it.
    const upstreamText = JSON.stringify(completion, null, 1);
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_n' });
      response.end(upstreamText);
    });
    const result = await model().nativePath!('openai-chat')!.generate(
      { format: 'openai-chat', body: { model: 'smart', messages: [{ role: 'user', content: 'Hi' }], stream: false } },
      {},
    );
    expect(server.requests[0]!.body).toEqual({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(result.body).toBe(upstreamText);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.usage).toEqual(canonicalUsage);
    expect(result.upstream).toEqual({ status: 200, headers: { 'x-request-id': 'req_n' } });
  });

  it('returns normalised JSON when the answer needed it (message.reasoning → reasoning_content)', async () => {
    const message = { role: 'assistant', content: 'Paris.', reasoning: 'Capital of France.' };
    server.handle((_request, response) =>
      writeJson(response, 200, { ...completion, choices: [{ index: 0, message, finish_reason: 'stop' }] }),
    );
    const result = await model().nativePath!('openai-chat')!.generate(
      { format: 'openai-chat', body: { model: 'smart', messages: [{ role: 'user', content: 'Hi' }] } },
      {},
    );
    const body = JSON.parse(result.body) as { choices: { message: Record<string, unknown> }[] };
    expect(body.choices[0]!.message).toEqual({ role: 'assistant', content: 'Paris.', reasoning_content: 'Capital of France.' });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
  });

  it('drops fields the host rejects, logs them once and reports them as warnings', async () => {
    server.handle((_request, response) => writeJson(response, 200, completion));
    const warn = vi.fn();
    const logger: PluginLogger = { debug() {}, info() {}, warn, error() {} };
    const chat = model({ unsupportedFields: ['logit_bias'] }, { logger });
    const body = { model: 'smart', messages: [{ role: 'user', content: 'Hi' }], logit_bias: { '1': 2 } };
    const first = await chat.nativePath!('openai-chat')!.generate({ format: 'openai-chat', body }, {});
    const second = await chat.nativePath!('openai-chat')!.generate({ format: 'openai-chat', body }, {});
    expect(server.requests[0]!.body).toEqual({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(body.logit_bias).toEqual({ '1': 2 });
    expect(warn).toHaveBeenCalledTimes(1);
    for (const result of [first, second]) {
      expect(result.warnings).toEqual([
        { type: 'unsupported-setting', setting: 'logit_bias', message: expect.stringContaining('"logit_bias"') },
      ]);
    }
  });
});

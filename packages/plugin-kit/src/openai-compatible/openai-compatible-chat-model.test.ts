import { ContextWindowExceededError, UpstreamError, type ChatRequest, type ChatStreamEventV1, type ChatStreamV1 } from '@modelgate/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOpenAIServer, writeEvents, writeJson, type LocalOpenAIServer } from '../test-fixtures/local-openai-server.js';
import { OpenAICompatibleProvider } from './openai-compatible-provider.js';
import type { OpenAICompatibleQuirks } from './openai-compatible-settings.js';

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

function model(quirks: OpenAICompatibleQuirks = {}) {
  const provider = new OpenAICompatibleProvider({ name: 'local', baseURL: server.baseURL, apiKey: 'sk-test', quirks });
  providers.push(provider);
  return provider.chat('gpt-4.1-mini');
}

async function collect(stream: ChatStreamV1): Promise<ChatStreamEventV1[]> {
  const events: ChatStreamEventV1[] = [];
  for await (const event of stream.events) events.push(event);
  return events;
}

const base = { id: 'chatcmpl-s1', object: 'chat.completion.chunk', created: 1_741_569_952, model: 'gpt-4.1-mini-2025-04-14', system_fingerprint: 'fp_1', service_tier: 'default' };
const chunk = (delta: object, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null });
const usage = { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 } };
const openAIStream = [
  chunk({ role: 'assistant', content: '', refusal: null }),
  chunk({ content: 'Hello' }),
  chunk({ content: ' world' }),
  chunk({}, 'stop'),
  { ...base, choices: [], usage },
];
const request: ChatRequest = { model: 'smart', messages: [{ role: 'user', content: 'Hi' }], stream: true };

function text(events: ChatStreamEventV1[]): string {
  return events.map((event) => (event.type === 'chunk' ? (event.chunk.choices[0]?.delta.content ?? '') : '')).join('');
}

describe('OpenAICompatibleChatModel.stream', () => {
  it('sends stream + include_usage and yields chunks, the usage-only chunk, then finish with usage', async () => {
    server.handle((_request, response) => writeEvents(response, openAIStream));
    const stream = await model().stream(request, {});
    const events = await collect(stream);
    expect(server.requests[0]!.body).toEqual({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
    expect(server.requests[0]!.headers.accept).toBe('text/event-stream');
    expect(stream.upstream).toEqual({ status: 200, headers: { 'x-request-id': 'req_stream' } });
    expect(text(events)).toBe('Hello world');
    expect(events.map((event) => event.type)).toEqual(['chunk', 'chunk', 'chunk', 'chunk', 'chunk', 'finish']);
    const usageChunk = events[4] as { type: 'chunk'; chunk: { choices: unknown[]; usage: unknown } };
    expect(usageChunk.chunk.choices).toEqual([]);
    expect(usageChunk.chunk.usage).toEqual(usage);
    expect(events[5]).toEqual({ type: 'finish', usage });
  });

  it('does not send stream_options to hosts that reject it', async () => {
    server.handle((_request, response) => writeEvents(response, openAIStream));
    await collect(await model({ supportsStreamOptions: false }).stream(request, {}));
    expect(server.requests[0]!.body).toEqual({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
  });

  it('copes with CRLF framing, comment lines and chunks split mid-character', async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const body = Buffer.from(`: OPENROUTER PROCESSING\r\n\r\ndata: ${JSON.stringify(chunk({ content: 'héllo 👋' }))}\r\n\r\ndata: [DONE]\r\n\r\n`);
      for (let offset = 0; offset < body.length; offset += 7) response.write(body.subarray(offset, offset + 7));
      response.end();
    });
    const events = await collect(await model().stream(request, {}));
    expect(text(events)).toBe('héllo 👋');
    expect(events.at(-1)).toEqual({ type: 'finish' });
  });

  it('normalises Gemini-style tool calls (no index) and maps reasoning, ending with tool_calls', async () => {
    server.handle((_request, response) =>
      writeEvents(response, [
        chunk({ role: 'assistant', reasoning: 'Need the weather.' }),
        chunk({ tool_calls: [{ id: 'fc_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }),
        chunk({ tool_calls: [{ id: 'fc_2', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }),
        chunk({}, 'stop'),
      ]),
    );
    const events = await collect(await model().stream(request, {}));
    const deltas = events.flatMap((event) => (event.type === 'chunk' ? event.chunk.choices.map((choice) => choice.delta) : []));
    expect(deltas[0]).toEqual({ role: 'assistant', reasoning_content: 'Need the weather.' });
    const toolDeltas = deltas.flatMap((delta) => delta.tool_calls ?? []);
    expect(toolDeltas).toEqual([
      { index: 0, id: 'fc_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { index: 1, id: 'fc_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ]);
    const last = events.at(-2) as { type: 'chunk'; chunk: { choices: { finish_reason: string }[] } };
    expect(last.chunk.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('takes usage from the last content chunk and emits a usage-only chunk for it', async () => {
    server.handle((_request, response) => writeEvents(response, [chunk({ content: 'x' }), { ...chunk({}, 'stop'), usage }]));
    const events = await collect(await model().stream(request, {}));
    expect(events.at(-1)).toEqual({ type: 'finish', usage });
    expect(events.at(-2)).toMatchObject({ type: 'chunk', chunk: { choices: [], usage } });
  });

  it('rejects (does not open) on HTTP errors, so the router can retry', async () => {
    server.handle((_request, response) => writeJson(response, 429, { error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '2' }));
    const error = (await model().stream(request, {}).catch((caught: unknown) => caught)) as UpstreamError;
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ upstreamStatus: 429, isRetryable: true, retryAfterMs: 2000 });
    server.handle((_request, response) => writeJson(response, 400, { error: { message: 'too long', code: 'context_length_exceeded' } }));
    expect(ContextWindowExceededError.isInstance(await model().stream(request, {}).catch((caught: unknown) => caught))).toBe(true);
  });

  it('rejects when the host answers a stream request with JSON', async () => {
    server.handle((_request, response) => writeJson(response, 200, { error: { message: 'streaming unsupported here' } }));
    await expect(model().stream(request, {})).rejects.toThrow(/streaming unsupported here/);
  });

  it('turns a connection dropped mid-stream into one error event, never a finish', async () => {
    server.handle((_request, response) => {
      writeEvents(response, [chunk({ content: 'partial' })], { done: false, end: false });
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const events = await collect(await model().stream(request, {}));
    expect(text(events)).toBe('partial');
    expect(events.map((event) => event.type)).toEqual(['chunk', 'error']);
  });

  it('reports a stream that ends without [DONE] as an error', async () => {
    server.handle((_request, response) => writeEvents(response, [chunk({ content: 'a' }), chunk({}, 'stop')], { done: false }));
    const events = await collect(await model().stream(request, {}));
    const last = events.at(-1)!;
    expect(last.type).toBe('error');
    expect(last.type === 'error' && last.error.message).toContain('without [DONE]');
  });

  it('reports malformed JSON and upstream error events as one error event', async () => {
    server.handle((_request, response) => writeEvents(response, [chunk({ content: 'a' }), '{"choices": [', chunk({ content: 'never' })]));
    const malformed = await collect(await model().stream(request, {}));
    expect(malformed.map((event) => event.type)).toEqual(['chunk', 'error']);

    server.handle((_request, response) =>
      writeEvents(response, [chunk({ content: 'a' }), { error: { message: 'The server had an error while processing your request.', type: 'server_error' } }], { done: false }),
    );
    const failed = await collect(await model().stream(request, {}));
    expect(failed.map((event) => event.type)).toEqual(['chunk', 'error']);
    const error = failed[1]!.type === 'error' ? failed[1]!.error : undefined;
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error?.message).toContain('The server had an error while processing your request.');
  });

  it('destroys the upstream request when the consumer stops early', async () => {
    server.handle((_request, response) => writeEvents(response, [chunk({ content: 'first' })], { done: false, end: false }));
    const stream = await model().stream(request, {});
    for await (const event of stream.events) {
      expect(event.type).toBe('chunk');
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
      for await (const event of stream.events) {
        seen.push(event.type);
        controller.abort(reason);
      }
    })();
    await expect(consumed).rejects.toBe(reason);
    expect(seen).toEqual(['chunk']);
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
      const events = await collect(await chat.stream(request, {}));
      expect(events.at(-1)?.type).toBe('finish');
      expect(await server.closed(round)).toEqual({ finished: true });
      // `finish` goes out at [DONE]; the end of the HTTP body is drained in the background.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // undici's Pool may open a second socket while the first one's drain is pending; a leak would give 6.
    expect(server.connections - before).toBeLessThanOrEqual(2);
  });

  it('keeps the connection alive across generate calls', async () => {
    server.handle((_request, response) => writeJson(response, 200, { id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }));
    const chat = model();
    const before = server.connections;
    for (let round = 0; round < 6; round += 1) await chat.generate({ ...request, stream: false }, {});
    expect(server.connections - before).toBeLessThanOrEqual(2);
  });
});

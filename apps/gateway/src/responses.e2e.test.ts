import { parseConfig } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer, type RecordedRequest } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { mockGatewayConfig, testMasterKey } from './test-fixtures/mock-gateway.js';

/**
 * The Responses surface through the `openai` SDK, in front of two backends: OpenAI itself (`type:
 * openai`, the request forwarded to `/v1/responses`) and an OpenAI-compatible host (the canonical
 * model, answered from `/v1/chat/completions`).
 */
interface Backend {
  name: 'native' | 'canonical';
  mock: MockOpenAIServer;
  server: RunningServer;
  client: OpenAI;
  /** The upstream path a fresh request goes to. */
  upstreamPath: string;
}

async function startBackend(name: Backend['name']): Promise<Backend> {
  const mock = await startMockOpenAI();
  const provider =
    name === 'native'
      ? { type: 'openai', base_url: mock.baseURL, api_key: 'test' }
      : { type: 'openai-compatible', base_url: mock.baseURL, api_key: 'test' };
  const server = await startServer({
    config: parseConfig(mockGatewayConfig(mock, { providers: { mock: provider } })),
    host: '127.0.0.1',
    port: 0,
  });
  return {
    name,
    mock,
    server,
    client: new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 }),
    upstreamPath: name === 'native' ? '/v1/responses' : '/v1/chat/completions',
  };
}

const tools: OpenAI.Responses.FunctionTool[] = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'The weather in a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city', 'unit'] },
    strict: true,
  },
  {
    type: 'function',
    name: 'get_time',
    description: 'The time in a timezone.',
    parameters: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] },
    strict: true,
  },
];

const parallelCalls = [
  { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}', id: 'call_weather1' },
  { name: 'get_time', arguments: '{"timezone":"Europe/Paris"}', id: 'call_time1' },
];

function lastBody(mock: MockOpenAIServer): Record<string, unknown> {
  return mock.requests.at(-1)!.body as Record<string, unknown>;
}

function lastRequest(mock: MockOpenAIServer): RecordedRequest {
  return mock.requests.at(-1)!;
}

/** What a client sees of an answer, whatever the backend. */
function summary(response: OpenAI.Responses.Response) {
  return {
    status: response.status,
    text: response.output_text,
    items: response.output.map((item) =>
      item.type === 'function_call'
        ? { type: item.type, call_id: item.call_id, name: item.name, arguments: item.arguments }
        : { type: item.type },
    ),
    usage: response.usage && {
      input: response.usage.input_tokens,
      output: response.usage.output_tokens,
      total: response.usage.total_tokens,
      cached: response.usage.input_tokens_details.cached_tokens,
      reasoning: response.usage.output_tokens_details.reasoning_tokens,
    },
  };
}

describe.each(['canonical', 'native'] as const)('POST /v1/responses with the %s path', (name) => {
  let backend: Backend;

  beforeAll(async () => {
    backend = await startBackend(name);
  });

  afterAll(async () => {
    await backend.server.close();
    await backend.mock.close();
  });

  beforeEach(() => backend.mock.reset());

  it('answers a text request with a response object', async () => {
    backend.mock.enqueue({
      type: 'text',
      content: 'Hello from the Responses surface.',
      usage: { promptTokens: 12, completionTokens: 6, cachedTokens: 4, reasoningTokens: 2 },
    });
    const response = await backend.client.responses.create({ model: 'smart', input: 'Say hello.', instructions: 'Be brief.' });
    expect(response.id).toMatch(/^resp_/);
    expect(response.object).toBe('response');
    expect(typeof response.created_at).toBe('number');
    expect(summary(response)).toEqual({
      status: 'completed',
      text: 'Hello from the Responses surface.',
      items: [{ type: 'message' }],
      usage: { input: 12, output: 6, total: 18, cached: 4, reasoning: 2 },
    });
    const upstream = lastRequest(backend.mock);
    expect(upstream.path).toBe(backend.upstreamPath);
    const body = upstream.body as Record<string, unknown>;
    expect(body['model']).toBe('gpt-4o-mini');
    if (name === 'native') {
      expect(body['input']).toBe('Say hello.');
      expect(body['instructions']).toBe('Be brief.');
    } else {
      expect(body['messages']).toEqual([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello.' },
      ]);
    }
    expect(upstream.headers.authorization).toBe('Bearer test');
  });

  it('streams typed events with sequence numbers, and finalResponse() assembles the answer', async () => {
    backend.mock.enqueue({ type: 'text', content: 'One two three four five.', usage: { promptTokens: 9, completionTokens: 5 } });
    const stream = backend.client.responses.stream({ model: 'smart', input: 'Count.' });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const final = await stream.finalResponse();
    const types = events.map((event) => event.type);
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(types.filter((type) => type === 'response.output_text.delta').length).toBeGreaterThan(1);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
    const deltas = events.flatMap((event) => (event.type === 'response.output_text.delta' ? [event.delta] : []));
    expect(deltas.join('')).toBe('One two three four five.');
    expect(summary(final)).toEqual({
      status: 'completed',
      text: 'One two three four five.',
      items: [{ type: 'message' }],
      usage: { input: 9, output: 5, total: 14, cached: 0, reasoning: 0 },
    });
    expect(lastRequest(backend.mock).path).toBe(backend.upstreamPath);
  });

  it('makes two parallel function calls, then continues with their outputs', async () => {
    backend.mock.enqueue({ type: 'tool_calls', calls: parallelCalls });
    const stream = backend.client.responses.stream({ model: 'smart', input: 'Weather and time in Paris?', tools });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const first = await stream.finalResponse();
    expect(summary(first).items).toEqual([
      { type: 'function_call', call_id: 'call_weather1', name: 'get_weather', arguments: parallelCalls[0]!.arguments },
      { type: 'function_call', call_id: 'call_time1', name: 'get_time', arguments: parallelCalls[1]!.arguments },
    ]);
    const argumentsDone = events.flatMap((event) => (event.type === 'response.function_call_arguments.done' ? [event] : []));
    expect(argumentsDone.map((event) => [event.output_index, event.arguments])).toEqual([
      [0, parallelCalls[0]!.arguments],
      [1, parallelCalls[1]!.arguments],
    ]);
    if (name === 'canonical') expect(lastBody(backend.mock)['tools']).toHaveLength(2);
    else expect(lastBody(backend.mock)['tools']).toEqual(tools);

    backend.mock.enqueue({ type: 'text', content: 'Sunny, 21 °C, and it is noon.' });
    const second = await backend.client.responses.create({
      model: 'smart',
      store: false,
      tools,
      input: [
        { role: 'user', content: 'Weather and time in Paris?' },
        ...(first.output as OpenAI.Responses.ResponseInputItem[]),
        { type: 'function_call_output', call_id: 'call_weather1', output: '{"sky":"sunny","celsius":21}' },
        { type: 'function_call_output', call_id: 'call_time1', output: '{"time":"12:00"}' },
      ],
    });
    expect(second.output_text).toBe('Sunny, 21 °C, and it is noon.');
    const body = lastBody(backend.mock);
    if (name === 'canonical') {
      const messages = body['messages'] as Record<string, unknown>[];
      expect(messages.map((message) => message['role'])).toEqual(['user', 'assistant', 'tool', 'tool']);
      expect((messages[1]!['tool_calls'] as { id: string }[]).map((call) => call.id)).toEqual(['call_weather1', 'call_time1']);
      expect(messages.slice(2)).toEqual([
        { role: 'tool', tool_call_id: 'call_weather1', content: '{"sky":"sunny","celsius":21}' },
        { role: 'tool', tool_call_id: 'call_time1', content: '{"time":"12:00"}' },
      ]);
    } else {
      const input = body['input'] as Record<string, unknown>[];
      expect(input.map((item) => item['type'] ?? 'message')).toEqual([
        'message',
        'function_call',
        'function_call',
        'function_call_output',
        'function_call_output',
      ]);
    }
  });

  it('continues a conversation through previous_response_id, carrying the first turn upstream', async () => {
    backend.mock.enqueue({ type: 'text', content: 'Nice to meet you, Ada.' });
    const first = await backend.client.responses.create({ model: 'smart', input: 'My name is Ada.', instructions: 'Be warm.' });
    backend.mock.enqueue({ type: 'text', content: 'Your name is Ada.' });
    const stream = backend.client.responses.stream({ model: 'smart', input: 'What is my name?', previous_response_id: first.id });
    const second = await stream.finalResponse();
    expect(second.output_text).toBe('Your name is Ada.');
    expect(second.previous_response_id).toBe(first.id);
    // A continued conversation is served from the gateway's own store: the canonical path, whatever the backend.
    const upstream = lastRequest(backend.mock);
    expect(upstream.path).toBe('/v1/chat/completions');
    // Instructions are not carried over to later turns (as on OpenAI).
    expect((upstream.body as Record<string, unknown>)['messages']).toEqual([
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: 'Nice to meet you, Ada.' },
      { role: 'user', content: 'What is my name?' },
    ]);

    backend.mock.enqueue({ type: 'text', content: 'You asked twice.' });
    await backend.client.responses.create({ model: 'smart', input: 'Again?', previous_response_id: second.id });
    const messages = (lastBody(backend.mock)['messages'] as { role: string }[]).map((message) => message.role);
    expect(messages).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
  });

  it('retrieves and deletes a stored response; a deleted one is a 404 in OpenAI’s shape', async () => {
    backend.mock.enqueue({ type: 'text', content: 'Keep this.' });
    const created = await backend.client.responses.create({ model: 'smart', input: 'Store it.' });
    const retrieved = await backend.client.responses.retrieve(created.id);
    expect(retrieved.id).toBe(created.id);
    expect(retrieved.output_text).toBe('Keep this.');
    expect(summary(retrieved)).toEqual(summary(created));

    const deleted = await fetch(`${backend.server.url}/v1/responses/${created.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${testMasterKey}` },
    });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ id: created.id, object: 'response', deleted: true });

    const missing = await fetch(`${backend.server.url}/v1/responses/${created.id}`, {
      headers: { authorization: `Bearer ${testMasterKey}` },
    });
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(body.error['message']).toContain(created.id);
    await expect(backend.client.responses.delete(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('stores nothing with store: false', async () => {
    backend.mock.enqueue({ type: 'text', content: 'Forget this.' });
    const created = await backend.client.responses.create({ model: 'smart', input: 'Do not store.', store: false });
    expect((created as unknown as { store: boolean }).store).toBe(false);
    await expect(backend.client.responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      backend.client.responses.create({ model: 'smart', input: 'Continue.', previous_response_id: created.id }),
    ).rejects.toMatchObject({ status: 400, param: 'previous_response_id' });
  });

  it('ends a stream that fails upstream with response.failed, never response.completed', async () => {
    backend.mock.enqueue({ type: 'stream_error', afterChunks: 4 });
    const stream = backend.client.responses.stream({ model: 'smart', input: 'Fail, please.' });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const last = events.at(-1)!;
    expect(last.type).toBe('response.failed');
    expect(events.map((event) => event.type)).not.toContain('response.completed');
    if (last.type === 'response.failed') {
      expect(last.response.status).toBe('failed');
      expect(last.response.error?.message).toMatch(/error/i);
    }
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
    expect((await stream.finalResponse()).status).toBe('failed');
  });

  it('refuses an unknown previous_response_id with a 400 naming it', async () => {
    const error = await backend.client.responses
      .create({ model: 'smart', input: 'Hi.', previous_response_id: 'resp_does_not_exist' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, param: 'previous_response_id', code: 'previous_response_not_found' });
    expect((error as Error).message).toContain('resp_does_not_exist');
    expect(backend.mock.requests).toHaveLength(0);
  });

  it('refuses built-in tools and unknown input items with a 400 naming the field', async () => {
    const builtIn = await backend.client.responses
      .create({ model: 'smart', input: 'Search.', tools: [{ type: 'web_search' }] })
      .catch((caught: unknown) => caught);
    expect(builtIn).toMatchObject({ status: 400, param: 'tools[0].type' });
    expect((builtIn as Error).message).toContain('web_search');
    const item = await backend.client.responses
      .create({ model: 'smart', input: [{ type: 'item_reference', id: 'msg_1' }] })
      .catch((caught: unknown) => caught);
    expect(item).toMatchObject({ status: 400, param: 'input[0].type' });
    expect(backend.mock.requests).toHaveLength(0);
  });

  it('cancels the upstream call when the client goes away mid-stream', async () => {
    backend.mock.enqueue({ type: 'hang', afterChunks: 3 });
    const controller = new AbortController();
    const stream = await backend.client.responses.create({ model: 'smart', input: 'Hang.', stream: true }, { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    controller.abort();
    const aborted = await backend.mock.waitForAbort({ timeoutMs: 5000 });
    expect(aborted.path).toBe(backend.upstreamPath);
    await iterator.next().catch(() => undefined);
  });
});

describe('the response store bounds from the config', () => {
  let backend: Backend;

  beforeAll(async () => {
    const mock = await startMockOpenAI();
    const server = await startServer({
      config: parseConfig(
        mockGatewayConfig(mock, {
          providers: { mock: { type: 'openai-compatible', base_url: mock.baseURL, api_key: 'test' } },
          responses: { store: { max_responses: 2 } },
        }),
      ),
      host: '127.0.0.1',
      port: 0,
    });
    backend = {
      name: 'canonical',
      mock,
      server,
      client: new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 }),
      upstreamPath: '/v1/chat/completions',
    };
  });

  afterAll(async () => {
    await backend.server.close();
    await backend.mock.close();
  });

  it('keeps the newest responses.store.max_responses answers and names the evicted one when it is continued', async () => {
    const ids: string[] = [];
    for (const word of ['one', 'two', 'three']) {
      const response = await backend.client.responses.create({ model: 'smart', input: word });
      ids.push(response.id);
    }
    await expect(backend.client.responses.retrieve(ids[0]!)).rejects.toMatchObject({ status: 404 });
    expect((await backend.client.responses.retrieve(ids[1]!)).id).toBe(ids[1]);
    expect((await backend.client.responses.retrieve(ids[2]!)).id).toBe(ids[2]);
    const error = await backend.client.responses
      .create({ model: 'smart', input: 'Continue.', previous_response_id: ids[0]! })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, param: 'previous_response_id' });
    expect((error as Error).message).toContain(ids[0]!);
  });

  it('sends the gateway’s call headers with an answer', async () => {
    const { response } = await backend.client.responses.create({ model: 'smart', input: 'Headers?' }).withResponse();
    expect(response.headers.get('x-modelgate-deployment')).toBe('mock/gpt-4o-mini');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });
});

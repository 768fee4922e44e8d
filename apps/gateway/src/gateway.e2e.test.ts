import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockGateway, testMasterKey, type MockGateway } from './test-fixtures/mock-gateway.js';

let harness: MockGateway;
let client: OpenAI;

beforeAll(async () => {
  harness = await startMockGateway();
  client = new OpenAI({ apiKey: testMasterKey, baseURL: `${harness.server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
});

beforeEach(() => {
  harness.mock.reset();
});

const messages = [{ role: 'user' as const, content: 'Hello?' }];

/** Every chat request the upstream received was well formed. */
function expectWellFormedUpstreamRequests() {
  for (const request of harness.mock.requests.filter((each) => each.path === '/v1/chat/completions')) {
    const body = request.body as { model?: unknown; messages?: unknown };
    expect(typeof body.model).toBe('string');
    expect(Array.isArray(body.messages) && body.messages.length > 0).toBe(true);
  }
}

describe('gateway with the openai SDK', () => {
  it('answers a chat completion with the call headers', async () => {
    harness.mock.enqueue({ type: 'text', content: 'Bonjour from the mock.' });
    const { data, response } = await client.chat.completions.create({ model: 'smart', messages }).withResponse();
    expect(data.choices[0]?.message.content).toBe('Bonjour from the mock.');
    expect(data.object).toBe('chat.completion');
    expect(response.headers.get('x-request-id')).toMatch(/^[\w.:@-]+$/);
    expect(response.headers.get('x-modelgate-deployment')).toBe('mock/gpt-4o-mini');
    expect(response.headers.get('x-modelgate-attempts')).toBe('1');
    expect(response.headers.get('x-modelgate-overhead-ms')).toMatch(/^\d+\.\d{2}$/);
    const upstream = harness.mock.requests[0]!;
    expect((upstream.body as { model: string }).model).toBe('gpt-4o-mini');
    expect(upstream.headers.authorization).toBe('Bearer test');
    expectWellFormedUpstreamRequests();
  });

  it('streams two parallel tool calls whose arguments reassemble exactly', async () => {
    const calls = [
      { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius","days":[1,2,3]}' },
      { name: 'get_time', arguments: '{"timezone":"Europe/Paris","format":"24h \\"quoted\\""}' },
    ];
    harness.mock.enqueue({ type: 'tool_calls', calls });
    const { data: stream, response } = await client.chat.completions.create({ model: 'smart', messages, stream: true }).withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-modelgate-deployment')).toBe('mock/gpt-4o-mini');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const assembled = new Map<number, { id?: string; name?: string; arguments: string }>();
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      expect(chunk.usage ?? null).toBeNull();
      for (const choice of chunk.choices) {
        if (choice.finish_reason) finishReason = choice.finish_reason;
        for (const delta of choice.delta.tool_calls ?? []) {
          const call = assembled.get(delta.index) ?? { arguments: '' };
          if (delta.id) call.id = delta.id;
          if (delta.function?.name) call.name = delta.function.name;
          call.arguments += delta.function?.arguments ?? '';
          assembled.set(delta.index, call);
        }
      }
    }
    expect(finishReason).toBe('tool_calls');
    expect([...assembled.keys()].sort()).toEqual([0, 1]);
    expect(assembled.get(0)).toMatchObject({ name: 'get_weather', arguments: calls[0]!.arguments });
    expect(assembled.get(1)).toMatchObject({ name: 'get_time', arguments: calls[1]!.arguments });
    expect(assembled.get(0)?.id).toMatch(/^call_/);
  });

  it('sends the usage chunk only when include_usage is set', async () => {
    harness.mock.enqueue({ type: 'text', content: 'one two three' }, { type: 'text', content: 'one two three' });
    const withUsage = await client.chat.completions.create({
      model: 'smart',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of withUsage) chunks.push(chunk);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.total_tokens).toBeGreaterThan(0);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('one two three');

    const withoutUsage = await client.chat.completions.create({ model: 'smart', messages, stream: true });
    const plain = [];
    for await (const chunk of withoutUsage) plain.push(chunk);
    expect(plain.length).toBeGreaterThan(1);
    expect(plain.every((chunk) => chunk.choices.length > 0 && (chunk.usage ?? null) === null)).toBe(true);
  });

  it('creates embeddings', async () => {
    const { data, response } = await client.embeddings
      .create({ model: 'embed', input: ['first', 'second'], encoding_format: 'float' })
      .withResponse();
    expect(data.object).toBe('list');
    expect(data.data.map((each) => each.index)).toEqual([0, 1]);
    expect(data.data[0]!.embedding.length).toBeGreaterThan(0);
    expect(response.headers.get('x-modelgate-deployment')).toBe('mock/text-embedding-3-small');
  });

  it('lists and retrieves models, a provider/model id included', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toEqual(['smart', 'embed']);
    const group = await client.models.retrieve('smart');
    expect(group).toMatchObject({ id: 'smart', object: 'model', owned_by: 'modelgate' });
    const direct = await client.models.retrieve('mock/gpt-4.1');
    expect(direct).toMatchObject({ id: 'mock/gpt-4.1', owned_by: 'mock' });
  });
});

describe('errors through the openai SDK', () => {
  it('maps a bad request to 400 naming the field', async () => {
    const error = await client.chat.completions.create({ model: 'smart', messages: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages');
    expect(harness.mock.requests).toHaveLength(0);
  });

  it('rejects a wrong key with 401 invalid_api_key, one of the right length too', async () => {
    const sameLength = `${testMasterKey.slice(0, -1)}${testMasterKey.endsWith('x') ? 'y' : 'x'}`;
    for (const apiKey of ['sk-wrong', sameLength]) {
      const stranger = new OpenAI({ apiKey, baseURL: `${harness.server.url}/v1`, maxRetries: 0 });
      const error = await stranger.chat.completions.create({ model: 'smart', messages }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    }
    expect(harness.mock.requests).toHaveLength(0);
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const error = await client.chat.completions.create({ model: 'no-such-model', messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });

  it('answers a body over the limit with 413', async () => {
    const huge = [{ role: 'user' as const, content: 'x'.repeat(100 * 1024) }];
    const error = await client.chat.completions.create({ model: 'smart', messages: huge }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('request_too_large');
    expect(harness.mock.requests).toHaveLength(0);
  });

  it('retries an upstream 429 and then surfaces it as 429', async () => {
    harness.mock.enqueue(
      { type: 'rate_limit', retryAfterSeconds: 0 },
      { type: 'rate_limit', retryAfterSeconds: 0 },
      { type: 'rate_limit', retryAfterSeconds: 0 },
    );
    const error = await client.chat.completions.create({ model: 'smart', messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).status).toBe(429);
    expect(harness.mock.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(3);
  });

  it('recovers when a retry succeeds, and says so in x-modelgate-attempts', async () => {
    harness.mock.enqueue({ type: 'server_error', status: 503 }, { type: 'text', content: 'second time lucky' });
    const { data, response } = await client.chat.completions.create({ model: 'smart', messages }).withResponse();
    expect(data.choices[0]?.message.content).toBe('second time lucky');
    expect(response.headers.get('x-modelgate-attempts')).toBe('2');
  });

  it('makes the SDK stream throw when the upstream drops mid-stream, with no [DONE]', async () => {
    harness.mock.enqueue({ type: 'drop', afterChunks: 2, content: 'this stream will be cut off soon' });
    const stream = await client.chat.completions.create({ model: 'smart', messages, stream: true });
    const received: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(Error);
    expect(received.length).toBeGreaterThan(0);

    harness.mock.enqueue({ type: 'drop', afterChunks: 2, content: 'this stream will be cut off soon' });
    const raw = await fetch(`${harness.server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'smart', messages, stream: true }),
    });
    const text = await raw.text();
    expect(raw.status).toBe(200);
    expect(text).not.toContain('[DONE]');
    const last = text.trim().split('\n\n').at(-1)!;
    const body = JSON.parse(last.slice('data: '.length)) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('aborts the upstream call when the client goes away mid-stream', async () => {
    harness.mock.enqueue({ type: 'hang', afterChunks: 1 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ model: 'smart', messages, stream: true }, { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    controller.abort();
    const aborted = await harness.mock.waitForAbort({ timeoutMs: 5000 });
    expect(aborted.path).toBe('/v1/chat/completions');
    await iterator.next().catch(() => undefined);
  });

  it('answers unknown paths with 404 in the OpenAI shape', async () => {
    const response = await fetch(`${harness.server.url}/v1/not-a-route`, { headers: { authorization: `Bearer ${testMasterKey}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: { message: 'Invalid URL (GET /v1/not-a-route)', type: 'invalid_request_error', param: null, code: 'unknown_url' },
    });
  });
});

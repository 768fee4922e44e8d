import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockOpenAI, type MockOpenAIServer } from './start-mock-openai.js';

const apiKey = 'sk-test-mock-key-1234';
let mock: MockOpenAIServer;
let client: OpenAI;

beforeEach(async () => {
  mock = await startMockOpenAI({ apiKey });
  client = new OpenAI({ apiKey, baseURL: mock.baseURL, maxRetries: 0 });
});

afterEach(async () => {
  await mock.close();
});

describe('startMockOpenAI, non-stream chat', () => {
  it('answers a chat.completion the SDK reads, echoing the model and recording the request', async () => {
    mock.enqueue({ type: 'text', content: 'Bonjour tout le monde', usage: { promptTokens: 12, completionTokens: 4, cachedTokens: 2 } });
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'Say hello in French' }],
    });
    expect(completion.id).toMatch(/^chatcmpl-[A-Za-z0-9]+$/);
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4.1');
    expect(typeof completion.created).toBe('number');
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Bonjour tout le monde' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 4,
      total_tokens: 16,
      prompt_tokens_details: { cached_tokens: 2, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      scenario: 'text',
      aborted: false,
      body: { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Say hello in French' }] },
    });
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it('answers the default scenario when the queue is empty, and serves the queue in order', async () => {
    mock.enqueue({ type: 'text', content: 'first' }, { type: 'text', content: 'second' });
    const contents: Array<string | null | undefined> = [];
    for (let count = 0; count < 3; count += 1) {
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
      contents.push(completion.choices[0]?.message.content);
    }
    expect(contents).toEqual(['first', 'second', 'Hello from the modelgate mock upstream. Have fun!']);
  });

  it('returns parallel tool calls with call_ ids and finish_reason tool_calls', async () => {
    mock.enqueue({
      type: 'tool_calls',
      calls: [
        { name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { name: 'get_time', arguments: '{"zone":"CET"}' },
      ],
    });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'weather?' }] });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const calls = (choice?.message.tool_calls ?? []).map((call) => (call.type === 'function' ? call : undefined));
    expect(calls.map((call) => [call?.function.name, call?.function.arguments])).toEqual([
      ['get_weather', '{"city":"Oslo"}'],
      ['get_time', '{"zone":"CET"}'],
    ]);
    expect(calls.every((call) => /^call_[A-Za-z0-9]{24}$/.test(call?.id ?? ''))).toBe(true);
    expect(new Set(calls.map((call) => call?.id)).size).toBe(2);
  });

  it('lists models', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toContain('text-embedding-3-small');
    expect(page.data[0]?.object).toBe('model');
  });
});

describe('startMockOpenAI, errors mapped by the SDK', () => {
  async function captureError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof OpenAI.APIError) return error;
      throw error;
    }
    throw new Error('expected the call to fail');
  }
  const ask = (model = 'gpt-4o-mini') => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  it('answers a wrong key with OpenAI 401 invalid_api_key body', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong-key-abcdefgh', baseURL: mock.baseURL, maxRetries: 0 });
    const error = await captureError(wrong.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }));
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
    expect(error.type).toBe('invalid_request_error');
    expect(error.message).toContain(`Incorrect API key provided: sk-${'*'.repeat(14)}efgh.`);
  });

  it('answers a missing bearer with the "You didn\'t provide an API key" body', async () => {
    const response = await fetch(`${mock.baseURL}/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { message: string; code: string | null; param: string | null } };
    expect(body.error.message).toMatch(/^You didn't provide an API key\./);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: null, param: null });
  });

  it('answers unknown routes with 404 Invalid URL', async () => {
    const response = await fetch(`${mock.url}/v1/nothing-here?x=1`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { message: 'Invalid URL (POST /v1/nothing-here)', type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('maps error, rate_limit and server_error scenarios to APIError subclasses', async () => {
    mock.enqueue(
      {
        type: 'error',
        status: 400,
        body: { error: { message: 'bad temperature', type: 'invalid_request_error', param: 'temperature', code: null } },
      },
      { type: 'rate_limit', retryAfterSeconds: 7 },
      { type: 'server_error', status: 503 },
      { type: 'error', status: 404 },
    );
    const badRequest = await captureError(ask());
    expect(badRequest).toBeInstanceOf(OpenAI.BadRequestError);
    expect(badRequest.message).toBe('400 bad temperature');
    expect(badRequest.param).toBe('temperature');

    const rateLimited = await captureError(ask('gpt-4.1'));
    expect(rateLimited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(rateLimited.headers?.get('retry-after')).toBe('7');
    expect(rateLimited.code).toBe('rate_limit_exceeded');
    expect(rateLimited.message).toContain('Rate limit reached for gpt-4.1');

    const unavailable = await captureError(ask());
    expect(unavailable).toBeInstanceOf(OpenAI.InternalServerError);
    expect(unavailable.status).toBe(503);
    expect(unavailable.type).toBe('server_error');

    const notFound = await captureError(ask());
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect(notFound.message).toContain('Mock upstream error (HTTP 404)');
  });

  it('selects scenarios from the model name without enqueue', async () => {
    const rateLimited = await captureError(ask('mock-scenario:rate_limit:3'));
    expect(rateLimited.status).toBe(429);
    expect(rateLimited.headers?.get('retry-after')).toBe('3');
    const failed = await captureError(ask('mock-scenario:server_error:502'));
    expect(failed.status).toBe(502);
    const unknown = await captureError(ask('mock-scenario:nonsense'));
    expect(unknown.message).toContain('Unknown mock scenario "nonsense"');
    const tools = await ask('mock-scenario:tool_calls');
    expect(tools.choices[0]?.message.tool_calls).toHaveLength(2);
    expect(mock.requests.map((request) => request.scenario)).toEqual(['rate_limit', 'server_error', 'error', 'tool_calls']);
  });

  it('drops a non-stream request without answering', async () => {
    mock.enqueue({ type: 'drop', afterChunks: 0 });
    await expect(ask()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(mock.requests[0]).toMatchObject({ scenario: 'drop', aborted: false });
  });

  it('sends raw bytes as given, which the SDK cannot parse', async () => {
    mock.enqueue({ type: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: '{"id": "chatcmpl-' });
    await expect(ask()).rejects.toThrow(/JSON/);
  });
});

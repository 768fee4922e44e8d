/**
 * The library API in-process (no server) against the testkit mock upstream: one test per call shape.
 */
import {
  openAIChatCodec,
  completion,
  createGateway,
  type OpenAIChatCompletionChunk as ChatCompletionChunk,
  type Gateway,
  MissingCredentialError,
  ModelNotFoundError,
  systemMessage,
  UpstreamError,
  userMessage,
} from '@modelgate/core';
import openai from '@modelgate/provider-openai';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

let mock: MockOpenAIServer;
let gateway: Gateway;

beforeAll(async () => {
  mock = await startMockOpenAI({ apiKey: 'sk-mock' });
  gateway = await createGateway(
    {
      providers: {
        primary: { type: 'openai', base_url: mock.baseURL, api_key: 'sk-mock' },
        broken: { type: 'openai', base_url: mock.baseURL, api_key: 'wrong-key' },
        keyless: { type: 'groq', base_url: mock.baseURL },
      },
      models: [
        { name: 'smart', deployments: [{ provider: 'primary', model: 'gpt-4.1' }] },
        {
          name: 'shaky',
          deployments: [
            { provider: 'broken', model: 'gpt-4.1' },
            { provider: 'primary', model: 'gpt-4.1-mini' },
          ],
        },
        { name: 'embed', deployments: [{ provider: 'primary', model: 'text-embedding-3-small' }] },
        { name: 'nokey', deployments: [{ provider: 'keyless', model: 'llama' }] },
      ],
      router: { retries: 2, fallbacks: {} },
    },
    { plugins: [openai], environment: {} },
  );
});

afterEach(() => mock.reset());

afterAll(async () => {
  await gateway.close();
  await mock.close();
});

describe('library API against the mock upstream', () => {
  it('chat.completions.create answers and sends the deployment model upstream', async () => {
    mock.enqueue({ type: 'text', content: 'Bonjour!' });
    const response = await gateway.chat.completions.create({ model: 'smart', messages: [systemMessage('be brief'), userMessage('Hi')] });
    expect(response.choices[0]!.message.content).toBe('Bonjour!');
    expect(response.choices[0]!.finish_reason).toBe('stop');
    expect(response.usage?.total_tokens).toBeGreaterThan(0);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.body).toMatchObject({ model: 'gpt-4.1', messages: [{ role: 'system' }, { role: 'user', content: 'Hi' }] });
  });

  it('chat.completions.create with stream: true is an async iterable with tool calls reassembled', async () => {
    const weather = JSON.stringify({ city: 'Paris', unit: 'celsius' });
    const time = JSON.stringify({ zone: 'Europe/Paris' });
    mock.enqueue({
      type: 'tool_calls',
      calls: [
        { name: 'get_weather', arguments: weather },
        { name: 'get_time', arguments: time },
      ],
    });
    const stream = await gateway.chat.completions.create({ model: 'smart', messages: [userMessage('weather?')], stream: true });
    const calls = new Map<number, { id?: string; name?: string; arguments: string }>();
    let finish: string | null = null;
    for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
      for (const choice of chunk.choices) {
        finish = choice.finish_reason ?? finish;
        for (const delta of choice.delta.tool_calls ?? []) {
          const call = calls.get(delta.index) ?? { arguments: '' };
          call.id ??= delta.id;
          call.name ??= delta.function?.name;
          call.arguments += delta.function?.arguments ?? '';
          calls.set(delta.index, call);
        }
      }
    }
    expect([...calls.keys()]).toEqual([0, 1]);
    expect(calls.get(0)).toMatchObject({ name: 'get_weather', arguments: weather });
    expect(calls.get(1)).toMatchObject({ name: 'get_time', arguments: time });
    expect(finish).toBe('tool_calls');
    expect(mock.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(stream.metadata.deployment.id).toBe('primary/gpt-4.1');
  });

  it('embeddings.create returns one vector per input', async () => {
    const response = await gateway.embeddings.create({ model: 'embed', input: ['a', 'b', 'c'] });
    expect(response.data.map((item) => item.index)).toEqual([0, 1, 2]);
    expect((response.data[0]!.embedding as number[]).length).toBeGreaterThan(0);
    expect(mock.requests[0]!.body).toMatchObject({ model: 'text-embedding-3-small', input: ['a', 'b', 'c'] });
  });

  it('completion() on a gateway is the one-call helper', async () => {
    mock.enqueue({ type: 'text', content: 'one call' });
    const response = await gateway.completion({ model: 'primary/gpt-4o-mini', messages: [userMessage('x')] });
    expect(response.choices[0]!.message.content).toBe('one call');
    expect(mock.requests[0]!.body).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('completion() without a gateway builds one from a config for the call', async () => {
    mock.enqueue({ type: 'text', content: 'standalone' });
    const response = await completion(
      { model: 'p/gpt-4.1', messages: [userMessage('x')] },
      { config: { providers: { p: { type: 'openai', base_url: mock.baseURL, api_key: 'sk-mock' } } }, plugins: [openai] },
    );
    expect(response.choices[0]!.message.content).toBe('standalone');
  });

  it('retries on another deployment after an upstream 401 and reports attempts', async () => {
    const outcome = await gateway.runChat(openAIChatCodec, { model: 'shaky', messages: [userMessage('x')] });
    expect(outcome.metadata.attempts).toBeGreaterThanOrEqual(1);
    expect(outcome.metadata.deployment.id).toBe('primary/gpt-4.1-mini');
  });

  it('surfaces an upstream 429 as a retryable UpstreamError after the retries', async () => {
    mock.enqueue(
      { type: 'rate_limit', retryAfterSeconds: 0 },
      { type: 'rate_limit', retryAfterSeconds: 0 },
      { type: 'rate_limit', retryAfterSeconds: 0 },
    );
    await expect(gateway.completion({ model: 'smart', messages: [userMessage('x')] })).rejects.toSatisfy(
      (error) => UpstreamError.isInstance(error) && error.status === 429 && error.isRetryable,
    );
    expect(mock.requests).toHaveLength(3);
  });

  it('names the setting of a missing key, without calling upstream (no GROQ_API_KEY fallback to another host)', async () => {
    await expect(gateway.completion({ model: 'nokey', messages: [userMessage('x')] })).rejects.toSatisfy(
      (error) => MissingCredentialError.isInstance(error) && error.message.includes('providers.keyless.api_key'),
    );
    expect(mock.requests).toHaveLength(0);
  });

  it('rejects an unknown model without calling upstream', async () => {
    await expect(gateway.completion({ model: 'ghost', messages: [userMessage('x')] })).rejects.toSatisfy((error) =>
      ModelNotFoundError.isInstance(error),
    );
    expect(mock.requests).toHaveLength(0);
  });
});

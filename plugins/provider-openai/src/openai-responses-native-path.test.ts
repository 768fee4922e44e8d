import { UpstreamError, type NativeStreamPartV1, type ProviderV1 } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from './create-openai-provider.js';

let mock: MockOpenAIServer;
const providers: ProviderV1[] = [];
beforeAll(async () => {
  mock = await startMockOpenAI({ apiKey: 'sk-upstream' });
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close?.()));
  mock.reset();
});
afterAll(() => mock.close());

function openAI(type = 'openai'): ProviderV1 {
  const provider = createOpenAIProvider({ type, baseURL: mock.baseURL, apiKey: 'sk-upstream' });
  providers.push(provider);
  return provider;
}

const body = { model: 'smart', input: 'Hi.', instructions: 'Be brief.', store: false, stream: true };

async function collect(parts: AsyncIterable<NativeStreamPartV1>): Promise<NativeStreamPartV1[]> {
  const collected: NativeStreamPartV1[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

describe('the Responses native path of type openai', () => {
  it('is offered by OpenAI only, not by the catalog hosts', () => {
    expect(openAI().chat('gpt-4.1').nativePath?.('openai-responses')?.format).toBe('openai-responses');
    expect(openAI().chat('gpt-4.1').nativePath?.('openai-chat')?.format).toBe('openai-chat');
    expect(openAI('groq').chat('llama').nativePath?.('openai-responses')).toBeUndefined();
    expect(openAI('openai-compatible').chat('local').nativePath?.('openai-responses')).toBeUndefined();
  });

  it('forwards the body to /v1/responses with the deployment model and the provider key, and reads the outcome', async () => {
    mock.enqueue({ type: 'text', content: 'Hello there.', usage: { promptTokens: 7, completionTokens: 3, cachedTokens: 2 } });
    const path = openAI().chat('gpt-4.1').nativePath!('openai-responses')!;
    const result = await path.generate({ format: 'openai-responses', body }, {});
    const upstream = mock.requests.at(-1)!;
    expect(upstream.path).toBe('/v1/responses');
    expect(upstream.headers.authorization).toBe('Bearer sk-upstream');
    expect(upstream.body).toEqual({ model: 'gpt-4.1', input: 'Hi.', instructions: 'Be brief.', store: false });
    expect(JSON.parse(result.body)).toMatchObject({ object: 'response', status: 'completed', output: [{ type: 'message' }] });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'completed' });
    expect(result.usage).toEqual({ inputTokens: 7, outputTokens: 3, totalTokens: 10, cacheReadTokens: 2, reasoningTokens: 0 });
  });

  it('streams the upstream events untouched and ends with a finish carrying status and usage', async () => {
    mock.enqueue({ type: 'tool_calls', calls: [{ name: 'lookup', arguments: '{"q":"x"}', id: 'call_1' }] });
    const path = openAI().chat('gpt-4.1').nativePath!('openai-responses')!;
    const stream = await path.stream({ format: 'openai-responses', body }, {});
    const parts = await collect(stream.parts);
    expect((mock.requests.at(-1)!.body as Record<string, unknown>)['stream']).toBe(true);
    const events = parts.filter((part) => part.type === 'event');
    expect(events[0]).toMatchObject({ event: 'response.created' });
    expect(events.at(-1)).toMatchObject({ event: 'response.completed' });
    for (const event of events) expect(JSON.parse(event.data).type).toBe(event.event);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'tool-calls' },
      usage: { totalTokens: expect.any(Number) },
    });
  });

  it('turns an upstream response.failed into the stream’s error part, without forwarding it', async () => {
    mock.enqueue({
      type: 'stream_error',
      afterChunks: 3,
      error: { message: 'Model overloaded.', type: 'server_error', param: null, code: 'server_error' },
    });
    const path = openAI().chat('gpt-4.1').nativePath!('openai-responses')!;
    const parts = await collect((await path.stream({ format: 'openai-responses', body }, {})).parts);
    expect(parts.filter((part) => part.type === 'event')).toHaveLength(3);
    const last = parts.at(-1)!;
    expect(last.type).toBe('error');
    if (last.type === 'error') expect(last.error.message).toContain('Model overloaded.');
  });

  it('reports a stream cut before response.completed as an error, never a finish', async () => {
    mock.enqueue({ type: 'drop', afterChunks: 4 });
    const path = openAI().chat('gpt-4.1').nativePath!('openai-responses')!;
    const parts = await collect((await path.stream({ format: 'openai-responses', body }, {})).parts);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(parts.at(-1)?.type).toBe('error');
  });

  it('rejects an upstream HTTP error before the stream opens, with its status', async () => {
    mock.enqueue({ type: 'server_error', status: 503 });
    const path = openAI().chat('gpt-4.1').nativePath!('openai-responses')!;
    const error = await path.stream({ format: 'openai-responses', body }, {}).catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ upstreamStatus: 503, isRetryable: true });
  });
});

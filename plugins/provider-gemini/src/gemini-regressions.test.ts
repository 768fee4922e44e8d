import { ContextWindowExceededError, InvalidRequestError, UpstreamError, type ChatRequestV1, type ChatStreamPartV1 } from '@modelgate/core';
import { resourceExhaustedBody, startMockGemini, type MockGeminiServer } from '@modelgate/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGeminiProvider } from './create-gemini-provider.js';
import type { GeminiProvider } from './gemini-provider.js';

const apiKey = 'AIzaSy-regression-key';
let mock: MockGeminiServer;
let provider: GeminiProvider;

beforeEach(async () => {
  mock = await startMockGemini({ apiKey });
  provider = createGeminiProvider({
    baseURL: mock.baseURL,
    apiKey,
    fetchMedia: async () => ({ data: new Uint8Array([1, 2, 3]), mediaType: 'image/png' }),
  });
});

afterEach(async () => {
  await provider.close();
  await mock.close();
});

const request = (overrides: Partial<ChatRequestV1> = {}): ChatRequestV1 => ({
  model: 'alias',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Go.' }] }],
  ...overrides,
});

async function collect(parts: AsyncIterable<ChatStreamPartV1>): Promise<ChatStreamPartV1[]> {
  const out: ChatStreamPartV1[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

function sentBody(index = 0): Record<string, unknown> {
  return mock.requests[index]?.body as Record<string, unknown>;
}

const twoCallsChunk = {
  candidates: [
    {
      content: {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { city: 'Oslo' } } },
          { functionCall: { name: 'get_weather', args: { city: 'Lima' } } },
        ],
      },
      finishReason: 'STOP',
    },
  ],
  usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 4, totalTokenCount: 14 },
};

describe('the twelve known translation bugs (provider-formats §12), as they apply to Gemini', () => {
  it('#1/#2: two parallel calls in one chunk stay two calls, each with its own id and name in its first part', async () => {
    mock.enqueue({ type: 'gemini-chunks', chunks: [twoCallsChunk] });
    const parts = await collect((await provider.chat('gemini-2.5-flash').stream(request(), {})).parts);
    const starts = parts.filter((part) => part.type === 'tool-input-start');
    expect(starts.map((part) => part.type === 'tool-input-start' && part.toolName)).toEqual(['get_weather', 'get_weather']);
    expect(new Set(starts.map((part) => part.type === 'tool-input-start' && part.id)).size).toBe(2);
    const calls = parts.flatMap((part) => (part.type === 'tool-call' ? [part.input] : []));
    expect(calls).toEqual(['{"city":"Oslo"}', '{"city":"Lima"}']);
  });

  it('#3: usage sent on every chunk is taken from the last one', async () => {
    mock.enqueue({
      type: 'gemini-chunks',
      chunks: [
        {
          candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] } }],
          usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 },
        },
        {
          candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] }, finishReason: 'STOP' }],
          usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 2, totalTokenCount: 11 },
        },
      ],
    });
    const parts = await collect((await provider.chat('gemini-2.5-flash').stream(request(), {})).parts);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11 } });
  });

  it('#4: cached tokens are part of the input, thoughts are added to the output', async () => {
    mock.enqueue({
      type: 'gemini-response',
      response: {
        candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }],
        usageMetadata: {
          promptTokenCount: 1000,
          cachedContentTokenCount: 800,
          candidatesTokenCount: 50,
          thoughtsTokenCount: 200,
          totalTokenCount: 1250,
        },
      },
    });
    const { response } = await provider.chat('gemini-2.5-flash').generate(request(), {});
    expect(response.usage).toEqual({ inputTokens: 1000, cacheReadTokens: 800, outputTokens: 250, reasoningTokens: 200, totalTokens: 1250 });
  });

  it('#5: a system-only request still sends one content, and several system messages all reach systemInstruction', async () => {
    await provider
      .chat('gemini-2.5-flash')
      .generate(request({ messages: [{ role: 'system', content: [{ type: 'text', text: 'Rules.' }] }] }), {});
    expect(sentBody(0).contents).toEqual([{ role: 'user', parts: [{ text: 'Rules.' }] }]);
    await provider.chat('gemini-2.5-flash').generate(
      request({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'One.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Hi.' }] },
          { role: 'system', content: [{ type: 'text', text: 'Two.' }] },
        ],
      }),
      {},
    );
    expect(sentBody(1).systemInstruction).toEqual({ parts: [{ text: 'One.' }, { text: 'Two.' }] });
  });

  it('#6: the results of parallel calls go in one user turn, named after their calls', async () => {
    await provider.chat('gemini-2.5-flash').generate(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Both.' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', toolCallId: 'a', toolName: 'first', input: '{}' },
              { type: 'tool-call', toolCallId: 'b', toolName: 'second', input: '{}' },
            ],
          },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'a', output: { type: 'text', value: '1' } },
              { type: 'tool-result', toolCallId: 'b', output: { type: 'text', value: '2' } },
            ],
          },
        ],
      }),
      {},
    );
    const contents = sentBody().contents as Array<{ role: string; parts: Array<{ functionResponse?: { name: string } }> }>;
    expect(contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(contents[2]?.parts.map((part) => part.functionResponse?.name)).toEqual(['first', 'second']);
  });

  it('#6: a tool result whose call cannot be found is a 400 naming the field', async () => {
    const error = await provider
      .chat('gemini-2.5-flash')
      .generate(
        request({
          messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'nowhere', output: { type: 'text', value: 'x' } }] }],
        }),
        {},
      )
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).param).toBe('messages[0].content[0].toolName');
    expect(mock.requests).toHaveLength(0);
  });

  it('#7: tool choice none keeps the tools declared, and the parallel flag alone never forces a call', async () => {
    const tools: ChatRequestV1['tools'] = [
      { type: 'function', name: 'f', inputSchema: { type: 'object', properties: { a: { type: 'string' } } } },
    ];
    await provider.chat('gemini-2.5-flash').generate(request({ tools, toolChoice: { type: 'none' } }), {});
    expect(sentBody(0)).toMatchObject({
      tools: [{ functionDeclarations: [{ name: 'f' }] }],
      toolConfig: { functionCallingConfig: { mode: 'NONE' } },
    });
    await provider.chat('gemini-2.5-flash').generate(request({ tools, parallelToolCalls: true }), {});
    expect(sentBody(1).toolConfig).toBeUndefined();
  });

  it('#8: an https image is downloaded and inlined, a gs:// one is not', async () => {
    await provider.chat('gemini-2.5-flash').generate(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'url', url: 'https://images.example/cat.png' } },
              { type: 'image', source: { type: 'url', url: 'gs://bucket/dog.png' }, mediaType: 'image/png' },
            ],
          },
        ],
      }),
      {},
    );
    expect((sentBody().contents as Array<{ parts: unknown[] }>)[0]?.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'AQID' } },
      { fileData: { fileUri: 'gs://bucket/dog.png', mimeType: 'image/png' } },
    ]);
  });

  it('#9: JSON mode is native (responseMimeType), with no synthetic tool, and finishes with stop', async () => {
    mock.enqueue({ type: 'text', text: '{"a":1}' });
    const { response } = await provider.chat('gemini-2.5-flash').generate(request({ responseFormat: { type: 'json' } }), {});
    expect(sentBody()).toMatchObject({ generationConfig: { responseMimeType: 'application/json' } });
    expect(sentBody().tools).toBeUndefined();
    expect(response.content).toEqual([{ type: 'text', text: '{"a":1}' }]);
    expect(response.finishReason).toEqual({ unified: 'stop', raw: 'STOP' });
  });

  it('#10: STOP after function calls is tool-calls, MAX_TOKENS is length, SAFETY is content-filter, each with the raw value', async () => {
    mock.enqueue(
      { type: 'gemini-response', response: twoCallsChunk },
      {
        type: 'gemini-response',
        response: { candidates: [{ content: { role: 'model', parts: [{ text: 'cut' }] }, finishReason: 'MAX_TOKENS' }] },
      },
      { type: 'gemini-response', response: { candidates: [{ finishReason: 'SAFETY' }] } },
      { type: 'gemini-chunks', chunks: [twoCallsChunk] },
    );
    const model = provider.chat('gemini-2.5-flash');
    const reasons = [];
    for (let index = 0; index < 3; index += 1) reasons.push((await model.generate(request(), {})).response.finishReason);
    expect(reasons).toEqual([
      { unified: 'tool-calls', raw: 'STOP' },
      { unified: 'length', raw: 'MAX_TOKENS' },
      { unified: 'content-filter', raw: 'SAFETY' },
    ]);
    const parts = await collect((await model.stream(request(), {})).parts);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'STOP' } });
  });

  it('#11: an empty assistant text beside a tool call is left out', async () => {
    await provider.chat('gemini-2.5-flash').generate(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Go.' }] },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: '' },
              { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{}' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', output: { type: 'text', value: 'done' } }] },
        ],
      }),
      {},
    );
    expect((sentBody().contents as Array<{ parts: unknown[] }>)[1]?.parts).toEqual([{ functionCall: { name: 'f', args: {}, id: 'c1' } }]);
  });

  it('#12: ids made for id-less calls are deterministic, distinct, and not sent back upstream', async () => {
    mock.enqueue({ type: 'gemini-response', response: twoCallsChunk }, { type: 'gemini-response', response: twoCallsChunk });
    const model = provider.chat('gemini-2.5-flash');
    const first = (await model.generate(request(), {})).response.content;
    const second = (await model.generate(request(), {})).response.content;
    const ids = first.flatMap((part) => (part.type === 'tool-call' ? [part.toolCallId] : []));
    expect(ids).toEqual(second.flatMap((part) => (part.type === 'tool-call' ? [part.toolCallId] : [])));
    expect(new Set(ids).size).toBe(2);
    await model.generate(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Go.' }] },
          { role: 'assistant', content: first.filter((part) => part.type === 'tool-call') },
          {
            role: 'tool',
            content: ids.map((id) => ({ type: 'tool-result' as const, toolCallId: id, output: { type: 'text' as const, value: 'ok' } })),
          },
        ],
      }),
      {},
    );
    const contents = sentBody(2).contents as Array<{ parts: Array<Record<string, { id?: string }>> }>;
    expect(contents[1]?.parts.map((part) => part.functionCall?.id)).toEqual([undefined, undefined]);
    expect(contents[2]?.parts.map((part) => part.functionResponse?.id)).toEqual([undefined, undefined]);
  });
});

describe('thought signatures', () => {
  it('come back on text, thought and function-call parts, and go upstream unchanged on the next turn', async () => {
    const answer = {
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Planning the call.', thought: true, thoughtSignature: 'c2lnLXRob3VnaHQ=' },
              { text: 'Let me check.', thoughtSignature: 'c2lnLXRleHQ=' },
              { functionCall: { name: 'get_weather', args: { city: 'Oslo' }, id: 'fc-1' }, thoughtSignature: 'c2lnLWNhbGw=' },
            ],
          },
          finishReason: 'STOP',
        },
      ],
    };
    mock.enqueue({ type: 'gemini-response', response: answer }, { type: 'gemini-chunks', chunks: [answer] });
    const model = provider.chat('gemini-3-pro-preview');
    const { response } = await model.generate(request(), {});
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Planning the call.', providerOptions: { google: { thoughtSignature: 'c2lnLXRob3VnaHQ=' } } },
      { type: 'text', text: 'Let me check.', providerOptions: { google: { thoughtSignature: 'c2lnLXRleHQ=' } } },
      {
        type: 'tool-call',
        toolCallId: 'fc-1',
        toolName: 'get_weather',
        input: '{"city":"Oslo"}',
        providerOptions: { google: { thoughtSignature: 'c2lnLWNhbGw=' } },
      },
    ]);
    const streamed = await collect((await model.stream(request(), {})).parts);
    expect(
      streamed
        .filter((part) => part.type === 'reasoning-end' || part.type === 'text-end' || part.type === 'tool-call')
        .map((part) => ('providerOptions' in part ? part.providerOptions : undefined)),
    ).toEqual([
      { google: { thoughtSignature: 'c2lnLXRob3VnaHQ=' } },
      { google: { thoughtSignature: 'c2lnLXRleHQ=' } },
      { google: { thoughtSignature: 'c2lnLWNhbGw=' } },
    ]);
    await model.generate(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Go.' }] },
          { role: 'assistant', content: response.content.filter((part) => part.type !== 'file') as never },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'fc-1', output: { type: 'json', value: { celsius: 3 } } }] },
        ],
      }),
      {},
    );
    expect((sentBody(2).contents as Array<{ parts: unknown[] }>)[1]?.parts).toEqual(answer.candidates[0]!.content.parts);
  });
});

describe('Gemini errors', () => {
  it('a 429 takes its delay from RetryInfo; a per-day quota is not retryable', async () => {
    mock.enqueue(
      { type: 'google-error', status: 429, body: resourceExhaustedBody('gemini-2.5-flash', 7) },
      {
        type: 'google-error',
        status: 429,
        body: resourceExhaustedBody('gemini-2.5-flash', 40, 'GenerateRequestsPerDayPerProjectPerModel-FreeTier'),
      },
    );
    const model = provider.chat('gemini-2.5-flash');
    const minute = await model.generate(request(), {}).catch((error: unknown) => error);
    expect(minute).toMatchObject({ upstreamStatus: 429, isRetryable: true, retryAfterMs: 7000, code: 'rate_limit_exceeded' });
    const daily = await model.generate(request(), {}).catch((error: unknown) => error);
    expect(daily).toMatchObject({ upstreamStatus: 429, isRetryable: false, code: 'insufficient_quota' });
  });

  it('maps 404 to model_not_found, a wrong key to the upstream authentication error, and an over-long prompt to the context window', async () => {
    mock.enqueue(
      {
        type: 'http-error',
        status: 404,
        message: 'models/gemini-9 is not found for API version v1beta, or is not supported for generateContent.',
      },
      {
        type: 'http-error',
        status: 400,
        message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
      },
    );
    const model = provider.chat('gemini-9');
    expect(await model.generate(request(), {}).catch((error: unknown) => error)).toMatchObject({
      code: 'model_not_found',
      status: 404,
      isRetryable: false,
    });
    expect(ContextWindowExceededError.isInstance(await model.generate(request(), {}).catch((error: unknown) => error))).toBe(true);
    const wrong = createGeminiProvider({ baseURL: mock.baseURL, apiKey: 'AIzaSy-wrong' });
    const refused = await wrong
      .chat('gemini-2.5-flash')
      .generate(request(), {})
      .catch((error: unknown) => error);
    await wrong.close();
    expect(UpstreamError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({ status: 502, code: 'upstream_authentication_error', isRetryable: false, upstreamStatus: 400 });
    expect((refused as Error).message).not.toContain('AIzaSy-wrong');
  });

  it('a prompt blocked before any candidate is an empty content-filter answer, whole and streamed', async () => {
    const blocked = { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } };
    mock.enqueue({ type: 'gemini-response', response: blocked }, { type: 'gemini-chunks', chunks: [blocked] });
    const model = provider.chat('gemini-2.5-flash');
    const { response } = await model.generate(request(), {});
    expect(response).toMatchObject({ content: [], finishReason: { unified: 'content-filter', raw: 'PROHIBITED_CONTENT' } });
    const parts = await collect((await model.stream(request(), {})).parts);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'content-filter', raw: 'PROHIBITED_CONTENT' } });
  });

  it('a stream whose body ends without a finish reason is an error, not a finish', async () => {
    mock.enqueue({ type: 'gemini-chunks', chunks: [{ candidates: [{ content: { role: 'model', parts: [{ text: 'half' }] } }] }] });
    const parts = await collect((await provider.chat('gemini-2.5-flash').stream(request(), {})).parts);
    expect(parts.map((part) => part.type)).toEqual(['stream-start', 'text-start', 'text-delta', 'error']);
  });
});

describe('Gemini API abilities', () => {
  it('counts tokens with countTokens, wrapping the generate body', async () => {
    const count = await provider.chat('gemini-2.5-flash').countTokens!(
      request({ messages: [{ role: 'user', content: [{ type: 'text', text: 'three small words' }] }] }),
      {},
    );
    expect(count).toEqual({ inputTokens: 3, source: 'provider' });
    expect(mock.requests[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:countTokens');
    expect(sentBody()).toEqual({
      generateContentRequest: { model: 'models/gemini-2.5-flash', contents: [{ role: 'user', parts: [{ text: 'three small words' }] }] },
    });
  });

  it('lists models, checks health, describes credentials and knows model metadata', async () => {
    const models = await provider.listModels({});
    expect(models.map((model) => model.id)).toContain('gemini-2.5-flash');
    expect(await provider.checkHealth({})).toMatchObject({ healthy: true });
    expect(provider.describeCredentials()).toEqual({
      state: 'set',
      environmentVariable: 'GEMINI_API_KEY',
      setting: 'providers.gemini.api_key',
    });
    const unset = createGeminiProvider({ environment: { GOOGLE_API_KEY: 'from-google-variable' } });
    expect(unset.describeCredentials().state).toBe('set');
    expect(createGeminiProvider({ environment: {} }).describeCredentials().state).toBe('missing');
    // A key from the environment is for Google's host only, never for another base URL.
    expect(createGeminiProvider({ baseURL: mock.baseURL, environment: { GEMINI_API_KEY: 'k' } }).describeCredentials().state).toBe(
      'missing',
    );
    expect(provider.modelMetadata('models/gemini-2.5-pro')).toMatchObject({
      contextWindow: 1_048_576,
      prices: { inputPerMillion: 1.25, outputPerMillion: 10 },
    });
    expect(provider.modelMetadata('gemini-2.0-flash-001')?.id).toBe('gemini-2.0-flash');
    expect(provider.modelMetadata('gemini-3.1-flash-lite')).toEqual({
      id: 'gemini-3.1-flash-lite',
      prices: { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 1.5 },
    });
    expect(provider.modelMetadata('gemini-embedding-001')?.capabilities).toEqual({ embeddings: true });
  });

  it('refuses to fetch a loopback media URL by default', async () => {
    const defaultFetcher = createGeminiProvider({ baseURL: mock.baseURL, apiKey });
    const error = await defaultFetcher
      .chat('gemini-2.5-flash')
      .generate(
        request({
          messages: [
            { role: 'user', content: [{ type: 'image', source: { type: 'url', url: `${mock.url}/cat.png` }, mediaType: 'image/png' }] },
          ],
        }),
        {},
      )
      .catch((caught: unknown) => caught);
    await defaultFetcher.close();
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('private or loopback');
    expect(mock.requests).toHaveLength(0);
  });

  it('in strict mode refuses what it would drop, before any upstream call', async () => {
    const error = await provider
      .chat('gemini-2.5-flash')
      .generate(request({ user: 'u-1' }), { strict: true })
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).param).toBe('user');
    expect(mock.requests).toHaveLength(0);
  });
});

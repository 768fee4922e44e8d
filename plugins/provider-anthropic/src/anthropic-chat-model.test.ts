import { ContextWindowExceededError, InvalidRequestError, UpstreamError } from '@modelgate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, request, startAnthropicFixture, testApiKey, userText, type AnthropicFixture } from './test-fixtures/anthropic-fixture.js';

let fixture: AnthropicFixture;
const modelId = 'claude-sonnet-4-5-20250929';
const usage = { input_tokens: 10, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 20 };

beforeEach(async () => {
  fixture = await startAnthropicFixture();
});
afterEach(async () => {
  await fixture.close();
});

const redactedData = 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj';
const thinkingAnswer = {
  type: 'message' as const,
  message: {
    content: [
      { type: 'thinking' as const, thinking: 'Two times three is six.', signature: 'EqQBCgYIARABGAIiQL+signature==' },
      { type: 'redacted_thinking' as const, data: redactedData },
      { type: 'text' as const, text: 'Six.' },
    ],
    stopReason: 'end_turn' as const,
    usage,
  },
};

describe('the request sent to /v1/messages', () => {
  it('carries x-api-key, anthropic-version and anthropic-beta (configured and client flags), and never the client credential', async () => {
    await fixture.close();
    fixture = await startAnthropicFixture({ beta: ['files-api-2025-04-14', 'context-1m-2025-08-07'] });
    await fixture.provider.chat(modelId).generate(request(), {
      headers: { authorization: 'Bearer client-key', 'x-api-key': 'client-key', 'anthropic-beta': 'files-api-2025-04-14, client-flag' },
    });
    const { headers, path } = fixture.mock.requests[0]!;
    expect(path).toBe('/v1/messages');
    expect(headers['x-api-key']).toBe(testApiKey);
    expect(headers['anthropic-version']).toBe('2023-06-01');
    expect(headers['anthropic-beta']).toBe('files-api-2025-04-14,client-flag,context-1m-2025-08-07');
    expect(headers.authorization).toBeUndefined();
  });

  it('turns reasoning into a thinking budget kept under max_tokens, and drops what thinking refuses, with warnings', async () => {
    fixture.mock.enqueue(thinkingAnswer);
    const { response } = await fixture.provider
      .chat(modelId)
      .generate(request({ reasoning: { effort: 'high' }, maxOutputTokens: 4000, temperature: 0.5, topK: 5 }), {});
    expect(fixture.sent()).toMatchObject({ max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 3999 } });
    expect(fixture.sent().temperature).toBeUndefined();
    expect(fixture.sent().top_k).toBeUndefined();
    expect(response.warnings.map((warning) => [warning.type, warning.setting])).toEqual([
      ['clamped-setting', 'reasoning.budgetTokens'],
      ['unsupported-setting', 'temperature'],
      ['unsupported-setting', 'topK'],
    ]);
  });

  it('clamps a temperature above 1 with a warning, and refuses it before any call in strict mode', async () => {
    const { response } = await fixture.provider.chat(modelId).generate(request({ temperature: 1.7 }), {});
    expect(fixture.sent().temperature).toBe(1);
    expect(response.warnings).toEqual([expect.objectContaining({ type: 'clamped-setting', setting: 'temperature' })]);
    const error = await fixture.provider
      .chat(modelId)
      .stream(request({ temperature: 1.7 }), { strict: true })
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).param).toBe('temperature');
    expect(fixture.mock.requests).toHaveLength(1);
  });

  it('drops sampling settings under anthropic-version 2026-10-21', async () => {
    await fixture.close();
    fixture = await startAnthropicFixture({ anthropicVersion: '2026-10-21' });
    const { response } = await fixture.provider.chat(modelId).generate(request({ temperature: 0.2, topK: 3 }), {});
    expect(fixture.mock.requests[0]?.headers['anthropic-version']).toBe('2026-10-21');
    expect(fixture.sent().temperature).toBeUndefined();
    expect(fixture.sent().top_k).toBeUndefined();
    expect(response.warnings.map((warning) => warning.setting)).toEqual(['temperature', 'topK']);
  });

  it("uses the model's maximum output as max_tokens when the client sends none, else the default_max_tokens setting", async () => {
    await fixture.provider.chat('claude-3-5-haiku-20241022').generate(request(), {});
    expect(fixture.sent().max_tokens).toBe(8192);
    await fixture.provider.chat('claude-future-model').generate(request(), {});
    expect(fixture.sent().max_tokens).toBe(4096);
    await fixture.close();
    fixture = await startAnthropicFixture({ defaultMaxTokens: 1234 });
    await fixture.provider.chat(modelId).generate(request(), {});
    expect(fixture.sent().max_tokens).toBe(1234);
  });

  it('sends cache_control on text, images, documents, tool results and tools, and user as metadata.user_id', async () => {
    const cache = { type: 'ephemeral' as const };
    await fixture.provider.chat(modelId).generate(
      request({
        user: 'user-42',
        tools: [{ type: 'function', name: 'lookup', inputSchema: { type: 'object' }, cacheControl: { type: 'ephemeral', ttl: '1h' } }],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'data', data: 'aGVsbG8=' }, mediaType: 'image/jpeg', cacheControl: cache },
              {
                type: 'file',
                source: { type: 'url', url: 'https://example.com/a.pdf' },
                mediaType: 'application/pdf',
                cacheControl: cache,
              },
              { type: 'file', source: { type: 'data', data: Buffer.from('plain words').toString('base64') }, mediaType: 'text/plain' },
              { type: 'text', text: 'Read these.', cacheControl: cache },
            ],
          },
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'toolu_9', toolName: 'lookup', input: '{}' }] },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: 'toolu_9', output: { type: 'text', value: 'found' }, cacheControl: cache }],
          },
        ],
      }),
      {},
    );
    const sent = fixture.sent();
    expect(sent.metadata).toEqual({ user_id: 'user-42' });
    expect(sent.tools).toEqual([{ name: 'lookup', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral', ttl: '1h' } }]);
    const [first, , third] = sent.messages as { content: unknown[] }[];
    expect(first?.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'aGVsbG8=' }, cache_control: cache },
      { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' }, cache_control: cache },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain words' } },
      { type: 'text', text: 'Read these.', cache_control: cache },
    ]);
    expect(third?.content).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_9', content: 'found', cache_control: cache }]);
  });

  it('refuses tool call input that is not JSON, and inline data without a media type, with a 400 naming the field', async () => {
    const badInput = await fixture.provider
      .chat(modelId)
      .generate(
        request({
          messages: [
            userText('x'),
            { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'toolu_1', toolName: 'f', input: '{oops' }] },
          ],
        }),
        {},
      )
      .catch((caught: unknown) => caught);
    expect((badInput as InvalidRequestError).param).toBe('messages[1].content[0].input');
    const noMediaType = await fixture.provider
      .chat(modelId)
      .generate(request({ messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'data', data: 'aGk=' } }] }] }), {})
      .catch((caught: unknown) => caught);
    expect((noMediaType as InvalidRequestError).param).toBe('messages[0].content[0].mediaType');
    expect(fixture.mock.requests).toHaveLength(0);
  });
});

describe('answers', () => {
  it('returns thinking with its signature and redacted thinking with its data, which go back unchanged next turn', async () => {
    fixture.mock.enqueue(thinkingAnswer);
    const { response } = await fixture.provider.chat(modelId).generate(request({ reasoning: { budgetTokens: 2048 } }), {});
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Two times three is six.', signature: 'EqQBCgYIARABGAIiQL+signature==' },
      { type: 'reasoning', text: '', redactedData },
      { type: 'text', text: 'Six.' },
    ]);
    const assistant = response.content.filter((part) => part.type !== 'file');
    await fixture.provider.chat(modelId).generate(
      request({
        reasoning: { budgetTokens: 2048 },
        messages: [userText('2×3?'), { role: 'assistant', content: assistant }, userText('And 2×4?')],
      }),
      {},
    );
    expect((fixture.sent().messages as { content: unknown[] }[])[1]?.content).toEqual([
      { type: 'thinking', thinking: 'Two times three is six.', signature: 'EqQBCgYIARABGAIiQL+signature==' },
      { type: 'redacted_thinking', data: redactedData },
      { type: 'text', text: 'Six.' },
    ]);
  });

  it('streams thinking as a reasoning block whose signature comes before its end, and redacted thinking as a block with its data', async () => {
    fixture.mock.enqueue(thinkingAnswer);
    const parts = await collect((await fixture.provider.chat(modelId).stream(request(), {})).parts);
    const kinds = parts.map((part) => part.type).filter((type) => type.startsWith('reasoning') || type.startsWith('text'));
    const firstEnd = kinds.indexOf('reasoning-end');
    expect(kinds.indexOf('reasoning-signature')).toBeLessThan(firstEnd);
    expect(
      parts
        .filter((part) => part.type === 'reasoning-delta')
        .map((part) => part.type === 'reasoning-delta' && part.delta)
        .join(''),
    ).toBe('Two times three is six.');
    expect(parts.find((part) => part.type === 'reasoning-signature')).toMatchObject({ signature: 'EqQBCgYIARABGAIiQL+signature==' });
    expect(parts.filter((part) => part.type === 'reasoning-start')[1]).toMatchObject({ redactedData: expect.stringMatching(/^EmwK/) });
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } });
  });

  it('keeps tool call input exactly as the model wrote it (large integers, key order)', async () => {
    const input = '{"2":"b","1":"a","id":12345678901234567890,"ratio":1.50}';
    fixture.mock.enqueue({ type: 'tool-calls', calls: [{ name: 'f', input }] });
    const { response } = await fixture.provider.chat(modelId).generate(request(), {});
    expect(response.content).toEqual([{ type: 'tool-call', toolCallId: expect.stringMatching(/^toolu_/), toolName: 'f', input }]);
  });
});

describe('errors', () => {
  /** The error a generate call rejects with when the upstream answers `status` with its documented error body. */
  async function failure(status: number) {
    fixture.mock.enqueue({ type: 'http-error', status, message: `Mock failure ${status}.` });
    return fixture.provider
      .chat(modelId)
      .generate(request(), {})
      .catch((caught: unknown) => caught);
  }

  it('maps 529 overloaded to a retryable 503, 500 api_error to retryable, 401 to a 502 upstream_authentication_error', async () => {
    const overloaded = (await failure(529)) as UpstreamError;
    expect([overloaded.status, overloaded.isRetryable, overloaded.code, overloaded.upstreamStatus]).toEqual([
      503,
      true,
      'overloaded_error',
      529,
    ]);
    const apiError = (await failure(500)) as UpstreamError;
    expect([apiError.status, apiError.isRetryable, apiError.code]).toEqual([500, true, 'api_error']);
    const wrongKey = await startAnthropicFixture({ apiKey: 'sk-ant-wrong-key-of-the-same-len' });
    const denied = (await wrongKey.provider
      .chat(modelId)
      .generate(request(), {})
      .catch((caught: unknown) => caught)) as UpstreamError;
    await wrongKey.close();
    expect([denied.status, denied.code, denied.isRetryable]).toEqual([502, 'upstream_authentication_error', false]);
    expect(denied.message).toContain('invalid x-api-key');
    expect(denied.message).not.toContain('sk-ant-wrong');
  });

  it('maps a prompt that is too long to ContextWindowExceededError, 413 to a non-retryable request_too_large, 402 billing to non-retryable', async () => {
    fixture.mock.enqueue(
      { type: 'http-error', status: 400, message: 'prompt is too long: 208310 tokens > 200000 maximum' },
      { type: 'http-error', status: 413, message: 'Request exceeds the maximum allowed number of bytes.' },
      { type: 'http-error', status: 402, message: 'Your credit balance is too low to access the Anthropic API.' },
      { type: 'http-error', status: 400, message: 'Your credit balance is too low to access the Anthropic API.' },
    );
    const model = fixture.provider.chat(modelId);
    const errors = [];
    for (let index = 0; index < 4; index += 1) errors.push(await model.generate(request(), {}).catch((caught: unknown) => caught));
    expect(ContextWindowExceededError.isInstance(errors[0])).toBe(true);
    expect(
      errors
        .slice(1)
        .map((error) => [(error as UpstreamError).upstreamStatus, (error as UpstreamError).isRetryable, (error as UpstreamError).code]),
    ).toEqual([
      [413, false, 'request_too_large'],
      [402, false, 'billing_error'],
      [400, false, 'invalid_request_error'],
    ]);
  });

  it('never retries a 429 that is a spend limit, and retries a rate limit after retry-after', async () => {
    const { createAnthropicError } = await import('./create-anthropic-error.js');
    const spend = createAnthropicError({
      status: 429,
      headers: { 'retry-after': '30' },
      body: JSON.stringify({
        type: 'error',
        error: { type: 'rate_limit_error', message: 'Spend limit reached.', details: { error_code: 'enforced_spend_limit_reached' } },
      }),
      provider: 'anthropic',
    }) as UpstreamError;
    expect(spend.isRetryable).toBe(false);
    const limited = createAnthropicError({
      status: 429,
      headers: { 'retry-after': '7' },
      body: JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down.' } }),
      provider: 'anthropic',
    }) as UpstreamError;
    expect([limited.isRetryable, limited.retryAfterMs, limited.code]).toEqual([true, 7000, 'rate_limit_error']);
  });

  it('ends a stream with one error part, never a finish, on an in-stream error event', async () => {
    fixture.mock.enqueue({ type: 'stream-error', afterChunks: 3, message: 'Overloaded', text: 'Partial words here.' });
    const parts = await collect((await fixture.provider.chat(modelId).stream(request(), {})).parts);
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(0);
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && (last.error as UpstreamError).code).toBe('overloaded_error');
  });
});

describe('countTokens', () => {
  it('posts the countable part of the request to /v1/messages/count_tokens and returns the provider count', async () => {
    const counted = await fixture.provider.chat(modelId).countTokens!(
      request({
        maxOutputTokens: 100,
        temperature: 0.3,
        messages: [{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }, userText('Count me.')],
      }),
      {},
    );
    const sent = fixture.mock.requests[0]!;
    expect(sent.path).toBe('/v1/messages/count_tokens');
    expect(Object.keys(sent.body as object).sort()).toEqual(['messages', 'model', 'system']);
    const expected = Math.ceil(
      JSON.stringify({ system: (sent.body as { system: unknown }).system, messages: (sent.body as { messages: unknown }).messages })
        .length / 4,
    );
    expect(counted).toEqual({ inputTokens: expected, source: 'provider' });
  });
});

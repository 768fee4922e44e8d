import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConformanceUpstream } from '../conformance/conformance-upstream.js';
import { mockEmbedding } from '../openai/mock-embedding.js';
import { startMockCohere } from './start-mock-cohere.js';

let upstream: ConformanceUpstream;

beforeEach(async () => {
  upstream = await startMockCohere({ apiKey: 'co-key-0001' });
});

afterEach(async () => {
  await upstream.close();
});

function post(path: string, body: unknown, key = 'co-key-0001'): Promise<Response> {
  return fetch(`${upstream.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

const chat = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hi' }] };

/** The `data:` payloads of an event stream, with the `event:` name each carried. */
function events(text: string): { event: string; data: { type: string } & Record<string, unknown> }[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) };
    });
}

describe('startMockCohere, the Cohere API v2 wire format', () => {
  it('answers chat JSON with the text, tokens and fewer billed units, or the tool plan beside tool_calls', async () => {
    upstream.enqueue(
      { type: 'text', text: 'Hello there.', usage: { inputTokens: 20, outputTokens: 4 } },
      { type: 'tool-calls', text: 'I will search.', calls: [{ id: 'search_1', name: 'search', input: '{"q":"x"}' }] },
    );
    const text = (await (await post('/v2/chat', chat)).json()) as Record<string, unknown>;
    expect(text).toMatchObject({
      finish_reason: 'COMPLETE',
      message: { role: 'assistant', content: [{ type: 'text', text: 'Hello there.' }] },
      usage: { tokens: { input_tokens: 20, output_tokens: 4 }, billed_units: { input_tokens: 13, output_tokens: 3 } },
    });
    const tools = (await (await post('/v2/chat', chat)).json()) as Record<string, unknown>;
    expect(tools).toMatchObject({
      finish_reason: 'TOOL_CALL',
      message: {
        tool_plan: 'I will search.',
        tool_calls: [{ id: 'search_1', type: 'function', function: { name: 'search', arguments: '{"q":"x"}' } }],
      },
    });
  });

  it('streams v2 events with event names, tool calls by index, and ends with message-end', async () => {
    upstream.enqueue({
      type: 'tool-calls',
      text: 'Two calls.',
      calls: [
        { name: 'a', input: '{}' },
        { name: 'b', input: '{"x":1}' },
      ],
    });
    const response = await post('/v2/chat', { ...chat, stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const stream = events(await response.text());
    expect(stream.every((entry) => entry.event === entry.data.type)).toBe(true);
    expect(stream.map((entry) => [entry.data.type, entry.data.index])).toEqual([
      ['message-start', undefined],
      ['tool-plan-delta', undefined],
      ['tool-plan-delta', undefined],
      ['tool-plan-delta', undefined],
      ['tool-call-start', 0],
      ['tool-call-delta', 0],
      ['tool-call-delta', 0],
      ['tool-call-end', 0],
      ['tool-call-start', 1],
      ['tool-call-delta', 1],
      ['tool-call-delta', 1],
      ['tool-call-delta', 1],
      ['tool-call-end', 1],
      ['message-end', undefined],
    ]);
    expect(stream.at(-1)?.data).toMatchObject({ delta: { finish_reason: 'TOOL_CALL' } });
  });

  it("reports an in-stream failure in message-end, and answers errors with Cohere's {message} body", async () => {
    upstream.enqueue({ type: 'stream-error', afterChunks: 2, message: 'Stopped.' }, { type: 'rate-limit', retryAfterSeconds: 2 });
    const stream = events(await (await post('/v2/chat', { ...chat, stream: true })).text());
    expect(stream.map((entry) => entry.data.type)).toEqual(['message-start', 'content-start', 'message-end']);
    expect(stream.at(-1)?.data).toMatchObject({ delta: { error: 'Stopped.', finish_reason: 'ERROR' } });
    const limited = await post('/v2/chat', chat);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(Object.keys((await limited.json()) as object)).toEqual(['message']);
  });

  it("refuses a missing key and a wrong key of the right length with Cohere's 401 bodies", async () => {
    const missing = await fetch(`${upstream.baseURL}/v2/chat`, { method: 'POST', body: JSON.stringify(chat) });
    expect([missing.status, await missing.json()]).toEqual([401, { message: 'no api key supplied' }]);
    const wrong = await post('/v2/chat', chat, 'co-key-0002');
    expect([wrong.status, await wrong.json()]).toEqual([401, { message: 'invalid api token' }]);
    const [, refused] = upstream.requests;
    expect(refused && upstream.hasCredential(refused)).toBe(false);
  });

  it('embeds with mockEmbedding (1024 dimensions unless asked), needs input_type, and reranks by shared words', async () => {
    const embedded = (await (
      await post('/v2/embed', {
        model: 'embed-v4.0',
        texts: ['a', 'b'],
        input_type: 'search_document',
        embedding_types: ['float'],
        output_dimension: 8,
      })
    ).json()) as {
      embeddings: { float: number[][] };
      meta: unknown;
    };
    expect(embedded.embeddings.float).toEqual([mockEmbedding('a', 8), mockEmbedding('b', 8)]);
    expect(embedded.meta).toEqual({ api_version: { version: '2' }, billed_units: { input_tokens: 2 } });
    expect((await post('/v2/embed', { model: 'embed-v4.0', texts: ['a'] })).status).toBe(400);
    const ranked = (await (
      await post('/v2/rerank', { model: 'rerank-v3.5', query: 'red apple', documents: ['green pear', 'red apple pie', 'apple'], top_n: 2 })
    ).json()) as {
      results: unknown;
      meta: unknown;
    };
    expect(ranked.results).toEqual([
      { index: 1, relevance_score: 1 },
      { index: 2, relevance_score: 0.5 },
    ]);
    expect(ranked.meta).toEqual({ api_version: { version: '2' }, billed_units: { search_units: 1 } });
  });

  it('lists its models under GET /v1/models', async () => {
    const response = await fetch(`${upstream.baseURL}/v1/models`, { headers: { authorization: 'Bearer co-key-0001' } });
    const { models } = (await response.json()) as { models: { name: string; endpoints: string[] }[] };
    expect(models.map((model) => model.name)).toContain('rerank-v3.5');
  });
});

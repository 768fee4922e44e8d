import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConformanceUpstream } from '../conformance/conformance-upstream.js';
import { mockEmbedding } from '../openai/mock-embedding.js';
import { exampleKeyHeader, startExampleUpstream } from './start-example-upstream.js';

let upstream: ConformanceUpstream;

beforeEach(async () => {
  upstream = await startExampleUpstream({ apiKey: 'example-key-0001' });
});

afterEach(async () => {
  await upstream.close();
});

function post(path: string, body: unknown, key = 'example-key-0001'): Promise<Response> {
  return fetch(`${upstream.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [exampleKeyHeader]: key },
    body: JSON.stringify(body),
  });
}

const prompt = [{ role: 'user', parts: [{ text: 'hi' }] }];

describe('startExampleUpstream, the example wire format', () => {
  it('answers NDJSON lines: text pieces, whole tool calls, then done with uncached input usage', async () => {
    upstream.enqueue({
      type: 'tool-calls',
      text: 'one two three',
      calls: [{ id: 'tool_a', name: 'search', input: '{"q": "x"}' }],
      usage: { inputTokens: 100, outputTokens: 9, cacheReadTokens: 60, cacheWriteTokens: 10, reasoningTokens: 4 },
    });
    const response = await post('/generate', { model: 'example-large', prompt });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    expect(await response.text()).toBe(
      [
        '{"text":"one "}',
        '{"text":"two "}',
        '{"text":"three"}',
        '{"tool":{"id":"tool_a","name":"search","input":"{\\"q\\": \\"x\\"}"}}',
        '{"done":{"reason":"tool_use","usage":{"input":30,"output":9,"cache_read":60,"cache_write":10,"reasoning":4}}}',
        '',
      ].join('\n'),
    );
  });

  it('ends an in-stream failure with an error line, and answers 429 with retry-after', async () => {
    upstream.enqueue(
      { type: 'stream-error', afterChunks: 1, message: 'Stopped.', text: 'a b c' },
      { type: 'rate-limit', retryAfterSeconds: 2 },
    );
    expect(await (await post('/generate', { model: 'm', prompt })).text()).toBe(
      '{"text":"a "}\n{"error":{"message":"Stopped.","code":"generation_failed"}}\n',
    );
    const limited = await post('/generate', { model: 'm', prompt });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({ error: { message: 'Too many requests, retry in 2s.', code: 'rate_limited' } });
  });

  it('refuses a wrong key of the right length, and records what it received', async () => {
    const refused = await post('/generate', { model: 'example-large', prompt }, 'example-key-0002');
    expect(refused.status).toBe(401);
    await (await post('/generate', { model: 'example-large', prompt })).text();
    const [wrong, right] = upstream.requests;
    expect(wrong && upstream.hasCredential(wrong)).toBe(false);
    expect(right && upstream.hasCredential(right)).toBe(true);
    expect(right && upstream.modelOf(right)).toBe('example-large');
  });

  it('embeds each input with mockEmbedding, 16 dimensions unless asked', async () => {
    const answer = (await (await post('/embed', { model: 'example-embed', input: ['a', 'b'] })).json()) as { embeddings: number[][] };
    expect(answer.embeddings).toEqual([mockEmbedding('a', 16), mockEmbedding('b', 16)]);
  });
});

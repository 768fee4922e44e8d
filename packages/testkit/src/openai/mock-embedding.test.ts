import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEmbeddingBase64, mockEmbedding } from './mock-embedding.js';
import { startMockOpenAI, type MockOpenAIServer } from './start-mock-openai.js';

let mock: MockOpenAIServer;
let client: OpenAI;

beforeEach(async () => {
  mock = await startMockOpenAI();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: mock.baseURL, maxRetries: 0 });
});

afterEach(async () => {
  await mock.close();
});

describe('mockEmbedding', () => {
  it('is deterministic, distinct per input, unit length and float32', () => {
    const first = mockEmbedding('hello', 64);
    expect(mockEmbedding('hello', 64)).toEqual(first);
    expect(mockEmbedding('hello!', 64)).not.toEqual(first);
    expect(first).toHaveLength(64);
    expect(Math.hypot(...first)).toBeCloseTo(1, 5);
    expect(first.every((value) => Math.fround(value) === value)).toBe(true);
  });

  it('encodes little-endian float32 in base64', () => {
    const bytes = Buffer.from(encodeEmbeddingBase64([1, -2.5]), 'base64');
    expect([...bytes]).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0]);
  });
});

describe('startMockOpenAI, embeddings', () => {
  it('answers float vectors in OpenAI shape, honouring dimensions', async () => {
    const result = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['alpha', 'beta'],
      encoding_format: 'float',
      dimensions: 32,
    });
    expect(result.object).toBe('list');
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
    expect(result.data.map((item) => [item.object, item.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
    ]);
    expect(result.data[0]?.embedding).toEqual(mockEmbedding('alpha', 32));
    expect(result.data[1]?.embedding).toEqual(mockEmbedding('beta', 32));
  });

  it('sends base64 when asked, which the SDK decodes to the same vector', async () => {
    // Without encoding_format, SDK v6 asks for base64 and decodes it itself.
    const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'gamma ray' });
    expect(mock.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(decoded.data[0]?.embedding).toEqual(mockEmbedding('gamma ray'));
    expect(decoded.data[0]?.embedding).toHaveLength(1536);

    const raw = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'gamma ray', encoding_format: 'base64' });
    expect(raw.data[0]?.embedding).toBe(encodeEmbeddingBase64(mockEmbedding('gamma ray')));
  });

  it('applies error scenarios to embeddings too', async () => {
    mock.enqueue({ type: 'rate_limit', retryAfterSeconds: 2 });
    await expect(client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('rejects a request without input with OpenAI missing-parameter body', async () => {
    const response = await fetch(`${mock.baseURL}/embeddings`, {
      method: 'POST',
      body: JSON.stringify({ model: 'text-embedding-3-small' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: "Missing required parameter: 'input'.",
        type: 'invalid_request_error',
        param: 'input',
        code: 'missing_required_parameter',
      },
    });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockGateway, testMasterKey, type MockGateway } from './test-fixtures/mock-gateway.js';

let harness: MockGateway;

beforeAll(async () => {
  harness = await startMockGateway({
    upstream: { max_response_bytes: 64 * 1024, idle_timeout_ms: 300 },
    router: { retries: 0, timeout_ms: 5000 },
  });
});

afterAll(async () => {
  await harness.close();
});

beforeEach(() => {
  harness.mock.reset();
});

async function chat(stream: boolean): Promise<{ status: number; text: string }> {
  const response = await fetch(`${harness.server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'smart', stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, text: await response.text() };
}

const hugeAnswer = JSON.stringify({
  id: 'c',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'x'.repeat(200_000) }, finish_reason: 'stop' }],
});

describe('upstream responses are bounded', () => {
  it('refuses a non-streaming answer over upstream.max_response_bytes, declared or not', async () => {
    harness.mock.enqueue(
      {
        type: 'raw',
        status: 200,
        headers: { 'content-type': 'application/json', 'content-length': String(hugeAnswer.length) },
        body: hugeAnswer,
      },
      { type: 'raw', status: 200, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: hugeAnswer },
    );
    for (let round = 0; round < 2; round += 1) {
      const { status, text } = await chat(false);
      expect(status).toBe(502);
      expect(JSON.parse(text).error.code).toBe('upstream_response_too_large');
      expect(text).toContain('upstream.max_response_bytes');
    }
  });

  it('ends a stream that stalls after two chunks with an error event naming the idle timeout', async () => {
    harness.mock.enqueue({ type: 'hang', afterChunks: 2 });
    const { status, text } = await chat(true);
    expect(status).toBe(200);
    expect(text).toMatch(/^data: \{"id":/);
    expect(text).toContain('upstream.idle_timeout_ms');
    expect(text).not.toContain('[DONE]');
  });
});

import { parseConfig } from '@modelgate/core';
import { defaultMockContent, startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JsonLineLogger } from './logging/json-line-logger.js';
import { startServer, type RunningServer } from './server.js';
import { mockGatewayConfig, testMasterKey } from './test-fixtures/mock-gateway.js';

let mock: MockOpenAIServer;
let server: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  mock = await startMockOpenAI();
  server = await startServer({
    config: parseConfig(mockGatewayConfig(mock, { router: { retries: 0, timeout_ms: 5000 } })),
    host: '127.0.0.1',
    port: 0,
    logger: new JsonLineLogger('info', (line) => logLines.push(line)),
  });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

beforeEach(() => {
  mock.reset();
  logLines.length = 0;
});

const hello = { contents: [{ role: 'user', parts: [{ text: 'Hello?' }] }] };

function post(path: string, body: unknown, headers: Record<string, string> = { 'x-goog-api-key': testMasterKey }): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('/v1beta/models on the wire', () => {
  it('takes the key as ?key= and never writes it to a log line', async () => {
    const response = await post(`/v1beta/models/smart:generateContent?key=${testMasterKey}`, hello, {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> };
    expect(body.candidates[0]!.content.parts[0]!.text).toBe(defaultMockContent);
    // The access line is written once the answer has left: wait for it rather than for a fixed time.
    await expect.poll(() => logLines.some((line) => line.includes('"request"')), { timeout: 10_000 }).toBe(true);
    expect(logLines.join('\n')).not.toContain(testMasterKey);
  });

  it('answers a missing key with Google error body, UNAUTHENTICATED', async () => {
    const response = await post('/v1beta/models/smart:generateContent', hello, {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 401, message: expect.any(String), status: 'UNAUTHENTICATED' } });
  });

  it('keeps the Google key forms off the other routes', async () => {
    const response = await fetch(`${server.url}/v1/models?key=${testMasterKey}`, { headers: { 'x-goog-api-key': testMasterKey } });
    expect(response.status).toBe(401);
  });

  it('streams without alt=sse as one JSON array, written chunk by chunk', async () => {
    const response = await post('/v1beta/models/smart:streamGenerateContent', hello);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(text.startsWith('[')).toBe(true);
    const chunks = JSON.parse(text) as Array<{
      candidates: Array<{ content: { parts: Array<{ text?: string }> }; finishReason?: string }>;
    }>;
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap((chunk) => chunk.candidates[0]!.content.parts.map((part) => part.text ?? '')).join('')).toBe(defaultMockContent);
    expect(chunks.at(-1)!.candidates[0]!.finishReason).toBe('STOP');
  });

  it('ends a failed alt=sse stream with an error event and no finish', async () => {
    mock.enqueue({ type: 'stream_error', afterChunks: 2, content: defaultMockContent });
    const response = await post('/v1beta/models/smart:streamGenerateContent?alt=sse', hello);
    const events = (await response.text())
      .split('\r\n\r\n')
      .filter((event) => event.length > 0)
      .map((event) => JSON.parse(event.replace(/^data: /, '')) as Record<string, unknown>);
    expect(events.at(-1)).toMatchObject({ error: { code: expect.any(Number), status: expect.any(String) } });
    expect(JSON.stringify(events)).not.toContain('finishReason');
  });

  it('reads the model as the path before the last colon, with its slash as it is or percent-encoded', async () => {
    for (const path of [
      '/v1beta/models/mock/gpt-4o-mini:generateContent',
      '/v1beta/models/mock%2Fgpt-4o-mini:generateContent',
      '/v1beta/models/mock%2fgpt-4o-mini:streamGenerateContent?alt=sse',
    ]) {
      const response = await post(path, hello);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain('"finishReason":"STOP"');
    }
    expect(mock.requests.map((request) => (request.body as { model: string }).model)).toEqual([
      'gpt-4o-mini',
      'gpt-4o-mini',
      'gpt-4o-mini',
    ]);
    const unknown = await post('/v1beta/models/mock%2Fgpt-4o-mini%2Fextra%2550:generateContent', hello);
    expect(unknown.status).toBe(200);
    expect((mock.requests[3]!.body as { model: string }).model).toBe('gpt-4o-mini/extra%50');
    const empty = await post('/v1beta/models/:generateContent', hello);
    expect(empty.status).toBe(404);
  });

  it('refuses another resource than models/ with NOT_FOUND', async () => {
    const response = await post('/v1beta/tunedModels/mine:generateContent', hello);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe('NOT_FOUND');
  });

  it('refuses candidateCount above 1 and a bad part with INVALID_ARGUMENT naming the field', async () => {
    const many = await post('/v1beta/models/smart:generateContent', { ...hello, generationConfig: { candidateCount: 2 } });
    expect(many.status).toBe(400);
    const manyBody = (await many.json()) as { error: { status: string; message: string } };
    expect(manyBody.error.status).toBe('INVALID_ARGUMENT');
    expect(manyBody.error.message).toContain('generationConfig.candidateCount');
    const empty = await post('/v1beta/models/smart:generateContent', { contents: [{ role: 'user', parts: [{}] }] });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toContain('contents[0].parts[0]');
    expect(mock.requests).toHaveLength(0);
  });

  it('answers an unknown model with NOT_FOUND and an upstream 429 with RESOURCE_EXHAUSTED', async () => {
    const unknown = await post('/v1beta/models/nobody:generateContent', hello);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { status: string } }).error.status).toBe('NOT_FOUND');
    mock.enqueue({ type: 'error', status: 429 });
    const limited = await post('/v1beta/models/smart:generateContent', hello);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { status: string } }).error.status).toBe('RESOURCE_EXHAUSTED');
  });

  it('answers embedContent with one embedding', async () => {
    const response = await post('/v1beta/models/embed:embedContent', { content: { parts: [{ text: 'one text' }] } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { embedding: { values: number[] } };
    expect(body.embedding.values.length).toBeGreaterThan(0);
    expect((mock.requests[0]!.body as { input: unknown }).input).toEqual('one text');
  });

  it('cancels the upstream when the client goes away mid-stream', async () => {
    mock.enqueue({ type: 'slow', content: defaultMockContent, intervalMs: 200 });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1beta/models/smart:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': testMasterKey },
      body: JSON.stringify(hello),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('data: ');
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const aborted = await mock.waitForAbort();
    expect(aborted.aborted).toBe(true);
  });
});

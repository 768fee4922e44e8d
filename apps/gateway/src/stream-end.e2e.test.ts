import { parseConfig } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JsonLineLogger } from './logging/json-line-logger.js';
import { startServer, type RunningServer } from './server.js';
import { mockGatewayConfig, testMasterKey } from './test-fixtures/mock-gateway.js';

let mock: MockOpenAIServer;
let server: RunningServer;
let client: OpenAI;
const lines: string[] = [];

beforeAll(async () => {
  mock = await startMockOpenAI();
  server = await startServer({
    config: parseConfig(mockGatewayConfig(mock)),
    host: '127.0.0.1',
    port: 0,
    // The access log's per-request lines are left out: these tests are about the lines of early ends.
    logger: new JsonLineLogger('info', (line) => {
      if (!line.includes('"msg":"request"')) lines.push(line);
    }),
  });
  client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

beforeEach(() => {
  mock.reset();
  lines.length = 0;
});

const messages = [{ role: 'user' as const, content: 'Hello?' }];

function chunkEvent(delta: Record<string, unknown>, finishReason: string | null = null, usage?: Record<string, number>): string {
  const chunk = {
    id: 'chatcmpl-burst',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(usage ? { usage } : { usage: null }),
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** A whole streamed answer in one body write, so that the gateway parses it from one packet. */
function burstBody(words: readonly string[]): string {
  return [
    chunkEvent({ role: 'assistant', content: '' }),
    ...words.map((word) => chunkEvent({ content: word })),
    chunkEvent({}, 'stop'),
    chunkEvent({}, null, { prompt_tokens: 3, completion_tokens: words.length, total_tokens: 3 + words.length }),
    'data: [DONE]\n\n',
  ].join('');
}

function logRecords(): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the end of a stream through the gateway', () => {
  it('relays a whole upstream stream that arrives in one packet, usage chunk included', async () => {
    const words = ['one ', 'two ', 'three ', 'four ', 'five ', 'six ', 'seven ', 'eight ', 'nine ', 'ten'];
    mock.enqueue({ type: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: burstBody(words) });
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toHaveLength(words.length + 3);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(words.join(''));
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(13);
    expect(lines).toEqual([]);
  });

  it('ends a stream whose upstream drops with an error event and one warning line', async () => {
    mock.enqueue({ type: 'drop', afterChunks: 3, content: 'This answer is cut off in the middle.' });
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json', 'x-request-id': 'req-dropped' },
      body: JSON.stringify({ model: 'smart', messages, stream: true }),
    });
    const text = await response.text();
    const frames = text.split('\n\n').filter((frame) => frame.length > 0);
    expect(frames).toHaveLength(4);
    expect(JSON.parse(frames[3]!.replace(/^data: /, ''))).toMatchObject({ error: { code: 'upstream_connection_error' } });
    expect(text).not.toContain('[DONE]');
    const records = logRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ level: 40, reqId: 'req-dropped', code: 'upstream_connection_error' });
    expect(String(records[0]!['msg'])).toMatch(/^The stream ended early: /);
  });

  it('logs a client that leaves in the middle of a stream as one info line', async () => {
    mock.enqueue({ type: 'hang', afterChunks: 2 });
    const stream = await client.chat.completions.create(
      { model: 'smart', messages, stream: true },
      { headers: { 'x-request-id': 'req-left' } },
    );
    const received = [];
    // Leaving the loop early aborts the request: the client closes the connection mid-stream.
    for await (const chunk of stream) {
      received.push(chunk);
      if (received.length === 2) break;
    }
    expect(received).toHaveLength(2);
    await expect.poll(() => lines.length).toBe(1);
    expect(logRecords()[0]).toMatchObject({ level: 30, reqId: 'req-left', code: 'client_closed_request' });
  });
});

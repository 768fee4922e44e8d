import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConformanceUpstream } from '../conformance/conformance-upstream.js';
import { defaultMockContent, scenarioFromModel } from './mock-scenario.js';
import { openAIConformanceUpstream } from './openai-conformance-upstream.js';

let upstream: ConformanceUpstream;
let client: OpenAI;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeEach(async () => {
  upstream = await openAIConformanceUpstream({ apiKey: 'sk-adapter-0123' }).start();
  client = new OpenAI({ apiKey: upstream.apiKey, baseURL: upstream.baseURL, maxRetries: 0 });
});

afterEach(async () => {
  await upstream.close();
});

/** The raw SSE body of a streamed request. */
async function rawStream(): Promise<string> {
  const response = await fetch(`${upstream.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${upstream.apiKey}` },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages, stream: true, stream_options: { include_usage: true } }),
  });
  return response.text();
}

describe('openAIConformanceUpstream', () => {
  it('writes canonical usage as OpenAI does: cached tokens inside prompt_tokens, reasoning inside completion_tokens', async () => {
    upstream.enqueue({
      type: 'text',
      text: 'Counted.',
      usage: { inputTokens: 120, outputTokens: 45, cacheReadTokens: 80, cacheWriteTokens: 30, reasoningTokens: 20 },
    });
    const completion = await client.chat.completions.create({ model: 'gpt-4.1', messages });
    expect(completion.usage).toEqual({
      prompt_tokens: 120,
      completion_tokens: 45,
      total_tokens: 165,
      prompt_tokens_details: { cached_tokens: 80, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 20, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    });
  });

  it('sends an in-stream error event after N chunks and no [DONE]; the SDK raises it', async () => {
    upstream.enqueue({ type: 'stream-error', afterChunks: 2, message: 'The generation failed.', text: 'one two three' });
    const text = await rawStream();
    const events = text.slice(0, -2).split('\n\n');
    expect(events).toHaveLength(3);
    expect(events.at(-1)).toBe('data: {"error":{"message":"The generation failed.","type":"server_error","param":null,"code":null}}');
    expect(text).not.toContain('[DONE]');

    upstream.enqueue({ type: 'stream-error', afterChunks: 2, message: 'The generation failed again.' });
    const stream = await client.chat.completions.create({ model: 'gpt-4.1', messages, stream: true });
    const failure = await (async () => {
      for await (const _chunk of stream) {
        // read on until the error event
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as Error).message).toContain('The generation failed again.');
  });

  it('serves a slow stream whole, with [DONE], when nobody aborts', async () => {
    upstream.enqueue({ type: 'slow', text: 'a b c d', intervalMs: 5 });
    const text = await rawStream();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const content = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map((event) => (JSON.parse(event.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '')
      .join('');
    expect(content).toBe('a b c d');
  });

  it('tells the credential and the model of a recorded request', async () => {
    await client.chat.completions.create({ model: 'gpt-4.1', messages });
    const wrong = new OpenAI({ apiKey: 'sk-adapter-0124', baseURL: upstream.baseURL, maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: 'gpt-4.1', messages })).rejects.toThrow(/Incorrect API key/);
    const [right, wrongKey] = upstream.requests;
    expect(right && upstream.hasCredential(right)).toBe(true);
    expect(wrongKey && upstream.hasCredential(wrongKey)).toBe(false);
    expect(right && upstream.modelOf(right)).toBe('gpt-4.1');
  });

  it('selects the new scenarios by model name too', () => {
    expect(scenarioFromModel('mock-scenario:stream_error', true)).toEqual({ type: 'stream_error', afterChunks: 3 });
    expect(scenarioFromModel('mock-scenario:stream_error:5', true)).toEqual({ type: 'stream_error', afterChunks: 5 });
    expect(scenarioFromModel('mock-scenario:slow:20', true)).toEqual({ type: 'slow', content: defaultMockContent, intervalMs: 20 });
  });
});

import { GoogleGenAI } from '@google/genai';
import { parseConfig } from '@modelgate/core';
import { startMockAnthropic, type MockAnthropicServer } from '@modelgate/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

const upstreamKey = 'sk-ant-gemini-0123456789abcdef';
let mock: MockAnthropicServer;
let server: RunningServer;
let client: GoogleGenAI;

beforeAll(async () => {
  mock = await startMockAnthropic({ apiKey: upstreamKey });
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'silent' },
      auth: { master_key: testMasterKey },
      providers: { claude: { type: 'anthropic', base_url: mock.url, api_key: upstreamKey } },
      models: [{ name: 'claude', deployments: [{ provider: 'claude', model: 'claude-sonnet-4-5-20250929' }] }],
      router: { retries: 0, timeout_ms: 5000 },
    }),
    host: '127.0.0.1',
    port: 0,
  });
  client = new GoogleGenAI({ apiKey: testMasterKey, httpOptions: { baseUrl: server.url } });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

/** How many requests the Anthropic mock had before this test. */
let seen = 0;

/** The requests this test made, once there are `count`. */
async function requestsOfTest(count: number) {
  return (await mock.waitForRequests(seen + count)).slice(seen);
}

beforeEach(() => {
  mock.reset();
  seen = mock.requests.length;
});

describe('/v1beta/models in front of the Anthropic plugin, through @google/genai', () => {
  it('answers with thought parts carrying their signature, text and a function call, and usage in Gemini meaning', async () => {
    mock.enqueue({
      type: 'message',
      message: {
        content: [
          { type: 'thinking', thinking: 'Check the weather tool.', signature: 'sig-abc' },
          { type: 'text', text: 'Let me look.' },
          { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: '{"city":"Paris"}' },
        ],
        stopReason: 'tool_use',
        usage: { input_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 10, output_tokens: 7 },
      },
    });
    const response = await client.models.generateContent({
      model: 'claude',
      contents: 'Weather in Paris?',
      config: {
        systemInstruction: 'Use tools.',
        maxOutputTokens: 256,
        tools: [
          {
            functionDeclarations: [
              { name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } },
            ],
          },
        ],
      },
    });
    expect(response.candidates?.[0]?.content?.parts).toEqual([
      { text: 'Check the weather tool.', thought: true, thoughtSignature: 'sig-abc' },
      { text: 'Let me look.' },
      { functionCall: { id: 'toolu_01', name: 'get_weather', args: { city: 'Paris' } } },
    ]);
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 30, cachedContentTokenCount: 10, totalTokenCount: 37 });
    const [sent] = await requestsOfTest(1);
    expect(sent!.headers['x-api-key']).toBe(upstreamKey);
    expect(sent!.body).toMatchObject({
      model: 'claude-sonnet-4-5-20250929',
      system: [{ type: 'text', text: 'Use tools.' }],
      max_tokens: 256,
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }],
    });
  });

  it('sends thinkingConfig.thinkingBudget as the thinking budget, and includeThoughts gives the thoughts', async () => {
    mock.enqueue({
      type: 'message',
      message: {
        content: [
          { type: 'thinking', thinking: 'Two and two.', signature: 'sig-budget' },
          { type: 'text', text: 'Four.' },
        ],
        stopReason: 'end_turn',
        usage: { input_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 12 },
      },
    });
    const response = await client.models.generateContent({
      model: 'claude',
      contents: 'Two plus two?',
      config: { maxOutputTokens: 4096, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } },
    });
    expect(response.candidates?.[0]?.content?.parts).toEqual([
      { text: 'Two and two.', thought: true, thoughtSignature: 'sig-budget' },
      { text: 'Four.' },
    ]);
    expect(response.text).toBe('Four.');
    const [sent] = await requestsOfTest(1);
    expect(sent!.body).toMatchObject({ max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 } });
    expect(sent!.body).not.toHaveProperty('includeThoughts');
    await client.models.generateContent({ model: 'claude', contents: 'Quick?', config: { thinkingConfig: { thinkingBudget: 0 } } });
    const [, off] = await requestsOfTest(2);
    expect(off!.body).not.toHaveProperty('thinking');
    // Gemini's dynamic budget (-1, the model decides) still thinks on a backend that needs a budget: a medium one.
    await client.models.generateContent({ model: 'claude', contents: 'Think?', config: { thinkingConfig: { thinkingBudget: -1 } } });
    const [, , dynamic] = await requestsOfTest(3);
    expect(dynamic!.body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 8192 } });
  });

  it('streams a signed thought to a chat, which sends it back whole and signed on the next turn', async () => {
    mock.enqueue({
      type: 'message',
      message: {
        content: [
          { type: 'thinking', thinking: 'The user greets me; I should greet back warmly.', signature: 'sig-stream' },
          { type: 'text', text: 'Hello there, nice to meet you!' },
        ],
        stopReason: 'end_turn',
        usage: { input_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 30 },
      },
    });
    const chat = client.chats.create({
      model: 'claude',
      config: { maxOutputTokens: 4096, thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } },
    });
    let thoughts = '';
    let text = '';
    for await (const chunk of await chat.sendMessageStream({ message: 'Hello!' })) {
      for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
        if (part.thought === true) thoughts += part.text ?? '';
        else text += part.text ?? '';
      }
    }
    expect(thoughts).toBe('The user greets me; I should greet back warmly.');
    expect(text).toBe('Hello there, nice to meet you!');
    mock.enqueue({ type: 'text', text: 'Fine, thanks.' });
    await chat.sendMessage({ message: 'How are you?' });
    const [first, second] = await requestsOfTest(2);
    expect(first!.body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1024 } });
    const messages = (second!.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }> }).messages;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    const [thinking, ...answer] = messages[1]!.content;
    expect(thinking).toEqual({ type: 'thinking', thinking: 'The user greets me; I should greet back warmly.', signature: 'sig-stream' });
    expect(answer.every((block) => block.type === 'text')).toBe(true);
    expect(answer.map((block) => block.text).join('')).toBe('Hello there, nice to meet you!');
  });

  it('streams text from the Anthropic backend with generateContentStream', async () => {
    mock.enqueue({ type: 'text', text: 'Bonjour de Claude, en plusieurs morceaux.' });
    const stream = await client.models.generateContentStream({ model: 'claude', contents: 'Salut?', config: { maxOutputTokens: 64 } });
    let text = '';
    let finish: string | undefined;
    for await (const chunk of stream) {
      text += chunk.text ?? '';
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
    }
    expect(text).toBe('Bonjour de Claude, en plusieurs morceaux.');
    expect(finish).toBe('STOP');
  });

  it('cancels the Anthropic call when the client aborts the stream', async () => {
    mock.enqueue({ type: 'hang', afterChunks: 3 });
    const controller = new AbortController();
    const stream = await client.models.generateContentStream({
      model: 'claude',
      contents: 'Go.',
      config: { maxOutputTokens: 64, abortSignal: controller.signal },
    });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    controller.abort();
    const aborted = await mock.waitForAbort();
    expect(aborted.path).toBe('/v1/messages');
    await iterator.next().catch(() => undefined);
  });
});

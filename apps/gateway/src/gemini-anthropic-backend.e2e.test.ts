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

beforeEach(() => mock.reset());

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
    const [sent] = await mock.waitForRequests(1);
    expect(sent!.headers['x-api-key']).toBe(upstreamKey);
    expect(sent!.body).toMatchObject({
      model: 'claude-sonnet-4-5-20250929',
      system: [{ type: 'text', text: 'Use tools.' }],
      max_tokens: 256,
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }],
    });
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
});

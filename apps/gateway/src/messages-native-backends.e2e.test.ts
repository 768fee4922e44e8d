import Anthropic from '@anthropic-ai/sdk';
import { parseConfig } from '@modelgate/core';
import {
  bedrockTestCredentials,
  startMockBedrock,
  startMockGemini,
  type ConformanceScenario,
  type MockBedrockServer,
  type MockGeminiServer,
} from '@modelgate/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

// The Anthropic Messages surface in front of the native Gemini and Bedrock plugins: the official
// Anthropic SDK sees Anthropic's answers and events whatever the backend's wire format.
const geminiKey = 'AIzaSy-messages-e2e-0123456789';
let gemini: MockGeminiServer;
let bedrock: MockBedrockServer;
let server: RunningServer;
let client: Anthropic;

beforeAll(async () => {
  gemini = await startMockGemini({ apiKey: geminiKey });
  bedrock = await startMockBedrock({ credentials: bedrockTestCredentials });
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'silent' },
      auth: { master_key: testMasterKey },
      providers: {
        gemini: { type: 'gemini', base_url: gemini.baseURL, api_key: geminiKey },
        aws: {
          type: 'bedrock',
          region: 'us-east-1',
          base_url: bedrock.baseURL,
          access_key_id: bedrockTestCredentials.accessKeyId,
          secret_access_key: bedrockTestCredentials.secretAccessKey,
        },
      },
      models: [
        { name: 'gem', deployments: [{ provider: 'gemini', model: 'gemini-2.5-flash' }] },
        { name: 'aws', deployments: [{ provider: 'aws', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }] },
      ],
      router: { retries: 0, timeout_ms: 5000 },
    }),
    host: '127.0.0.1',
    port: 0,
  });
  client = new Anthropic({ apiKey: testMasterKey, baseURL: server.url, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await gemini.close();
  await bedrock.close();
});

const backends = [
  { name: 'gemini', model: 'gem', enqueue: (scenario: ConformanceScenario) => gemini.enqueue(scenario), requests: () => gemini.requests },
  {
    name: 'bedrock',
    model: 'aws',
    enqueue: (scenario: ConformanceScenario) => bedrock.enqueue(scenario),
    requests: () => bedrock.requests,
  },
];

const tools = [
  { name: 'search_flights', input_schema: { type: 'object' as const, properties: { from: { type: 'string' }, to: { type: 'string' } } } },
  { name: 'search_hotels', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } },
];
const calls = [
  { name: 'search_flights', input: '{"from":"CDG","to":"JFK"}' },
  { name: 'search_hotels', input: '{"city":"New York"}' },
];

for (const backend of backends) {
  describe(`/v1/messages in front of ${backend.name}`, () => {
    it('answers a message with usage in Anthropic terms', async () => {
      backend.enqueue({ type: 'text', text: 'Hello from the backend.', usage: { inputTokens: 40, outputTokens: 5, cacheReadTokens: 30 } });
      const message = await client.messages.create({ model: backend.model, max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] });
      expect(message.type).toBe('message');
      expect(message.content).toEqual([{ type: 'text', text: 'Hello from the backend.' }]);
      expect(message.stop_reason).toBe('end_turn');
      // Anthropic's input_tokens leaves the cache reads out.
      expect(message.usage).toMatchObject({ input_tokens: 10, cache_read_input_tokens: 30, output_tokens: 5 });
    });

    it('streams two parallel tool_use blocks whose input_json_delta fragments add up to the inputs, then takes the results', async () => {
      backend.enqueue({ type: 'tool-calls', calls });
      const stream = client.messages.stream({
        model: backend.model,
        max_tokens: 256,
        tools,
        messages: [{ role: 'user', content: 'Plan a trip.' }],
      });
      const events: string[] = [];
      stream.on('streamEvent', (event) => events.push(event.type));
      const final = await stream.finalMessage();
      expect(events[0]).toBe('message_start');
      expect(events.at(-1)).toBe('message_stop');
      expect(final.stop_reason).toBe('tool_use');
      const uses = final.content.filter((block) => block.type === 'tool_use');
      expect(uses.map((block) => [block.name, block.input])).toEqual(calls.map((call) => [call.name, JSON.parse(call.input)]));

      backend.enqueue({ type: 'text', text: 'Booked.' });
      const next = await client.messages.create({
        model: backend.model,
        max_tokens: 256,
        tools,
        messages: [
          { role: 'user', content: 'Plan a trip.' },
          { role: 'assistant', content: final.content },
          {
            role: 'user',
            content: uses.map((block) => ({ type: 'tool_result' as const, tool_use_id: block.id, content: `result of ${block.name}` })),
          },
        ],
      });
      expect(next.content).toEqual([{ type: 'text', text: 'Booked.' }]);
      const sent = JSON.stringify(backend.requests().at(-1)!.body);
      expect(sent).toContain('result of search_flights');
      expect(sent).toContain('result of search_hotels');
    });

    it('ends a stream that fails upstream with an error, never message_stop', async () => {
      backend.enqueue({ type: 'stream-error', afterChunks: 1, message: 'The backend failed.' });
      const stream = client.messages.stream({ model: backend.model, max_tokens: 64, messages: [{ role: 'user', content: 'Go.' }] });
      const events: string[] = [];
      stream.on('streamEvent', (event) => events.push(event.type));
      await expect(stream.finalMessage()).rejects.toThrow();
      expect(events).not.toContain('message_stop');
    });
  });
}

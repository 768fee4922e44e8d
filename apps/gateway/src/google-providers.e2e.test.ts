import { parseConfig } from '@modelgate/core';
import { startMockGemini, startMockVertex, type MockGeminiServer, type MockVertex } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

const geminiKey = 'AIzaSy-gateway-e2e-0123456789';
let gemini: MockGeminiServer;
let vertex: MockVertex;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  gemini = await startMockGemini({ apiKey: geminiKey });
  vertex = await startMockVertex();
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'silent' },
      auth: { master_key: testMasterKey },
      providers: {
        // `google` is another name for the gemini plugin.
        gemini: { type: 'google', base_url: gemini.baseURL, api_key: geminiKey },
        vertex: {
          type: 'vertex',
          base_url: vertex.api.baseURL,
          credentials_file: vertex.keyFile,
          project: vertex.project,
          location: vertex.location,
        },
      },
      models: [
        { name: 'gem', deployments: [{ provider: 'gemini', model: 'gemini-2.5-flash' }] },
        { name: 'vtx', deployments: [{ provider: 'vertex', model: 'gemini-2.5-pro' }] },
      ],
      router: { retries: 0, timeout_ms: 5000 },
    }),
    host: '127.0.0.1',
    port: 0,
  });
  client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await gemini.close();
  await vertex.close();
});

const targets = [
  { name: 'gemini', model: 'gem', mock: () => gemini },
  { name: 'vertex', model: 'vtx', mock: () => vertex.api },
] as const;

const calls = [
  { name: 'search_flights', input: '{"from":"CDG","to":"JFK"}' },
  { name: 'search_hotels', input: '{"city":"New York","nights":3}' },
];

for (const target of targets) {
  describe(`the gateway in front of ${target.name}, with the openai client`, () => {
    it('answers a whole request with cache and reasoning usage', async () => {
      target.mock().enqueue({
        type: 'text',
        text: 'Forty-two.',
        usage: { inputTokens: 120, outputTokens: 45, cacheReadTokens: 80, reasoningTokens: 20 },
      });
      const answer = await client.chat.completions.create({ model: target.model, messages: [{ role: 'user', content: 'The answer?' }] });
      expect(answer.choices[0]?.message.content).toBe('Forty-two.');
      expect(answer.choices[0]?.finish_reason).toBe('stop');
      expect(answer.usage).toMatchObject({
        prompt_tokens: 120,
        completion_tokens: 45,
        total_tokens: 165,
        prompt_tokens_details: { cached_tokens: 80 },
        completion_tokens_details: { reasoning_tokens: 20 },
      });
      const sent = target.mock().requests.at(-1);
      expect(sent?.path).toMatch(/gemini-2\.5-(flash|pro):generateContent$/);
      expect(sent?.body).toMatchObject({ contents: [{ role: 'user', parts: [{ text: 'The answer?' }] }] });
    });

    it('streams text with usage', async () => {
      target.mock().enqueue({ type: 'text', text: 'Streaming from Google, word by word.', usage: { inputTokens: 9, outputTokens: 7 } });
      const stream = await client.chat.completions.create({
        model: target.model,
        messages: [{ role: 'user', content: 'Stream.' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let content = '';
      const finishes: string[] = [];
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        if (chunk.usage) usage = chunk.usage;
        for (const choice of chunk.choices) {
          content += choice.delta.content ?? '';
          if (choice.finish_reason) finishes.push(choice.finish_reason);
        }
      }
      expect(content).toBe('Streaming from Google, word by word.');
      expect(finishes).toEqual(['stop']);
      expect(usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 });
      expect(target.mock().requests.at(-1)?.query).toBe('alt=sse');
    });

    it('streams two parallel tool calls as two indexes, then takes their results in one turn', async () => {
      target.mock().enqueue({ type: 'tool-calls', calls });
      const stream = await client.chat.completions.create({
        model: target.model,
        messages: [{ role: 'user', content: 'Plan a trip.' }],
        tools: calls.map((call) => ({
          type: 'function' as const,
          function: { name: call.name, parameters: { type: 'object', properties: {} } },
        })),
        stream: true,
      });
      const received: { id?: string; name?: string; arguments: string }[] = [];
      const finishes: string[] = [];
      for await (const chunk of stream) {
        for (const choice of chunk.choices) {
          if (choice.finish_reason) finishes.push(choice.finish_reason);
          for (const delta of choice.delta.tool_calls ?? []) {
            received[delta.index] ??= { arguments: '' };
            const call = received[delta.index]!;
            if (delta.id) call.id = delta.id;
            if (delta.function?.name) call.name = delta.function.name;
            call.arguments += delta.function?.arguments ?? '';
          }
        }
      }
      expect(received.map((call) => ({ name: call.name, arguments: call.arguments }))).toEqual(
        calls.map((call) => ({ name: call.name, arguments: call.input })),
      );
      expect(new Set(received.map((call) => call.id)).size).toBe(2);
      expect(finishes).toEqual(['tool_calls']);

      target.mock().enqueue({ type: 'text', text: 'Flights and hotels found.' });
      const answer = await client.chat.completions.create({
        model: target.model,
        messages: [
          { role: 'user', content: 'Plan a trip.' },
          {
            role: 'assistant',
            content: null,
            tool_calls: received.map((call) => ({
              id: call.id!,
              type: 'function' as const,
              function: { name: call.name!, arguments: call.arguments },
            })),
          },
          { role: 'tool', tool_call_id: received[0]!.id!, content: '{"flights":2}' },
          { role: 'tool', tool_call_id: received[1]!.id!, content: 'no hotels' },
        ],
      });
      expect(answer.choices[0]?.message.content).toBe('Flights and hotels found.');
      const sent = target.mock().requests.at(-1)?.body as
        | { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> }
        | undefined;
      const contents = sent?.contents ?? [];
      expect(contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
      expect(contents[1]?.parts).toEqual([
        { functionCall: { name: 'search_flights', args: { from: 'CDG', to: 'JFK' } } },
        { functionCall: { name: 'search_hotels', args: { city: 'New York', nights: 3 } } },
      ]);
      expect(contents[2]?.parts).toEqual([
        { functionResponse: { name: 'search_flights', response: { output: '{"flights":2}' } } },
        { functionResponse: { name: 'search_hotels', response: { output: 'no hotels' } } },
      ]);
    });

    it('ends a stream that drops mid-way with an error, never a normal finish', async () => {
      target.mock().enqueue({ type: 'drop', afterChunks: 2, text: 'This answer is cut off before it can finish properly.' });
      const stream = await client.chat.completions.create({
        model: target.model,
        messages: [{ role: 'user', content: 'Go.' }],
        stream: true,
      });
      let content = '';
      const finishes: string[] = [];
      const failure = await (async () => {
        for await (const chunk of stream) {
          for (const choice of chunk.choices) {
            content += choice.delta.content ?? '';
            if (choice.finish_reason) finishes.push(choice.finish_reason);
          }
        }
      })().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.APIError);
      expect(content).toBe('This answer is cut ');
      expect(finishes).toEqual([]);
    });
  });
}

import { parseConfig, type GatewayConfigInput } from '@modelgate/core';
import { openAIMockScenario, startMockAzure, startMockMistral, type ConformanceScenario, type RecordedRequest } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

const upstreamKey = 'upstream-key-0123456789abcdef';

/** One provider behind the gateway: its mock upstream, in canonical scenarios, and its provider settings. */
interface Upstream {
  enqueue(scenario: ConformanceScenario): void;
  requests: readonly RecordedRequest[];
  settings: Record<string, unknown>;
  close(): Promise<void>;
}

const upstreams: Record<string, () => Promise<Upstream>> = {
  'azure (deployment URLs)': async () => {
    const mock = await startMockAzure({ apiKey: upstreamKey });
    return {
      enqueue: (scenario) => mock.enqueue(openAIMockScenario(scenario)),
      requests: mock.requests,
      settings: { type: 'azure', base_url: mock.url, api_key: upstreamKey, api_version: '2024-10-21' },
      close: () => mock.close(),
    };
  },
  'azure (v1 URLs)': async () => {
    const mock = await startMockAzure({ apiKey: upstreamKey, contentFilter: 'async' });
    return {
      enqueue: (scenario) => mock.enqueue(openAIMockScenario(scenario)),
      requests: mock.requests,
      settings: { type: 'azure', base_url: mock.url, api_key: upstreamKey },
      close: () => mock.close(),
    };
  },
  mistral: async () => {
    const mock = await startMockMistral({ apiKey: upstreamKey });
    return {
      enqueue: (scenario) => mock.enqueue(scenario),
      requests: mock.requests,
      settings: { type: 'mistral', base_url: mock.baseURL, api_key: upstreamKey },
      close: () => mock.close(),
    };
  },
};

const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Oslo and Lima?' }];
const tools: OpenAI.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
];
const parallelCalls = [
  { name: 'get_weather', input: '{"city":"Oslo"}' },
  { name: 'get_weather', input: '{"city":"Lima"}' },
];

for (const [name, start] of Object.entries(upstreams)) {
  describe(`the gateway in front of ${name}, with the openai SDK`, () => {
    let upstream: Upstream;
    let server: RunningServer;
    let client: OpenAI;

    beforeAll(async () => {
      upstream = await start();
      const config: GatewayConfigInput = {
        server: { log_level: 'silent' },
        auth: { master_key: testMasterKey },
        providers: { up: upstream.settings },
        models: [{ name: 'smart', deployments: [{ provider: 'up', model: 'chat-prod' }] }],
        router: { retries: 0, timeout_ms: 5000 },
      };
      server = await startServer({ config: parseConfig(config), host: '127.0.0.1', port: 0 });
      client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
    });

    afterAll(async () => {
      await server?.close();
      await upstream?.close();
    });

    it('answers a plain request with its text, finish reason and usage', async () => {
      upstream.enqueue({ type: 'text', text: 'Cold in Oslo.', usage: { inputTokens: 14, outputTokens: 4 } });
      const completion = await client.chat.completions.create({ model: 'smart', messages });
      expect(completion.choices[0]?.message.content).toBe('Cold in Oslo.');
      expect(completion.choices[0]?.finish_reason).toBe('stop');
      expect(completion.usage).toMatchObject({ prompt_tokens: 14, completion_tokens: 4, total_tokens: 18 });
    });

    it('streams the text, one finish and the usage chunk', async () => {
      upstream.enqueue({ type: 'text', text: 'Cold in Oslo, mild in Lima.', usage: { inputTokens: 14, outputTokens: 8 } });
      const stream = await client.chat.completions.create({
        model: 'smart',
        messages,
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
      expect(content).toBe('Cold in Oslo, mild in Lima.');
      expect(finishes).toEqual(['stop']);
      expect(usage).toMatchObject({ prompt_tokens: 14, completion_tokens: 8, total_tokens: 22 });
    });

    it('gives two parallel tool calls, whole and streamed, with distinct ids', async () => {
      upstream.enqueue({ type: 'tool-calls', calls: parallelCalls });
      const whole = await client.chat.completions.create({ model: 'smart', messages, tools });
      const calls = whole.choices[0]?.message.tool_calls ?? [];
      expect(calls.map((call) => (call.type === 'function' ? [call.function.name, call.function.arguments] : []))).toEqual(
        parallelCalls.map((call) => [call.name, call.input]),
      );
      expect(new Set(calls.map((call) => call.id)).size).toBe(2);
      expect(whole.choices[0]?.finish_reason).toBe('tool_calls');

      upstream.enqueue({ type: 'tool-calls', calls: parallelCalls });
      const stream = await client.chat.completions.create({ model: 'smart', messages, tools, stream: true });
      const streamed: { id?: string; name?: string; arguments: string }[] = [];
      const finishes: string[] = [];
      for await (const chunk of stream) {
        for (const choice of chunk.choices) {
          if (choice.finish_reason) finishes.push(choice.finish_reason);
          for (const call of choice.delta.tool_calls ?? []) {
            streamed[call.index] ??= { arguments: '' };
            const target = streamed[call.index]!;
            if (call.id) target.id = call.id;
            if (call.function?.name) target.name = call.function.name;
            target.arguments += call.function?.arguments ?? '';
          }
        }
      }
      expect(streamed.map((call) => [call.name, call.arguments])).toEqual(parallelCalls.map((call) => [call.name, call.input]));
      expect(new Set(streamed.map((call) => call.id)).size).toBe(2);
      expect(finishes).toEqual(['tool_calls']);
    });

    it('takes a tool-result turn (ids from another provider too) and answers it', async () => {
      upstream.enqueue({ type: 'tool-calls', calls: parallelCalls });
      const first = await client.chat.completions.create({ model: 'smart', messages, tools });
      const calls = first.choices[0]!.message.tool_calls!;
      upstream.enqueue({ type: 'text', text: 'Oslo is cold, Lima is mild.' });
      const before = upstream.requests.length;
      const answer = await client.chat.completions.create({
        model: 'smart',
        tools,
        messages: [
          ...messages,
          // A call from an earlier provider, with OpenAI's id style, and the calls just made.
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_9f8e7d6c5b4a39281706', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_9f8e7d6c5b4a39281706', content: '24 C' },
          { role: 'assistant', content: null, tool_calls: calls },
          { role: 'tool', tool_call_id: calls[0]!.id, content: '-3 C' },
          { role: 'tool', tool_call_id: calls[1]!.id, content: '19 C' },
        ],
      });
      expect(answer.choices[0]?.message.content).toBe('Oslo is cold, Lima is mild.');
      const sent = (upstream.requests[before]!.body as { messages: Record<string, unknown>[] }).messages;
      const assistantIds = sent
        .filter((message) => message.role === 'assistant')
        .flatMap((message) => (message.tool_calls as { id: string }[]).map((call) => call.id));
      const resultIds = sent.filter((message) => message.role === 'tool').map((message) => message.tool_call_id);
      expect(resultIds).toEqual(assistantIds);
      // The ids the client saw for the calls just made reach the upstream unchanged.
      expect(assistantIds.slice(1)).toEqual(calls.map((call) => call.id));
    });

    it('makes the SDK stream throw when the upstream drops mid-stream', async () => {
      upstream.enqueue({ type: 'drop', afterChunks: 3, text: 'This answer is cut off in the middle.' });
      const stream = await client.chat.completions.create({ model: 'smart', messages, stream: true });
      const received: string[] = [];
      const failure = await (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
      })().catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(Error);
      expect(received.join('').length).toBeGreaterThan(0);
      expect('This answer is cut off in the middle.'.startsWith(received.join(''))).toBe(true);
    });
  });
}

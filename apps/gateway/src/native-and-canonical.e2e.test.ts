import { parseConfig, type ChatOutcome, type MiddlewareV1 } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer, type MockScenario } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { mockGatewayConfig, testMasterKey } from './test-fixtures/mock-gateway.js';

/** A chat hook that changes nothing: its presence alone moves every request to the canonical path. */
const passThrough: MiddlewareV1 = { specificationVersion: 'v1', name: 'pass-through', beforeChat: async () => undefined };

interface Path {
  name: 'native' | 'canonical';
  mock: MockOpenAIServer;
  server: RunningServer;
  client: OpenAI;
  /** Whether each chat request the gateway ran went native. */
  served: boolean[];
}

async function startPath(name: Path['name']): Promise<Path> {
  const mock = await startMockOpenAI();
  const server = await startServer({
    config: parseConfig(mockGatewayConfig(mock)),
    host: '127.0.0.1',
    port: 0,
    ...(name === 'canonical' ? { middleware: [passThrough] } : {}),
  });
  const served: boolean[] = [];
  const runChat = server.gateway.runChat.bind(server.gateway);
  server.gateway.runChat = async (codec, body, context) => {
    const outcome: ChatOutcome<never> = await runChat(codec as never, body, context);
    served.push(outcome.native);
    return outcome as never;
  };
  return { name, mock, server, served, client: new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 }) };
}

/** The usage figures the canonical model carries (OpenAI's own zero-valued audio and prediction details are forwarded only natively). */
function usageOf(usage: OpenAI.CompletionUsage | undefined) {
  if (usage === undefined) return undefined;
  return {
    prompt: usage.prompt_tokens,
    completion: usage.completion_tokens,
    total: usage.total_tokens,
    cached: usage.prompt_tokens_details?.cached_tokens,
    reasoning: usage.completion_tokens_details?.reasoning_tokens,
  };
}

/** What a client sees of a streamed answer, assembled the way SDK users do. */
async function streamed(path: Path, scenario: MockScenario) {
  path.mock.enqueue(scenario);
  const stream = await path.client.chat.completions.create({
    model: 'smart',
    messages: [{ role: 'user', content: 'Go.' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let content = '';
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  const finishes: (string | null)[] = [];
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      content += choice.delta.content ?? '';
      if (choice.finish_reason) finishes.push(choice.finish_reason);
      for (const call of choice.delta.tool_calls ?? []) {
        calls[call.index] ??= { arguments: '' };
        const target = calls[call.index]!;
        if (call.id) target.id = call.id;
        if (call.function?.name) target.name = call.function.name;
        target.arguments += call.function?.arguments ?? '';
      }
    }
  }
  return {
    content,
    calls: calls.map(({ name, arguments: input }) => ({ name, arguments: input })),
    ids: calls.map((call) => call.id),
    finishes,
    usage: usageOf(usage),
  };
}

describe('the native and the canonical path give the client the same answer', () => {
  const paths: Path[] = [];

  beforeAll(async () => {
    paths.push(await startPath('native'), await startPath('canonical'));
  });

  afterAll(async () => {
    for (const path of paths) {
      await path.server.close();
      await path.mock.close();
    }
  });

  const answers = () => Promise.all(paths.map(async (path) => path));

  it('for a text answer, whole and streamed, with usage', async () => {
    const results = [];
    for (const path of await answers()) {
      path.mock.enqueue({
        type: 'text',
        content: 'Same words on both paths.',
        usage: { promptTokens: 11, completionTokens: 5, cachedTokens: 3 },
      });
      const whole = await path.client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'Go.' }] });
      const stream = await streamed(path, {
        type: 'text',
        content: 'Same words on both paths.',
        usage: { promptTokens: 11, completionTokens: 5 },
      });
      results.push({
        whole: { content: whole.choices[0]?.message.content, finish: whole.choices[0]?.finish_reason, usage: usageOf(whole.usage) },
        stream,
      });
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]?.whole).toEqual({
      content: 'Same words on both paths.',
      finish: 'stop',
      usage: { prompt: 11, completion: 5, total: 16, cached: 3, reasoning: 0 },
    });
    expect(results[0]?.stream).toMatchObject({ content: 'Same words on both paths.', finishes: ['stop'], usage: { total: 16 } });
    expect(paths.map((path) => path.served.slice(-2))).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it('for parallel tool calls', async () => {
    const calls = [
      { name: 'search_flights', arguments: '{"from": "CDG", "to": "JFK"}' },
      { name: 'search_hotels', arguments: '{"city":"New York","nights":3}' },
    ];
    const results = [];
    for (const path of await answers()) {
      path.mock.enqueue({ type: 'tool_calls', calls });
      const whole = await path.client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'Go.' }] });
      const stream = await streamed(path, { type: 'tool_calls', calls });
      results.push({
        whole: whole.choices[0]?.message.tool_calls?.map((call) =>
          call.type === 'function' ? { name: call.function.name, arguments: call.function.arguments } : undefined,
        ),
        finish: whole.choices[0]?.finish_reason,
        stream: { calls: stream.calls, finishes: stream.finishes, distinctIds: new Set(stream.ids).size },
      });
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]).toEqual({ whole: calls, finish: 'tool_calls', stream: { calls, finishes: ['tool_calls'], distinctIds: 2 } });
  });

  it('for a stream that fails midway: the same text so far, then the same error', async () => {
    const results = [];
    for (const path of await answers()) {
      const outcome = await streamed(path, { type: 'drop', afterChunks: 3, content: 'This answer is cut off in the middle.' }).catch(
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(Error);
      // The message names the request id, which differs per request.
      results.push((outcome as Error).message.replace(/\(request id [^)]+\)/, '(request id …)'));
    }
    expect(results[0]).toBe(results[1]);
    expect(results[0]).toMatch(/upstream mock \(gpt-4o-mini\)/i);
  });
});

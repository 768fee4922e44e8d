import { parseConfig } from '@modelgate/core';
import { bedrockTestCredentials, startMockBedrock, type MockBedrockServer } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

const credentials = { ...bedrockTestCredentials, sessionToken: 'IQoJb3JpZ2luX2VjEMODELGATE//e2e-session-token' };
const modelId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

let mock: MockBedrockServer;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockBedrock({ credentials });
  const config = parseConfig({
    server: { log_level: 'silent' },
    auth: { master_key: testMasterKey },
    providers: {
      aws: {
        type: 'bedrock',
        region: 'us-east-1',
        base_url: mock.baseURL,
        access_key_id: credentials.accessKeyId,
        secret_access_key: credentials.secretAccessKey,
        session_token: credentials.sessionToken,
      },
    },
    models: [{ name: 'claude', deployments: [{ provider: 'aws', model: modelId }] }],
    router: { retries: 0, timeout_ms: 5000 },
  });
  server = await startServer({ config, host: '127.0.0.1', port: 0 });
  client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
  await mock?.close();
});

const go: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Go.' }];

async function streamed(messages = go) {
  const stream = await client.chat.completions.create({ model: 'claude', messages, stream: true, stream_options: { include_usage: true } });
  let content = '';
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  const finishes: string[] = [];
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
  return { content, calls, finishes, usage };
}

describe('the gateway in front of Bedrock, with the openai SDK', () => {
  it('answers a whole request through Converse, signed with the session token, with cache usage in OpenAI terms', async () => {
    mock.enqueue({
      type: 'text',
      text: 'Hello from Bedrock.',
      usage: { inputTokens: 100, outputTokens: 9, cacheReadTokens: 60, cacheWriteTokens: 10 },
    });
    const before = mock.requests.length;
    const answer = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'system', content: 'Be brief.' }, ...go] });
    expect(answer.choices[0]?.message.content).toBe('Hello from Bedrock.');
    expect(answer.choices[0]?.finish_reason).toBe('stop');
    expect(answer.usage).toMatchObject({
      prompt_tokens: 100,
      completion_tokens: 9,
      total_tokens: 109,
      prompt_tokens_details: { cached_tokens: 60 },
    });
    const request = mock.requests[before]!;
    expect(request.path).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    expect(await mock.isAuthorized(request)).toBe(true);
    expect(request.headers['x-amz-security-token']).toBe(credentials.sessionToken);
    expect(request.body).toMatchObject({ system: [{ text: 'Be brief.' }], messages: [{ role: 'user', content: [{ text: 'Go.' }] }] });
  });

  it('streams text from ConverseStream frames, with the usage chunk', async () => {
    mock.enqueue({ type: 'text', text: 'Streamed from binary frames.', usage: { inputTokens: 40, outputTokens: 6, cacheReadTokens: 30 } });
    const before = mock.requests.length;
    const result = await streamed();
    expect(result).toMatchObject({ content: 'Streamed from binary frames.', finishes: ['stop'] });
    expect(result.usage).toMatchObject({
      prompt_tokens: 40,
      completion_tokens: 6,
      total_tokens: 46,
      prompt_tokens_details: { cached_tokens: 30 },
    });
    expect(mock.requests[before]?.path).toMatch(/\/converse-stream$/);
  });

  it('returns two parallel tool calls, whole and streamed, each with its own index, id and exact arguments', async () => {
    const calls = [
      { id: 'tooluse_flights01', name: 'search_flights', input: '{"from": "CDG", "to": "JFK"}' },
      { id: 'tooluse_hotels001', name: 'search_hotels', input: '{"city":"New York","nights":3}' },
    ];
    mock.enqueue({ type: 'tool-calls', calls, text: 'Searching.' }, { type: 'tool-calls', calls });
    const whole = await client.chat.completions.create({ model: 'claude', messages: go });
    expect(whole.choices[0]?.finish_reason).toBe('tool_calls');
    expect(
      whole.choices[0]?.message.tool_calls?.map((call) =>
        call.type === 'function' ? [call.id, call.function.name, JSON.parse(call.function.arguments)] : [],
      ),
    ).toEqual(calls.map((call) => [call.id, call.name, JSON.parse(call.input)]));
    const stream = await streamed();
    expect(stream.finishes).toEqual(['tool_calls']);
    expect(stream.calls).toEqual(calls.map((call) => ({ id: call.id, name: call.name, arguments: call.input })));
  });

  it('sends a tool-result turn as one user turn of paired toolResults, with toolConfig though the request has no tools', async () => {
    mock.enqueue({ type: 'text', text: 'Flights and hotels found.' });
    const before = mock.requests.length;
    const answer = await client.chat.completions.create({
      model: 'claude',
      messages: [
        ...go,
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'search_flights', arguments: '{"from":"CDG"}' } },
            { id: 'call_b', type: 'function', function: { name: 'search_hotels', arguments: '{"city":"NYC"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '3 flights' },
        { role: 'tool', tool_call_id: 'call_b', content: 'no rooms' },
      ],
    });
    expect(answer.choices[0]?.message.content).toBe('Flights and hotels found.');
    const body = mock.requests[before]?.body as {
      messages: { role: string; content: Record<string, unknown>[] }[];
      toolConfig?: { tools: unknown[] };
    };
    expect(body.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[2]?.content).toEqual([
      { toolResult: { toolUseId: 'call_a', content: [{ text: '3 flights' }] } },
      { toolResult: { toolUseId: 'call_b', content: [{ text: 'no rooms' }] } },
    ]);
    expect(body.toolConfig?.tools).toHaveLength(2);
  });

  it('ends a stream that fails midway with an error, not a normal finish: an exception event and a dropped connection', async () => {
    mock.enqueue({ type: 'stream-error', afterChunks: 3, message: 'The model stream was interrupted.', text: 'This answer stops early.' });
    const failed = await streamed().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toContain('The model stream was interrupted.');
    mock.enqueue({ type: 'drop', afterChunks: 3, text: 'This answer is cut off in the middle.' });
    const dropped = await streamed().catch((error: unknown) => error);
    expect(dropped).toBeInstanceOf(Error);
    expect((dropped as Error).message).toMatch(/aws/);
  });
});

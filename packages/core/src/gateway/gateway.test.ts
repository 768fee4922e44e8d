import { getEventListeners } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../config/load-config.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { PermissionError } from '../errors/permission-error.js';
import { UpstreamError } from '../errors/upstream-error.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { openAIChatCodec } from '../codecs/openai/openai-chat-codec.js';
import type { OpenAIChatCompletionChunk as ChatCompletionChunk } from '../codecs/openai/openai-chat-wire-types.js';
import type { ChatStreamPartV1 } from '../specification/chat/chat-stream-part-v1.js';
import { createGateway } from './create-gateway.js';
import { assistantMessage, systemMessage, toolMessage, userMessage } from './message-helpers.js';

const fixtures = fileURLToPath(new URL('../test-fixtures/', import.meta.url));

async function echoGateway(extra: Record<string, unknown> = {}) {
  const loaded = parseConfig(
    {
      providers: {
        echo: { plugin: './echo-provider/index.js', greeting: 'echo' },
        flaky: { plugin: './echo-provider/index.js', fail_times: 1 },
      },
      models: [
        { name: 'chat', deployments: [{ provider: 'echo', model: 'echo-1' }] },
        { name: 'flaky', deployments: [{ provider: 'flaky', model: 'flaky-1' }] },
      ],
      ...extra,
    },
    { baseDirectory: fixtures },
  );
  return createGateway(loaded);
}

const chunk = (content: string): ChatStreamPartV1 => ({ type: 'text-delta', id: 't', delta: content });

function scriptedPlugin(events: () => AsyncIterable<ChatStreamPartV1>) {
  return definePlugin({
    kind: 'provider',
    name: 'scripted',
    specificationVersion: 'v1',
    settingsSchema: z.strictObject({}),
    create: (_settings, context) => ({
      specificationVersion: 'v1' as const,
      name: context.instanceName,
      chat: (modelId: string) => ({
        specificationVersion: 'v1' as const,
        provider: context.instanceName,
        modelId,
        generate: () => Promise.reject(new Error('not used')),
        stream: async () => ({ parts: events() }),
      }),
    }),
  });
}

describe('gateway (library use)', () => {
  it('answers chat.completions.create with the routed deployment', async () => {
    const gateway = await echoGateway();
    const response = await gateway.chat.completions.create({ model: 'chat', messages: [userMessage('hello')] });
    expect(response.choices[0]!.message.content).toBe('echo: hello');
    expect(response.model).toBe('echo-1');
    await gateway.close();
  });

  it('streams as an async iterable and hides the usage chunk unless asked', async () => {
    const gateway = await echoGateway();
    const stream = await gateway.chat.completions.create({ model: 'chat', messages: [userMessage('a b')], stream: true });
    const chunks: ChatCompletionChunk[] = [];
    for await (const part of stream) chunks.push(part);
    expect(
      chunks
        .map((part) => part.choices[0]?.delta.content ?? '')
        .join(' ')
        .trim(),
    ).toBe('echo a b');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.some((part) => part.choices.length === 0)).toBe(false);
    expect(stream.metadata.deployment.id).toBe('echo/echo-1');

    const withUsage = await gateway.chat.completions.create({
      model: 'chat',
      messages: [userMessage('a')],
      stream: true,
      stream_options: { include_usage: true },
    });
    const last: ChatCompletionChunk[] = [];
    for await (const part of withUsage) last.push(part);
    expect(last.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 2 } });
  });

  it('retries a retryable failure and reports the attempts', async () => {
    const gateway = await echoGateway();
    const outcome = await gateway.runChat(openAIChatCodec, { model: 'flaky', messages: [userMessage('x')] });
    expect(outcome.metadata.attempts).toBe(2);
    expect(outcome.stream).toBe(false);
  });

  it('goes straight to provider/model without a group', async () => {
    const gateway = await echoGateway();
    const response = await gateway.completion({ model: 'echo/any-model', messages: [systemMessage('s'), userMessage('direct')] });
    expect(response.model).toBe('any-model');
    expect(response.choices[0]!.message.content).toBe('echo: direct');
  });

  it('validates the body and names the field', async () => {
    const gateway = await echoGateway();
    const cases: [unknown, string][] = [
      [{ messages: [userMessage('x')] }, 'model'],
      [{ model: 'chat', messages: [] }, 'messages'],
      [{ model: 'chat', messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role'],
      [{ model: 'chat', messages: [userMessage('x')], temperature: 'hot' }, 'temperature'],
      [{ model: 'chat', messages: [userMessage('x')], stream: 'yes' }, 'stream'],
    ];
    for (const [body, param] of cases) {
      await expect(gateway.runChat(openAIChatCodec, body)).rejects.toSatisfy(
        (error) => InvalidRequestError.isInstance(error) && error.param === param && error.status === 400,
      );
    }
    await expect(gateway.runChat(openAIChatCodec, [1, 2])).rejects.toThrow('The request body must be a JSON object.');
  });

  it('answers model_not_found for an unknown model', async () => {
    const gateway = await echoGateway();
    await expect(gateway.completion({ model: 'ghost', messages: [userMessage('x')] })).rejects.toSatisfy((error) =>
      ModelNotFoundError.isInstance(error),
    );
  });

  it('answers model_not_found for model names that are also properties of every object', async () => {
    const gateway = await echoGateway();
    const principal = { id: 'k1', kind: 'key' as const, role: 'member' as const, scopes: { models: ['chat'] } };
    for (const model of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      await expect(gateway.completion({ model, messages: [userMessage('x')] })).rejects.toSatisfy((error) =>
        ModelNotFoundError.isInstance(error),
      );
      await expect(gateway.runChat(openAIChatCodec, { model, messages: [userMessage('x')] }, { principal })).rejects.not.toBeInstanceOf(
        TypeError,
      );
    }
  });

  it('refuses a model outside the principal scopes, and lists only allowed ones', async () => {
    const gateway = await echoGateway();
    const principal = { id: 'k1', kind: 'key' as const, role: 'member' as const, scopes: { models: ['chat'] } };
    await expect(gateway.runChat(openAIChatCodec, { model: 'flaky', messages: [userMessage('x')] }, { principal })).rejects.toSatisfy(
      (error) => PermissionError.isInstance(error) && error.status === 403,
    );
    expect(gateway.models.list(principal).map((model) => model.id)).toEqual(['chat']);
    expect(gateway.models.list().map((model) => model.id)).toEqual(['chat', 'flaky']);
    expect(gateway.models.retrieve('echo/x').owned_by).toBe('echo');
    expect(() => gateway.models.retrieve('flaky', principal)).toThrow(/does not exist/);
  });

  it('turns a stream that just stops into an error event', async () => {
    const gateway = await createGateway(
      { providers: { s: { type: 'scripted' } }, models: [{ name: 'm', deployments: [{ provider: 's', model: 'x' }] }] },
      {
        plugins: [
          scriptedPlugin(async function* () {
            yield chunk('partial');
          }),
        ],
      },
    );
    const outcome = await gateway.runChat(openAIChatCodec, { model: 'm', messages: [userMessage('x')], stream: true });
    if (!outcome.stream) throw new Error('expected a stream');
    const events: { type: string }[] = [];
    for await (const event of outcome.parts) events.push(event);
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'error']);
    const last = events.at(-1) as ChatStreamPartV1;
    expect(last.type === 'error' && UpstreamError.isInstance(last.error)).toBe(true);
  });

  it('turns an exception inside a stream into one error event, and the library iterator throws it', async () => {
    const gateway = await createGateway(
      { providers: { s: { type: 'scripted' } }, models: [{ name: 'm', deployments: [{ provider: 's', model: 'x' }] }] },
      {
        plugins: [
          scriptedPlugin(async function* () {
            yield chunk('a');
            throw new Error('socket closed');
          }),
        ],
      },
    );
    const stream = await gateway.chat.completions.create({ model: 'm', messages: [userMessage('x')], stream: true });
    const seen: string[] = [];
    await expect(async () => {
      for await (const part of stream) seen.push(part.choices[0]!.delta.content ?? '');
    }).rejects.toThrow('The server had an error while processing your request.');
    expect(seen).toEqual(['a']);
  });

  it('builds messages with the helpers', () => {
    expect(systemMessage('s')).toEqual({ role: 'system', content: 's' });
    expect(userMessage('u')).toEqual({ role: 'user', content: 'u' });
    expect(assistantMessage(null, [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }])).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
    });
    expect(toolMessage('c1', 'result')).toEqual({ role: 'tool', tool_call_id: 'c1', content: 'result' });
  });

  it('rejects a config whose provider plugin cannot be created, naming the instance', async () => {
    await expect(
      createGateway(
        parseConfig({ providers: { bad: { plugin: './echo-provider/index.js', nonsense: true } } }, { baseDirectory: fixtures }),
      ),
    ).rejects.toThrow(/providers\.bad: unknown key "nonsense"/);
  });
});

describe('stream guard clean-up', () => {
  it("closes the provider's iterator after its last event, so that its clean-up runs", async () => {
    let cleanedUp = false;
    const gateway = await createGateway(
      { providers: { s: { type: 'scripted' } }, models: [{ name: 'm', deployments: [{ provider: 's', model: 'x' }] }] },
      {
        plugins: [
          scriptedPlugin(async function* () {
            try {
              yield chunk('a');
              yield { type: 'finish', finishReason: { unified: 'stop' } };
              yield chunk('never read');
            } finally {
              cleanedUp = true;
            }
          }),
        ],
      },
    );
    const outcome = await gateway.runChat(openAIChatCodec, { model: 'm', messages: [userMessage('x')], stream: true });
    if (!outcome.stream) throw new Error('expected a stream');
    const types: string[] = [];
    for await (const event of outcome.parts) types.push(event.type);
    expect(types).toEqual(['text-delta', 'finish']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cleanedUp).toBe(true);
  });
});

describe('a long-lived caller signal', () => {
  it('keeps no listener on it once calls and streams are over', async () => {
    const gateway = await echoGateway();
    const signal = new AbortController().signal;
    for (let call = 0; call < 3; call += 1) {
      await gateway.completion({ model: 'chat', messages: [userMessage('x')] }, { signal });
    }
    const stream = await gateway.chat.completions.create({ model: 'chat', messages: [userMessage('a b')], stream: true }, { signal });
    expect(getEventListeners(signal, 'abort').length).toBe(1);
    for await (const part of stream) void part;
    await gateway.embeddings.create({ model: 'echo/x', input: 'x' }, { signal }).catch(() => undefined);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    await expect(gateway.completion({ model: 'ghost', messages: [userMessage('x')] }, { signal })).rejects.toThrow();
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});

describe('deployment stats', () => {
  it('counts the tokens of answers and finished streams against the deployment', async () => {
    const gateway = await echoGateway();
    const outcome = await gateway.runChat(openAIChatCodec, { model: 'chat', messages: [userMessage('x')] });
    const streamed = await gateway.runChat(openAIChatCodec, { model: 'chat', messages: [userMessage('a b')], stream: true });
    if (!streamed.stream) throw new Error('expected a stream');
    for await (const event of streamed.parts) void event;
    // The echo fixture reports 2 tokens for an answer and 1 + words for a stream ("echo a b": 4).
    const router = (gateway as unknown as { parts: { router: { statsOf(id: string): { tokensThisMinute: number } } } }).parts.router;
    expect(outcome.metadata.deployment.id).toBe('echo/echo-1');
    expect(router.statsOf('echo/echo-1').tokensThisMinute).toBe(2 + 4);
  });
});

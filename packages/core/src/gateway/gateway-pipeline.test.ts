import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openAIChatCodec } from '../codecs/openai/openai-chat-codec.js';
import { openAIEmbeddingCodec } from '../codecs/openai/openai-embedding-codec.js';
import { ConfigError } from '../errors/config-error.js';
import { PermissionError } from '../errors/permission-error.js';
import { UpstreamError } from '../errors/upstream-error.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { ChatRequestV1 } from '../specification/chat/chat-request-v1.js';
import type { ChatResponseV1 } from '../specification/chat/chat-response-v1.js';
import type { ChatStreamPartV1 } from '../specification/chat/chat-stream-part-v1.js';
import type { MiddlewareV1 } from '../specification/middleware-v1.js';
import type { ChatModelV1, ProviderV1 } from '../specification/provider-v1.js';
import { createGateway } from './create-gateway.js';

function answer(text: string): ChatResponseV1 {
  return { content: [{ type: 'text', text }], finishReason: { unified: 'stop' }, metadata: {}, warnings: [] };
}

interface TestProviderOptions {
  parts?: () => AsyncIterable<ChatStreamPartV1>;
  embeddings?: boolean;
  native?: boolean;
  fail?: boolean;
  seen?: ChatRequestV1[];
}

function testPlugin(name: string, options: TestProviderOptions = {}) {
  return definePlugin({
    kind: 'provider',
    name,
    specificationVersion: 'v1',
    settingsSchema: z.strictObject({}),
    create: (_settings, context): ProviderV1 => ({
      specificationVersion: 'v1',
      name: context.instanceName,
      chat: (modelId): ChatModelV1 => ({
        specificationVersion: 'v1',
        provider: context.instanceName,
        modelId,
        async generate(request) {
          options.seen?.push(request);
          if (options.fail === true) throw new UpstreamError('down', { upstreamStatus: 503 });
          return { response: answer(`${context.instanceName}:${modelId}`) };
        },
        async stream() {
          return { parts: options.parts?.() ?? (async function* () {})() };
        },
        ...(options.native === true
          ? {
              nativePath: (format: string) =>
                format === 'openai-chat'
                  ? {
                      format,
                      generate: async () => ({ body: '{"native":true}', finishReason: { unified: 'stop' as const } }),
                      stream: async () => ({ parts: (async function* () {})() }),
                    }
                  : undefined,
            }
          : {}),
      }),
      ...(options.embeddings === true
        ? {
            embeddings: (modelId: string) => ({
              specificationVersion: 'v1' as const,
              provider: context.instanceName,
              modelId,
              embed: async (request: { values: unknown[] }) => ({
                response: { embeddings: request.values.map(() => [1, 0.5]), usage: { inputTokens: 3 } },
              }),
            }),
          }
        : {}),
    }),
  });
}

const hello = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

describe('gateway pipeline', () => {
  it('ends the stream with an error part when a stream hook throws, and releases the provider stream', async () => {
    let released = false;
    const throwing: MiddlewareV1 = {
      specificationVersion: 'v1',
      name: 'guardrail',
      onStreamPart(part) {
        if (part.type === 'text-delta' && part.delta.includes('secret')) throw new Error('blocked');
      },
    };
    const gateway = await createGateway(
      { providers: { s: { type: 'streamer' } }, models: [{ name: 'm', deployments: [{ provider: 's', model: 'x' }] }] },
      {
        middleware: [throwing],
        plugins: [
          testPlugin('streamer', {
            parts: async function* () {
              try {
                yield { type: 'text-delta', id: 't', delta: 'ok ' };
                yield { type: 'text-delta', id: 't', delta: 'secret' };
                yield { type: 'text-delta', id: 't', delta: 'never' };
              } finally {
                released = true;
              }
            },
          }),
        ],
      },
    );
    const outcome = await gateway.runChat(openAIChatCodec, { ...hello, stream: true });
    if (!outcome.stream || outcome.native) throw new Error('expected a canonical stream');
    const types: string[] = [];
    for await (const part of outcome.parts) types.push(part.type);
    expect(types).toEqual(['text-delta', 'error']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(true);
  });

  it('runs middleware on the canonical request and answer, and a hook forces the canonical path', async () => {
    const seen: ChatRequestV1[] = [];
    const rewrite: MiddlewareV1 = {
      specificationVersion: 'v1',
      name: 'rewrite',
      beforeChat: async (request) => ({ ...request, temperature: 0.25 }),
      afterChat: async (response) => ({ ...response, content: [{ type: 'text', text: 'rewritten' }] }),
    };
    const config = { providers: { n: { type: 'nativeful' } }, models: [{ name: 'm', deployments: [{ provider: 'n', model: 'x' }] }] };
    const plugins = [testPlugin('nativeful', { native: true, seen })];
    const forwarded = await createGateway(config, { plugins });
    const plain = await forwarded.runChat(openAIChatCodec, hello);
    expect(plain.native).toBe(true);

    const hooked = await createGateway(config, { plugins, middleware: [rewrite] });
    const outcome = await hooked.runChat(openAIChatCodec, hello);
    expect(outcome.native).toBe(false);
    expect(seen.at(-1)?.temperature).toBe(0.25);
    expect(outcome.stream === false && !outcome.native ? outcome.response.content : undefined).toEqual([
      { type: 'text', text: 'rewritten' },
    ]);
  });

  it('passes over a deployment without embeddings instead of failing the request', async () => {
    const gateway = await createGateway(
      {
        providers: { chatty: { type: 'chat-only' }, vectors: { type: 'with-embeddings' } },
        models: [
          {
            name: 'e',
            deployments: [
              { provider: 'chatty', model: 'c', weight: 1000 },
              { provider: 'vectors', model: 'v', weight: 1 },
            ],
          },
        ],
        router: { retries: 0 },
      },
      { plugins: [testPlugin('chat-only'), testPlugin('with-embeddings', { embeddings: true })], random: () => 0 },
    );
    const { body, metadata } = await gateway.runEmbeddings(openAIEmbeddingCodec, { model: 'e', input: ['a', 'b'] });
    expect(metadata.deployment.id).toBe('vectors/v');
    expect(body).toMatchObject({ object: 'list', data: [{ index: 0, embedding: [1, 0.5] }, { index: 1 }], usage: { prompt_tokens: 3 } });
  });

  it('checks the model scopes of the fallback groups the router walks', async () => {
    const config = {
      providers: { down: { type: 'failing' }, up: { type: 'working' } },
      models: [
        { name: 'open', deployments: [{ provider: 'down', model: 'a' }] },
        { name: 'restricted', deployments: [{ provider: 'up', model: 'b' }] },
      ],
      router: { retries: 0, fallbacks: { open: ['restricted'] } },
    };
    const gateway = await createGateway(config, { plugins: [testPlugin('failing', { fail: true }), testPlugin('working')] });
    const member = { id: 'k', kind: 'key' as const, role: 'member' as const, scopes: { models: ['open'] } };
    await expect(gateway.runChat(openAIChatCodec, { ...hello, model: 'open' }, { principal: member })).rejects.toSatisfy((error) =>
      UpstreamError.isInstance(error),
    );
    const admin = { ...member, scopes: { models: ['open', 'restricted'] } };
    const outcome = await gateway.runChat(openAIChatCodec, { ...hello, model: 'open' }, { principal: admin });
    expect(outcome.metadata.model).toBe('restricted');
    await expect(gateway.runChat(openAIChatCodec, { ...hello, model: 'restricted' }, { principal: member })).rejects.toSatisfy((error) =>
      PermissionError.isInstance(error),
    );
  });

  it('refuses at start-up a plugin whose create() does not return a provider', async () => {
    const broken = definePlugin({
      kind: 'provider',
      name: 'broken',
      specificationVersion: 'v1',
      settingsSchema: z.strictObject({}),
      create: () => ({ specificationVersion: 'v1', name: 'broken' }) as unknown as ProviderV1,
    });
    await expect(createGateway({ providers: { b: { type: 'broken' } } }, { plugins: [broken] })).rejects.toSatisfy(
      (error) => ConfigError.isInstance(error) && /without chat\(\)/.test(error.message),
    );
    const nothing = definePlugin({ ...broken, name: 'nothing', create: () => undefined as unknown as ProviderV1 });
    await expect(createGateway({ providers: { n: { type: 'nothing' } } }, { plugins: [nothing] })).rejects.toThrow(/returned undefined/);
  });
});

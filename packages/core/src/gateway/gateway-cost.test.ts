import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OpenAIChatCompletionChunk } from '../codecs/openai/openai-chat-wire-types.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { ChatStreamPartV1 } from '../specification/chat/chat-stream-part-v1.js';
import type { CallOptions, NativeStreamPartV1 } from '../specification/provider-v1.js';
import { createGateway } from './create-gateway.js';

const usage = { inputTokens: 1000, outputTokens: 100, totalTokens: 1100, cacheReadTokens: 500 };
const canonicalParts: ChatStreamPartV1[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hi' },
  { type: 'text-end', id: 't' },
  { type: 'finish', finishReason: { unified: 'stop' }, usage },
];
const usageChunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 1000 } };
const nativeParts: NativeStreamPartV1[] = [
  {
    type: 'event',
    data: '{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"}}]}',
  },
  { type: 'event', data: JSON.stringify(usageChunk), usageOnly: true },
  { type: 'finish', finishReason: { unified: 'stop' }, usage },
];

async function* each<T>(parts: readonly T[]): AsyncIterable<T> {
  yield* parts;
}

/** A provider that streams scripted parts, records each call's options and prices `priced-*` models. */
function pricedGateway(native: boolean) {
  const seen: CallOptions[] = [];
  const plugin = definePlugin({
    kind: 'provider',
    name: 'priced',
    specificationVersion: 'v1',
    settingsSchema: z.strictObject({}),
    create: (_settings, context) => ({
      specificationVersion: 'v1' as const,
      name: context.instanceName,
      modelMetadata: (modelId: string) =>
        modelId.startsWith('priced-')
          ? { id: modelId, prices: { inputPerMillion: 2, cachedInputPerMillion: 1, outputPerMillion: 10 } }
          : undefined,
      chat: (modelId: string) => ({
        specificationVersion: 'v1' as const,
        provider: context.instanceName,
        modelId,
        generate: () => Promise.reject(new Error('not used')),
        stream: async (_request: unknown, options: CallOptions) => {
          seen.push(options);
          return { parts: each(canonicalParts) };
        },
        ...(native
          ? {
              nativePath: (format: string) =>
                format === 'openai-chat'
                  ? {
                      format,
                      generate: () => Promise.reject(new Error('not used')),
                      stream: async (_request: unknown, options: CallOptions) => {
                        seen.push(options);
                        return { parts: each(nativeParts) };
                      },
                    }
                  : undefined,
            }
          : {}),
      }),
    }),
  });
  const gateway = createGateway(
    {
      providers: { priced: { type: 'priced' } },
      models: [
        { name: 'chat', deployments: [{ provider: 'priced', model: 'priced-1' }] },
        { name: 'strict', deployments: [{ provider: 'priced', model: 'priced-1', strict: true, output_cost_per_million: 20 }] },
        { name: 'unknown', deployments: [{ provider: 'priced', model: 'other-1' }] },
      ],
    },
    { plugins: [plugin] },
  );
  return { gateway, seen };
}

async function drain(stream: AsyncIterable<OpenAIChatCompletionChunk>) {
  const chunks: OpenAIChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe.each([false, true])('the cost of a streamed call in process (native path: %s)', (native) => {
  // 500 uncached × 2 + 500 cached × 1 + 100 output × 10, per million.
  const cost = (500 * 2 + 500 * 1 + 100 * 10) / 1e6;

  it("is on the stream's metadata once it ends, and in the final usage chunk as cost", async () => {
    const { gateway } = pricedGateway(native);
    const stream = await (await gateway).chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(stream.metadata.costUsd).toBeUndefined();
    const chunks = await drain(stream);
    expect(stream.metadata.native).toBe(native);
    expect(stream.metadata.costUsd).toBeCloseTo(cost, 12);
    expect(chunks.at(-1)?.usage?.cost).toBeCloseTo(cost, 12);
    expect(chunks.filter((chunk) => chunk.usage)).toHaveLength(1);
  });

  it('applies the deployment override and passes strict to the call', async () => {
    const { gateway, seen } = pricedGateway(native);
    const stream = await (await gateway).chat.completions.create(
      { model: 'strict', messages: [{ role: 'user', content: 'Hi' }], stream: true },
      {},
    );
    await drain(stream);
    expect(seen.at(-1)?.strict).toBe(true);
    expect(stream.metadata.costUsd).toBeCloseTo((500 * 2 + 500 * 1 + 100 * 20) / 1e6, 12);
    const relaxed = await (await gateway).chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    await drain(relaxed);
    expect(seen.at(-1)?.strict).toBe(false);
    await drain(
      await (await gateway).chat.completions.create(
        { model: 'chat', messages: [{ role: 'user', content: 'Hi' }], stream: true },
        { strict: true },
      ),
    );
    expect(seen.at(-1)?.strict).toBe(true);
  });

  it('is absent for a model without prices, and its usage chunk is untouched', async () => {
    const { gateway } = pricedGateway(native);
    const stream = await (await gateway).chat.completions.create({
      model: 'unknown',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await drain(stream);
    expect(stream.metadata.costUsd).toBeUndefined();
    const usageChunks = chunks.filter((chunk) => chunk.usage);
    expect(usageChunks).toHaveLength(1);
    expect(usageChunks[0]?.usage).not.toHaveProperty('cost');
  });
});

import type { ChatRequestV1, ChatStreamPartV1 } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { createDemoProvider } from './create-demo-provider.js';
import { demoEmbedding } from './demo-embedding.js';
import { demoPlugin } from './demo-plugin.js';

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] },
};

function ask(text: string, overrides: Partial<ChatRequestV1> = {}): ChatRequestV1 {
  return { model: 'smart', messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...overrides };
}

async function collect(parts: AsyncIterable<ChatStreamPartV1>): Promise<ChatStreamPartV1[]> {
  const collected: ChatStreamPartV1[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

describe('demo provider', () => {
  const model = createDemoProvider().chat('demo-smart');

  it('echoes the last user text, says it is the demo model, and counts words as tokens', async () => {
    const { response } = await model.generate(ask('hello there gateway'), {});
    expect(response.content).toEqual([{ type: 'text', text: 'Demo model (no upstream): you said "hello there gateway"' }]);
    expect(response.metadata.model).toBe('demo-smart');
    expect(response.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(response.usage).toEqual({ inputTokens: 3, outputTokens: 9, totalTokens: 12 });
  });

  it('counts the words of a text that starts with "count"', async () => {
    const { response } = await model.generate(ask('count: one two three four'), {});
    expect(response.content).toEqual([{ type: 'text', text: 'Demo model (no upstream): your text has 4 words.' }]);
  });

  it('cuts the answer at maxOutputTokens words and finishes with length', async () => {
    const { response } = await model.generate(ask('hello', { maxOutputTokens: 2 }), {});
    expect(response.content).toEqual([{ type: 'text', text: 'Demo model' }]);
    expect(response.finishReason.unified).toBe('length');
  });

  it('streams word by word in one text block, then one finish with usage', async () => {
    const stream = await model.stream(ask('stream me'), {});
    const parts = await collect(stream.parts);
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      ...Array.from({ length: 8 }, () => 'text-delta'),
      'text-end',
      'finish',
    ]);
    const text = parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
    expect(text).toBe('Demo model (no upstream): you said "stream me"');
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 2, outputTokens: 8, totalTokens: 10 },
    });
  });

  it('calls the tool the text names, with arguments built from the text', async () => {
    const { response } = await model.generate(ask('get_weather for Lisbon please', { tools: [weatherTool] }), {});
    expect(response.content).toEqual([
      { type: 'tool-call', toolCallId: 'call_demo_1', toolName: 'get_weather', input: '{"city":"get_weather for Lisbon please","days":4}' },
    ]);
    expect(response.finishReason.unified).toBe('tool-calls');
  });

  it('calls a tool when toolChoice requires it, and never with toolChoice none', async () => {
    const required = await model.generate(ask('hi', { tools: [weatherTool], toolChoice: { type: 'required' } }), {});
    expect(required.response.content[0]).toMatchObject({ type: 'tool-call', toolName: 'get_weather' });
    const none = await model.generate(ask('use the tool', { tools: [weatherTool], toolChoice: { type: 'none' } }), {});
    expect(none.response.content[0]).toMatchObject({ type: 'text' });
    const plain = await model.generate(ask('hi', { tools: [weatherTool] }), {});
    expect(plain.response.content[0]).toMatchObject({ type: 'text' });
  });

  it('streams a tool call as an input block and a complete tool-call', async () => {
    const stream = await model.stream(ask('use a tool', { tools: [weatherTool] }), {});
    const parts = await collect(stream.parts);
    expect(parts.slice(2).map((part) => part.type)).toEqual([
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'finish',
    ]);
  });

  it('answers a tool result with text naming the tool and the result', async () => {
    const { response } = await model.generate(
      {
        model: 'smart',
        tools: [weatherTool],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'weather? use the tool' }] },
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_demo_1', toolName: 'get_weather', input: '{}' }] },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'call_demo_1',
                toolName: 'get_weather',
                output: { type: 'json', value: { sky: 'clear' } },
              },
            ],
          },
        ],
      },
      {},
    );
    expect(response.content).toEqual([{ type: 'text', text: 'Demo model (no upstream): the tool get_weather returned {"sky":"clear"}.' }]);
  });

  it('rejects with the abort reason when the call is already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('client left');
    controller.abort(reason);
    await expect(model.generate(ask('hi'), { signal: controller.signal })).rejects.toBe(reason);
  });

  it('embeds deterministically: same text, same unit vector; different texts differ', async () => {
    const embeddings = createDemoProvider().embeddings!('demo-embed');
    const { response } = await embeddings.embed({ model: 'embeddings', values: ['a cat', 'a dog', 'a cat'] }, {});
    expect(response.embeddings).toHaveLength(3);
    expect(response.embeddings[0]).toEqual(response.embeddings[2]);
    expect(response.embeddings[0]).not.toEqual(response.embeddings[1]);
    expect(response.embeddings[0]).toEqual(demoEmbedding('a cat', 16));
    const norm = Math.hypot(...(response.embeddings[0] ?? []));
    expect(norm).toBeCloseTo(1, 10);
    expect(response.usage).toEqual({ inputTokens: 6 });
  });

  it('needs no credentials and takes its name from the config', () => {
    const provider = createDemoProvider({ name: 'try-me' });
    expect(provider.name).toBe('try-me');
    expect(demoPlugin.name).toBe('demo');
    expect(provider.describeCredentials?.()).toEqual({ state: 'not-required' });
  });
});

import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, isStepCount, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { masterKey, startClientGateway, upstreamChatBodies, type ClientGateway } from './client-gateway.js';

let gateway: ClientGateway;
let modelgate: ReturnType<typeof createOpenAICompatible>;

beforeAll(async () => {
  gateway = await startClientGateway();
  modelgate = createOpenAICompatible({ name: 'modelgate', baseURL: gateway.baseURL, apiKey: masterKey, includeUsage: true });
});

afterAll(async () => {
  await gateway.close();
});

beforeEach(() => {
  gateway.mock.reset();
  gateway.logs.length = 0;
});

describe('the Vercel AI SDK (ai with @ai-sdk/openai-compatible) through the gateway', () => {
  it('generates text with usage and finish reason', async () => {
    gateway.mock.enqueue({ type: 'text', content: 'Paris is sunny today.', usage: { promptTokens: 11, completionTokens: 5 } });
    const result = await generateText({ model: modelgate('smart'), prompt: 'What is the weather in Paris?', maxRetries: 0 });
    expect(result.text).toBe('Paris is sunny today.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBe(11);
    expect(result.usage.outputTokens).toBe(5);
    expect(upstreamChatBodies(gateway)[0]).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    });
  });

  it('streams text with a tool: the call, its result sent back, and the answer', async () => {
    gateway.mock.enqueue(
      { type: 'tool_calls', calls: [{ name: 'weather', arguments: '{"city":"Paris"}', id: 'call_paris' }] },
      { type: 'text', content: 'It is 21 degrees and sunny in Paris.' },
    );
    const executed: unknown[] = [];
    const result = streamText({
      model: modelgate('smart'),
      prompt: 'What is the weather in Paris?',
      maxRetries: 0,
      tools: {
        weather: tool({
          description: 'The current weather in a city.',
          inputSchema: z.object({ city: z.string() }),
          execute: async (input) => {
            executed.push(input);
            return { city: input.city, celsius: 21, sky: 'sunny' };
          },
        }),
      },
      stopWhen: isStepCount(2),
    });
    const parts: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === 'error') throw part.error;
      parts.push(part.type);
    }
    expect(await result.text).toBe('It is 21 degrees and sunny in Paris.');
    expect(executed).toEqual([{ city: 'Paris' }]);
    expect(parts).toContain('tool-call');
    expect(parts).toContain('tool-result');
    const steps = await result.steps;
    expect(steps).toHaveLength(2);
    expect(steps[0]!.finishReason).toBe('tool-calls');
    expect(steps[0]!.toolCalls.map((call) => [call.toolName, call.input])).toEqual([['weather', { city: 'Paris' }]]);
    expect(steps[1]!.finishReason).toBe('stop');
    expect((await result.totalUsage).outputTokens).toBeGreaterThan(0);

    const [first, second] = upstreamChatBodies(gateway);
    expect(first).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(first!['tools']).toEqual([
      expect.objectContaining({ type: 'function', function: expect.objectContaining({ name: 'weather' }) }),
    ]);
    const sentBack = (second!['messages'] as Record<string, unknown>[]).filter((message) => message['role'] === 'tool');
    expect(sentBack).toEqual([expect.objectContaining({ role: 'tool', tool_call_id: 'call_paris' })]);
    expect(JSON.parse(String(sentBack[0]!['content']))).toEqual({ city: 'Paris', celsius: 21, sky: 'sunny' });
    expect(gateway.logs).toEqual([]);
  });
});

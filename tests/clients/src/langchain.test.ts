import { AIMessageChunk, HumanMessage, type BaseMessageChunk } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { masterKey, startClientGateway, upstreamChatBodies, type ClientGateway } from './client-gateway.js';

let gateway: ClientGateway;
let chat: ChatOpenAI;

beforeAll(async () => {
  gateway = await startClientGateway();
  chat = new ChatOpenAI({ model: 'smart', apiKey: masterKey, configuration: { baseURL: gateway.baseURL }, maxRetries: 0 });
});

afterAll(async () => {
  await gateway.close();
});

beforeEach(() => {
  gateway.mock.reset();
  gateway.logs.length = 0;
});

const weather = tool(async ({ city }) => `Sunny in ${city}`, {
  name: 'get_weather',
  description: 'The current weather in a city.',
  schema: z.object({ city: z.string().describe('The city name') }),
});

describe('LangChain (@langchain/openai ChatOpenAI) through the gateway', () => {
  it('invokes and reads the answer and its token usage', async () => {
    gateway.mock.enqueue({ type: 'text', content: 'Bonjour!', usage: { promptTokens: 7, completionTokens: 2 } });
    const answer = await chat.invoke([new HumanMessage('Say hello in French.')]);
    expect(answer.content).toBe('Bonjour!');
    expect(answer.usage_metadata).toMatchObject({ input_tokens: 7, output_tokens: 2, total_tokens: 9 });
    expect(upstreamChatBodies(gateway)[0]).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello in French.' }],
    });
  });

  it('streams the answer and its usage', async () => {
    gateway.mock.enqueue({ type: 'text', content: 'One, two, three, four, five, six.' });
    let joined: BaseMessageChunk | undefined;
    let count = 0;
    for await (const chunk of await chat.stream('Count to six.')) {
      count += 1;
      joined = joined === undefined ? chunk : joined.concat(chunk);
    }
    expect(count).toBeGreaterThan(2);
    expect(joined?.content).toBe('One, two, three, four, five, six.');
    expect((joined as AIMessageChunk).usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(upstreamChatBodies(gateway)[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('binds a tool and reads the tool call, JSON and streamed', async () => {
    const withTools = chat.bindTools([weather]);
    gateway.mock.enqueue(
      { type: 'tool_calls', calls: [{ name: 'get_weather', arguments: '{"city":"Paris"}', id: 'call_json' }] },
      { type: 'tool_calls', calls: [{ name: 'get_weather', arguments: '{"city":"Lyon"}', id: 'call_stream' }] },
    );
    const answer = await withTools.invoke('What is the weather in Paris?');
    expect(answer.tool_calls).toEqual([expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' }, id: 'call_json' })]);

    let joined: AIMessageChunk | undefined;
    for await (const chunk of await withTools.stream('And in Lyon?')) joined = joined === undefined ? chunk : joined.concat(chunk);
    expect(joined?.tool_calls).toEqual([expect.objectContaining({ name: 'get_weather', args: { city: 'Lyon' }, id: 'call_stream' })]);

    const tools = upstreamChatBodies(gateway).map((body) => body['tools']);
    for (const sent of tools) {
      expect(sent).toEqual([
        expect.objectContaining({
          type: 'function',
          function: expect.objectContaining({ name: 'get_weather', parameters: expect.objectContaining({ type: 'object' }) }),
        }),
      ]);
    }
  });
});

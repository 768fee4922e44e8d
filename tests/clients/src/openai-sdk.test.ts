import OpenAI from 'openai';
import { zodFunction } from 'openai/helpers/zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { masterKey, startClientGateway, upstreamChatBodies, type ClientGateway } from './client-gateway.js';

let gateway: ClientGateway;
let client: OpenAI;

beforeAll(async () => {
  gateway = await startClientGateway();
  client = new OpenAI({ apiKey: masterKey, baseURL: gateway.baseURL, maxRetries: 0 });
});

afterAll(async () => {
  await gateway.close();
});

beforeEach(() => {
  gateway.mock.reset();
  gateway.logs.length = 0;
});

const messages = [{ role: 'user' as const, content: 'What is the weather in Paris?' }];

describe('openai 7 through the gateway', () => {
  it('answers a chat completion as JSON, with the gateway headers', async () => {
    gateway.mock.enqueue({ type: 'text', content: 'Sunny and mild.', usage: { promptTokens: 9, completionTokens: 4 } });
    const { data, response } = await client.chat.completions.create({ model: 'smart', messages, temperature: 0.2 }).withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Sunny and mild.' });
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 });
    expect(response.headers.get('x-modelgate-deployment')).toBe('mock/gpt-4o-mini');
    expect(upstreamChatBodies(gateway)[0]).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, messages });
  });

  it('streams a chat completion to the usage chunk', async () => {
    gateway.mock.enqueue({ type: 'text', content: 'Sunny and mild, with a light breeze from the west.' });
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Sunny and mild, with a light breeze from the west.',
    );
    expect(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.total_tokens).toBeGreaterThan(0);
    expect(upstreamChatBodies(gateway)[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('streams parallel strict tool calls through the streaming helper', async () => {
    const calls = [
      { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      { name: 'get_weather', arguments: '{"city":"Lyon","unit":"celsius"}' },
    ];
    gateway.mock.enqueue({ type: 'tool_calls', calls });
    const weather = zodFunction({
      name: 'get_weather',
      description: 'The current weather in a city.',
      parameters: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
    });
    const stream = client.chat.completions.stream({ model: 'smart', messages, tools: [weather], parallel_tool_calls: true });
    const done: { name: string; arguments: string; parsed: unknown }[] = [];
    stream.on('tool_calls.function.arguments.done', (event) => {
      done.push({ name: event.name, arguments: event.arguments, parsed: event.parsed_arguments });
    });
    const completion = await stream.finalChatCompletion();
    expect(done).toEqual([
      { name: 'get_weather', arguments: calls[0]!.arguments, parsed: { city: 'Paris', unit: 'celsius' } },
      { name: 'get_weather', arguments: calls[1]!.arguments, parsed: { city: 'Lyon', unit: 'celsius' } },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.tool_calls?.map((call) => call.id)).toHaveLength(2);
    const upstream = upstreamChatBodies(gateway)[0]!;
    expect(upstream).toMatchObject({ parallel_tool_calls: true, stream: true });
    expect(upstream['tools']).toEqual([
      expect.objectContaining({ type: 'function', function: expect.objectContaining({ name: 'get_weather', strict: true }) }),
    ]);
  });

  it('creates embeddings in the SDK default encoding and as floats', async () => {
    const encoded = await client.embeddings.create({ model: 'embed', input: ['first', 'second'] });
    expect(encoded.data.map((each) => each.index)).toEqual([0, 1]);
    expect(encoded.data[0]!.embedding.length).toBeGreaterThan(0);
    expect(encoded.data[0]!.embedding.every((value) => typeof value === 'number' && Number.isFinite(value))).toBe(true);
    const floats = await client.embeddings.create({ model: 'embed', input: 'first', encoding_format: 'float' });
    expect(floats.data[0]!.embedding).toHaveLength(encoded.data[0]!.embedding.length);
    for (const [index, value] of floats.data[0]!.embedding.entries()) {
      expect(value).toBeCloseTo(encoded.data[0]!.embedding[index]!, 5);
    }
  });

  it('lists and retrieves models', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(['smart', 'embed']);
    expect(await client.models.retrieve('smart')).toMatchObject({ id: 'smart', object: 'model' });
  });

  it('gets a 400 in the API error shape that names the field', async () => {
    const failure = await client.chat.completions.create({ model: 'smart', messages, temperature: 7 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('temperature');
  });
});

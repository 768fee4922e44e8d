import { ApiError, FunctionCallingConfigMode, GoogleGenAI, type Tool, Type } from '@google/genai';
import { defaultMockContent, defaultMockToolCalls } from '@modelgate/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockGateway, testMasterKey, type MockGateway } from './test-fixtures/mock-gateway.js';

let gateway: MockGateway;
let client: GoogleGenAI;

beforeAll(async () => {
  gateway = await startMockGateway({
    router: { retries: 0, timeout_ms: 5000 },
    models: [
      { name: 'smart', deployments: [{ provider: 'mock', model: 'gpt-4o-mini' }] },
      { name: 'team/smart', deployments: [{ provider: 'mock', model: 'gpt-4.1-mini' }] },
      { name: 'embed', deployments: [{ provider: 'mock', model: 'text-embedding-3-small' }] },
    ],
  });
  client = new GoogleGenAI({ apiKey: testMasterKey, httpOptions: { baseUrl: gateway.server.url } });
});

afterAll(async () => {
  await gateway.close();
});

beforeEach(() => gateway.mock.reset());

type UpstreamChat = { model: string; messages: Array<Record<string, unknown>>; tools?: unknown[]; stream?: boolean };

const weatherTools: Tool[] = [
  {
    functionDeclarations: [
      {
        name: 'get_weather',
        description: 'The weather in a city.',
        parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING }, unit: { type: Type.STRING } }, required: ['city'] },
      },
      { name: 'get_time', parameters: { type: Type.OBJECT, properties: { timezone: { type: Type.STRING } } } },
    ],
  },
];

describe('/v1beta/models in front of an OpenAI-compatible backend, through @google/genai', () => {
  it('answers models.generateContent with the text, usage and settings translated', async () => {
    gateway.mock.enqueue({ type: 'text', content: defaultMockContent, usage: { promptTokens: 20, completionTokens: 8, cachedTokens: 4 } });
    const response = await client.models.generateContent({
      model: 'smart',
      contents: 'Hello?',
      config: { systemInstruction: 'Be brief.', temperature: 0.3, maxOutputTokens: 64, stopSequences: ['END'] },
    });
    expect(response.text).toBe(defaultMockContent);
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 20,
      candidatesTokenCount: 8,
      cachedContentTokenCount: 4,
      totalTokenCount: 28,
    });
    const sent = gateway.mock.requests[0]!.body as UpstreamChat & Record<string, unknown>;
    expect(sent.model).toBe('gpt-4o-mini');
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello?' },
    ]);
    expect(sent).toMatchObject({ temperature: 0.3, max_completion_tokens: 64, stop: ['END'] });
  });

  it('streams models.generateContentStream over alt=sse, the last chunk with the finish and usage', async () => {
    gateway.mock.enqueue({ type: 'text', content: defaultMockContent, usage: { promptTokens: 5, completionTokens: 9 } });
    const stream = await client.models.generateContentStream({ model: 'smart', contents: 'Hello?' });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe(defaultMockContent);
    const last = chunks.at(-1)!;
    expect(last.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last.usageMetadata).toMatchObject({ promptTokenCount: 5, candidatesTokenCount: 9, totalTokenCount: 14 });
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates?.[0]?.finishReason === undefined)).toBe(true);
    expect((gateway.mock.requests[0]!.body as UpstreamChat).stream).toBe(true);
  });

  it('returns the two function calls the model made, with their arguments as objects', async () => {
    gateway.mock.enqueue({ type: 'tool_calls', calls: defaultMockToolCalls });
    const response = await client.models.generateContent({
      model: 'smart',
      contents: 'Weather and time in Paris?',
      config: { tools: weatherTools, toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY } } },
    });
    expect(response.functionCalls?.map(({ name, args }) => ({ name, args }))).toEqual([
      { name: 'get_weather', args: { city: 'Paris', unit: 'celsius' } },
      { name: 'get_time', args: { timezone: 'Europe/Paris' } },
    ]);
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    const sent = gateway.mock.requests[0]!.body as UpstreamChat & { tool_choice?: unknown };
    expect(sent.tool_choice).toBe('required');
    expect(sent.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'The weather in a city.',
          parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] },
        },
      },
      { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { timezone: { type: 'string' } } } } },
    ]);
  });

  it('sends functionResponse parts upstream as tool messages answering the calls (paired by name, in order)', async () => {
    gateway.mock.enqueue({ type: 'text', content: 'Sunny, 21°C; it is 14:00.' });
    const response = await client.models.generateContent({
      model: 'smart',
      contents: [
        { role: 'user', parts: [{ text: 'Weather and time in Paris?' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
            { functionCall: { name: 'get_time', args: { timezone: 'Europe/Paris' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_time', response: { time: '14:00' } } },
            { functionResponse: { name: 'get_weather', response: { sky: 'sunny', celsius: 21 } } },
          ],
        },
      ],
      config: { tools: weatherTools },
    });
    expect(response.text).toBe('Sunny, 21°C; it is 14:00.');
    const { messages } = gateway.mock.requests[0]!.body as UpstreamChat;
    const assistant = messages[1] as { role: string; tool_calls: Array<{ id: string; function: { name: string; arguments: string } }> };
    expect(assistant.role).toBe('assistant');
    expect(assistant.tool_calls.map((call) => [call.function.name, JSON.parse(call.function.arguments)])).toEqual([
      ['get_weather', { city: 'Paris' }],
      ['get_time', { timezone: 'Europe/Paris' }],
    ]);
    const [weatherId, timeId] = assistant.tool_calls.map((call) => call.id);
    expect(weatherId).not.toBe(timeId);
    expect(messages.slice(2)).toEqual([
      { role: 'tool', tool_call_id: timeId, content: JSON.stringify({ time: '14:00' }) },
      { role: 'tool', tool_call_id: weatherId, content: JSON.stringify({ sky: 'sunny', celsius: 21 }) },
    ]);
  });

  it('takes model ids with a slash: a direct provider/model id and a group name, generated and streamed', async () => {
    gateway.mock.enqueue({ type: 'text', content: defaultMockContent });
    const direct = await client.models.generateContent({ model: 'mock/gpt-4o-mini', contents: 'Hello?' });
    expect(direct.text).toBe(defaultMockContent);
    expect((gateway.mock.requests[0]!.body as UpstreamChat).model).toBe('gpt-4o-mini');
    gateway.mock.enqueue({ type: 'text', content: defaultMockContent });
    const stream = await client.models.generateContentStream({ model: 'team/smart', contents: 'Hello?' });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe(defaultMockContent);
    expect((gateway.mock.requests[1]!.body as UpstreamChat).model).toBe('gpt-4.1-mini');
    const counted = await client.models.countTokens({ model: 'team/smart', contents: 'How many tokens?' });
    expect(counted.totalTokens).toBeGreaterThan(0);
  });

  it('counts tokens with models.countTokens', async () => {
    const counted = await client.models.countTokens({ model: 'smart', contents: 'How many tokens is this sentence?' });
    expect(counted.totalTokens).toBeGreaterThan(0);
    expect(gateway.mock.requests).toHaveLength(0);
  });

  it('embeds with models.embedContent (batchEmbedContents), one vector per content in order', async () => {
    const response = await client.models.embedContent({ model: 'embed', contents: ['first text', 'second text'] });
    expect(response.embeddings).toHaveLength(2);
    expect(response.embeddings![0]!.values!.length).toBeGreaterThan(0);
    expect(response.embeddings![0]!.values).not.toEqual(response.embeddings![1]!.values);
    expect((gateway.mock.requests[0]!.body as { input: unknown }).input).toEqual(['first text', 'second text']);
  });

  it('refuses a wrong key with the SDK error of status 401', async () => {
    const wrong = new GoogleGenAI({ apiKey: 'not-the-key', httpOptions: { baseUrl: gateway.server.url } });
    const error = await wrong.models.generateContent({ model: 'smart', contents: 'Hello?' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(gateway.mock.requests).toHaveLength(0);
  });

  it('surfaces a stream that fails midway as an error, not as a finished answer', async () => {
    gateway.mock.enqueue({ type: 'stream_error', afterChunks: 2, content: defaultMockContent });
    const stream = await client.models.generateContentStream({ model: 'smart', contents: 'Hello?' });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBeGreaterThanOrEqual(500);
    expect(
      seen.some((chunk) => (chunk as { candidates?: Array<{ finishReason?: string }> }).candidates?.[0]?.finishReason !== undefined),
    ).toBe(false);
  });
});

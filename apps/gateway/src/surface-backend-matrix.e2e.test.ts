import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type Content } from '@google/genai';
import { parseConfig } from '@modelgate/core';
import {
  anthropicConformanceUpstream,
  azureConformanceUpstream,
  bedrockConformanceUpstream,
  bedrockTestCredentials,
  cohereConformanceUpstream,
  geminiConformanceUpstream,
  mistralConformanceUpstream,
  openAIConformanceUpstream,
  vertexConformanceLocation,
  vertexConformanceUpstream,
  type ConformanceScenario,
  type ConformanceUpstream,
  type ConformanceUpstreamDefinition,
} from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

/**
 * The translation matrix end to end: every inbound surface (OpenAI Chat, Anthropic Messages, OpenAI
 * Responses, Gemini) in front of every built-in backend, through each surface's official SDK, for text,
 * two parallel tool calls with their results sent back, and usage — non-streamed and streamed. Each
 * backend is its testkit mock, speaking its own wire format; the same scenario is asked of every cell,
 * so a cell that differs is a translation bug of that surface or that backend.
 */

interface Backend {
  name: string;
  definition: ConformanceUpstreamDefinition;
  /** The model id the deployment asks the backend for. */
  model: string;
  settings(upstream: ConformanceUpstream): Record<string, unknown>;
}

const backends: Backend[] = [
  {
    name: 'openai',
    definition: openAIConformanceUpstream(),
    model: 'gpt-4o-mini',
    settings: (upstream) => ({ type: 'openai', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
  {
    name: 'anthropic',
    definition: anthropicConformanceUpstream(),
    model: 'claude-sonnet-4-5-20250929',
    settings: (upstream) => ({ type: 'anthropic', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
  {
    name: 'gemini',
    definition: geminiConformanceUpstream(),
    model: 'gemini-2.5-flash',
    settings: (upstream) => ({ type: 'gemini', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
  {
    name: 'vertex',
    definition: vertexConformanceUpstream(),
    model: 'gemini-2.5-flash',
    // The mock's "key" is the service-account key file it wrote; the token exchange goes to the mock too.
    settings: (upstream) => ({
      type: 'vertex',
      base_url: upstream.baseURL,
      credentials_file: upstream.apiKey,
      location: vertexConformanceLocation,
    }),
  },
  {
    name: 'bedrock',
    definition: bedrockConformanceUpstream(),
    model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    // The mock's "key" is the secret access key: every request is signed and the mock checks the signature.
    settings: (upstream) => ({
      type: 'bedrock',
      region: 'us-east-1',
      base_url: upstream.baseURL,
      access_key_id: bedrockTestCredentials.accessKeyId,
      secret_access_key: upstream.apiKey,
    }),
  },
  {
    name: 'azure',
    definition: azureConformanceUpstream({ urlStyle: 'v1' }),
    model: 'gpt-4o-mini',
    settings: (upstream) => ({ type: 'azure', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
  {
    name: 'cohere',
    definition: cohereConformanceUpstream(),
    model: 'command-a-03-2025',
    settings: (upstream) => ({ type: 'cohere', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
  {
    name: 'mistral',
    definition: mistralConformanceUpstream(),
    model: 'mistral-large-latest',
    settings: (upstream) => ({ type: 'mistral', base_url: upstream.baseURL, api_key: upstream.apiKey }),
  },
];

/** What a surface's SDK gave back, in terms every cell is compared in. */
interface Answer {
  text: string;
  calls: Array<{ id: string; name: string; input: unknown }>;
  usage: { input: number; output: number };
  /** Input tokens read from the provider's cache, as the surface reports them (0 when it says nothing). */
  cached: number;
}

/** A tool-result turn: the first answer's calls and a result for each, sent back in the surface's own form. */
interface FollowUp {
  calls: Answer['calls'];
  results: string[];
}

interface Surface {
  name: string;
  ask(model: string, stream: boolean, withTools: boolean): Promise<Answer>;
  followUp(model: string, turn: FollowUp): Promise<Answer>;
}

const question = 'Flights and hotels for New York?';
const toolSchemas = [
  {
    name: 'search_flights',
    description: 'Flights between two airports.',
    properties: { from: { type: 'string' }, to: { type: 'string' } },
  },
  { name: 'search_hotels', description: 'Hotels in a city.', properties: { city: { type: 'string' } } },
];
const calls = [
  { name: 'search_flights', input: '{"from":"CDG","to":"JFK"}' },
  { name: 'search_hotels', input: '{"city":"New York"}' },
];
const results = ['3 flights found', '12 hotels found'];
const answerText = 'Here is what I found for your trip.';
const usage = { inputTokens: 42, outputTokens: 7 };

let server: RunningServer;
const upstreams = new Map<string, ConformanceUpstream>();

beforeAll(async () => {
  const started = await Promise.all(backends.map((backend) => backend.definition.start()));
  const providers: Record<string, unknown> = {};
  const models = backends.map((backend, index) => {
    upstreams.set(backend.name, started[index]!);
    providers[backend.name] = backend.settings(started[index]!);
    return { name: `matrix-${backend.name}`, deployments: [{ provider: backend.name, model: backend.model }] };
  });
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'silent' },
      auth: { master_key: testMasterKey },
      providers,
      models,
      router: { retries: 0, timeout_ms: 10_000 },
    }),
    host: '127.0.0.1',
    port: 0,
  });
});

afterAll(async () => {
  await server?.close();
  await Promise.all([...upstreams.values()].map((upstream) => upstream.close()));
});

function parseInput(input: unknown): unknown {
  return typeof input === 'string' ? JSON.parse(input === '' ? '{}' : input) : input;
}

const openAIChat: Surface = {
  name: 'OpenAI Chat Completions',
  async ask(model, stream, withTools) {
    const client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const tools = withTools
      ? toolSchemas.map((tool) => ({
          type: 'function' as const,
          function: { name: tool.name, description: tool.description, parameters: { type: 'object', properties: tool.properties } },
        }))
      : undefined;
    const body = { model, messages: [{ role: 'user' as const, content: question }], ...(tools === undefined ? {} : { tools }) };
    if (!stream) {
      const completion = await client.chat.completions.create(body);
      const message = completion.choices[0]!.message;
      return {
        text: message.content ?? '',
        calls: (message.tool_calls ?? []).map((call) => {
          if (call.type !== 'function') throw new Error('not a function call');
          return { id: call.id, name: call.function.name, input: parseInput(call.function.arguments) };
        }),
        usage: { input: completion.usage!.prompt_tokens, output: completion.usage!.completion_tokens },
        cached: completion.usage!.prompt_tokens_details?.cached_tokens ?? 0,
      };
    }
    const chunks = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
    let text = '';
    const building: Array<{ id: string; name: string; input: string }> = [];
    let counted = { input: -1, output: -1 };
    let cached = 0;
    for await (const chunk of chunks) {
      if (chunk.usage) {
        counted = { input: chunk.usage.prompt_tokens, output: chunk.usage.completion_tokens };
        cached = chunk.usage.prompt_tokens_details?.cached_tokens ?? 0;
      }
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) text += delta.content;
      for (const call of delta?.tool_calls ?? []) {
        building[call.index] ??= { id: '', name: '', input: '' };
        const entry = building[call.index]!;
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name += call.function.name;
        if (call.function?.arguments) entry.input += call.function.arguments;
      }
    }
    return { text, calls: building.map((call) => ({ ...call, input: parseInput(call.input) })), usage: counted, cached };
  },
  async followUp(model, turn) {
    const client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model,
      messages: [
        { role: 'user', content: question },
        {
          role: 'assistant',
          content: null,
          tool_calls: turn.calls.map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: JSON.stringify(call.input) },
          })),
        },
        ...turn.calls.map((call, index) => ({ role: 'tool' as const, tool_call_id: call.id, content: turn.results[index]! })),
      ],
      tools: toolSchemas.map((tool) => ({
        type: 'function' as const,
        function: { name: tool.name, parameters: { type: 'object', properties: tool.properties } },
      })),
    });
    const usageOf = completion.usage!;
    return {
      text: completion.choices[0]!.message.content ?? '',
      calls: [],
      usage: { input: usageOf.prompt_tokens, output: usageOf.completion_tokens },
      cached: 0,
    };
  },
};

const anthropicMessages: Surface = {
  name: 'Anthropic Messages',
  async ask(model, stream, withTools) {
    const client = new Anthropic({ apiKey: testMasterKey, baseURL: server.url, maxRetries: 0 });
    const body = {
      model,
      max_tokens: 1024,
      messages: [{ role: 'user' as const, content: question }],
      ...(withTools
        ? {
            tools: toolSchemas.map((tool) => ({
              name: tool.name,
              description: tool.description,
              input_schema: { type: 'object' as const, properties: tool.properties },
            })),
          }
        : {}),
    };
    // The SDK's stream helper adds the `input_json_delta` fragments up into each block's input.
    const message = stream ? await client.messages.stream(body).finalMessage() : await client.messages.create(body);
    let text = '';
    const found: Answer['calls'] = [];
    for (const block of message.content) {
      if (block.type === 'text') text += block.text;
      if (block.type === 'tool_use') found.push({ id: block.id, name: block.name, input: block.input });
    }
    const cached = (message.usage.cache_read_input_tokens ?? 0) + (message.usage.cache_creation_input_tokens ?? 0);
    // Anthropic's input_tokens leave the cache out: added back, the input means what it means on every surface.
    return {
      text,
      calls: found,
      usage: { input: message.usage.input_tokens + cached, output: message.usage.output_tokens },
      cached: message.usage.cache_read_input_tokens ?? 0,
    };
  },
  async followUp(model, turn) {
    const client = new Anthropic({ apiKey: testMasterKey, baseURL: server.url, maxRetries: 0 });
    const message = await client.messages.create({
      model,
      max_tokens: 1024,
      tools: toolSchemas.map((tool) => ({ name: tool.name, input_schema: { type: 'object' as const, properties: tool.properties } })),
      messages: [
        { role: 'user', content: question },
        {
          role: 'assistant',
          content: turn.calls.map((call) => ({ type: 'tool_use' as const, id: call.id, name: call.name, input: call.input })),
        },
        {
          role: 'user',
          content: turn.calls.map((call, index) => ({ type: 'tool_result' as const, tool_use_id: call.id, content: turn.results[index]! })),
        },
      ],
    });
    const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    return { text, calls: [], usage: { input: message.usage.input_tokens, output: message.usage.output_tokens }, cached: 0 };
  },
};

const openAIResponses: Surface = {
  name: 'OpenAI Responses',
  async ask(model, stream, withTools) {
    const client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const body = {
      model,
      input: question,
      store: false,
      ...(withTools
        ? {
            tools: toolSchemas.map((tool) => ({
              type: 'function' as const,
              name: tool.name,
              description: tool.description,
              parameters: { type: 'object', properties: tool.properties },
              strict: false,
            })),
          }
        : {}),
    };
    // The SDK's stream helper builds the final response from the typed events (text and argument deltas).
    const response = stream ? await client.responses.stream(body).finalResponse() : await client.responses.create(body);
    const found: Answer['calls'] = [];
    for (const item of response.output) {
      if (item.type === 'function_call') found.push({ id: item.call_id, name: item.name, input: parseInput(item.arguments) });
    }
    return {
      text: response.output_text,
      calls: found,
      usage: { input: response.usage!.input_tokens, output: response.usage!.output_tokens },
      cached: response.usage!.input_tokens_details?.cached_tokens ?? 0,
    };
  },
  async followUp(model, turn) {
    const client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const response = await client.responses.create({
      model,
      store: false,
      tools: toolSchemas.map((tool) => ({
        type: 'function' as const,
        name: tool.name,
        parameters: { type: 'object', properties: tool.properties },
        strict: false,
      })),
      input: [
        { role: 'user', content: question },
        ...turn.calls.map((call) => ({
          type: 'function_call' as const,
          call_id: call.id,
          name: call.name,
          arguments: JSON.stringify(call.input),
        })),
        ...turn.calls.map((call, index) => ({ type: 'function_call_output' as const, call_id: call.id, output: turn.results[index]! })),
      ],
    });
    return {
      text: response.output_text,
      calls: [],
      usage: { input: response.usage!.input_tokens, output: response.usage!.output_tokens },
      cached: 0,
    };
  },
};

const geminiSurface: Surface = {
  name: 'Gemini generateContent',
  async ask(model, stream, withTools) {
    const client = new GoogleGenAI({ apiKey: testMasterKey, httpOptions: { baseUrl: server.url } });
    const config = withTools
      ? {
          tools: [
            {
              functionDeclarations: toolSchemas.map((tool) => ({
                name: tool.name,
                description: tool.description,
                parametersJsonSchema: { type: 'object', properties: tool.properties },
              })),
            },
          ],
        }
      : {};
    const request = { model, contents: question, config };
    const responses = stream ? [] : [await client.models.generateContent(request)];
    if (stream) for await (const chunk of await client.models.generateContentStream(request)) responses.push(chunk);
    let text = '';
    const found: Answer['calls'] = [];
    let counted = { input: -1, output: -1 };
    let cached = 0;
    for (const response of responses) {
      for (const part of response.candidates?.[0]?.content?.parts ?? []) {
        if (typeof part.text === 'string' && part.thought !== true) text += part.text;
        if (part.functionCall)
          found.push({ id: part.functionCall.id ?? '', name: part.functionCall.name ?? '', input: part.functionCall.args });
      }
      const metadata = response.usageMetadata;
      if (metadata?.promptTokenCount !== undefined) {
        counted = { input: metadata.promptTokenCount, output: (metadata.candidatesTokenCount ?? 0) + (metadata.thoughtsTokenCount ?? 0) };
        cached = metadata.cachedContentTokenCount ?? 0;
      }
    }
    return { text, calls: found, usage: counted, cached };
  },
  async followUp(model, turn) {
    const client = new GoogleGenAI({ apiKey: testMasterKey, httpOptions: { baseUrl: server.url } });
    const contents: Content[] = [
      { role: 'user', parts: [{ text: question }] },
      {
        role: 'model',
        parts: turn.calls.map((call) => ({ functionCall: { id: call.id, name: call.name, args: call.input as Record<string, unknown> } })),
      },
      {
        role: 'user',
        parts: turn.calls.map((call, index) => ({
          functionResponse: { id: call.id, name: call.name, response: { result: turn.results[index]! } },
        })),
      },
    ];
    const response = await client.models.generateContent({
      model,
      contents,
      config: {
        tools: [
          {
            functionDeclarations: toolSchemas.map((tool) => ({
              name: tool.name,
              parametersJsonSchema: { type: 'object', properties: tool.properties },
            })),
          },
        ],
      },
    });
    const metadata = response.usageMetadata;
    return {
      text: response.text ?? '',
      calls: [],
      usage: { input: metadata?.promptTokenCount ?? -1, output: metadata?.candidatesTokenCount ?? -1 },
      cached: 0,
    };
  },
};

const surfaces: Surface[] = [openAIChat, anthropicMessages, openAIResponses, geminiSurface];

function enqueue(backend: Backend, scenario: ConformanceScenario): ConformanceUpstream {
  const upstream = upstreams.get(backend.name)!;
  upstream.enqueue(scenario);
  return upstream;
}

for (const surface of surfaces) {
  describe(`${surface.name} in front of`, () => {
    for (const backend of backends) {
      const model = `matrix-${backend.name}`;
      describe(backend.name, () => {
        for (const stream of [false, true]) {
          const mode = stream ? 'streamed' : 'whole';
          it(`text and usage (${mode})`, async () => {
            enqueue(backend, { type: 'text', text: answerText, usage });
            const answer = await surface.ask(model, stream, false);
            expect(answer.text).toBe(answerText);
            expect(answer.calls).toEqual([]);
            expect(answer.usage).toEqual({ input: usage.inputTokens, output: usage.outputTokens });
          });

          it(`two parallel tool calls with their complete inputs (${mode})`, async () => {
            enqueue(backend, { type: 'tool-calls', calls, usage });
            const answer = await surface.ask(model, stream, true);
            expect(answer.calls.map(({ name, input }) => ({ name, input }))).toEqual(
              calls.map(({ name, input }) => ({ name, input: JSON.parse(input) })),
            );
            expect(new Set(answer.calls.map((call) => call.id)).size).toBe(2);
            expect(answer.usage).toEqual({ input: usage.inputTokens, output: usage.outputTokens });
          });
        }

        // Cohere's and Mistral's wires have no cache-read count: there the cell says the surface reports none.
        const carriesCacheReads = !(backend.definition.limitations?.usageDetails ?? []).includes('cacheReadTokens');
        it(`cache reads: ${carriesCacheReads ? 'counted in the input and reported as cached' : 'none reported, the wire has no count'} (streamed)`, async () => {
          const cachedUsage = { inputTokens: 1200, outputTokens: 9, cacheReadTokens: 1000 };
          enqueue(backend, { type: 'text', text: answerText, usage: cachedUsage });
          const answer = await surface.ask(model, true, false);
          expect(answer.usage).toEqual({ input: 1200, output: 9 });
          expect(answer.cached).toBe(carriesCacheReads ? 1000 : 0);
        });

        it('sends the tool results back in the backend’s own form, paired with their calls', async () => {
          enqueue(backend, { type: 'tool-calls', calls, usage });
          const first = await surface.ask(model, false, true);
          const upstream = enqueue(backend, { type: 'text', text: answerText, usage });
          const before = upstream.requests.length;
          const answer = await surface.followUp(model, { calls: first.calls, results });
          expect(answer.text).toBe(answerText);
          const sent = upstream.requests[before]!;
          // Every result reached the backend, in the same turn; the mocks refuse a result whose call is unknown.
          for (const result of results) expect(sent.rawBody).toContain(result);
          for (const call of calls) expect(sent.rawBody).toContain(call.name);
        });
      });
    }
  });
}

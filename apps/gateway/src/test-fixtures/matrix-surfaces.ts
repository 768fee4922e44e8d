import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type Content, type GenerateContentResponseUsageMetadata } from '@google/genai';
import OpenAI from 'openai';
import { testMasterKey } from './mock-gateway.js';

/** A tool call as a client surface shows it; `fragments` are the streamed argument pieces (absent when not streamed as text). */
export interface SurfaceToolCall {
  id: string;
  name: string;
  input: unknown;
  fragments?: string;
}

/** A usage count beside input and output. */
export type UsageDetail = 'cacheRead' | 'cacheWrite' | 'reasoning';

/**
 * Usage in canonical meaning (input includes the cache counts, output the reasoning count), read from
 * a surface's own fields by that surface's rules; a detail the surface has a field for is there (0 when absent).
 */
export interface SurfaceUsage {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
}

export interface SurfaceToolTurn {
  text: string;
  finish: string | undefined;
  calls: SurfaceToolCall[];
  usage: SurfaceUsage | undefined;
  followUp(results: string[]): Promise<string>;
}

export interface SurfaceClient {
  name: string;
  /** The usage details the surface has fields for. */
  usageDetails: readonly UsageDetail[];
  /** The surface's finish reason (the Responses API's status) for a text answer, a truncated one, and tool calls. */
  finishes: { text: string; length: string; toolCalls: string };
  text(model: string, stream: boolean): Promise<{ text: string; finish: string | undefined; usage: SurfaceUsage | undefined }>;
  /** Asks with both tools; the answer's text before the calls, the calls, usage, and a way to send the calls' results back. */
  toolCalls(model: string, stream: boolean): Promise<SurfaceToolTurn>;
}

export const matrixQuestion = 'Weather and time in Oslo?';

export const matrixTools = [
  { name: 'get_weather', description: 'The weather in a city.', schema: { type: 'object', properties: { city: { type: 'string' } } } },
  { name: 'get_time', description: 'The time in a zone.', schema: { type: 'object', properties: { zone: { type: 'string' } } } },
] as const;

function parsed(text: string): unknown {
  return text === '' ? {} : JSON.parse(text);
}

function chatUsage(usage: OpenAI.CompletionUsage | null | undefined): SurfaceUsage | undefined {
  if (!usage) return undefined;
  if (usage.total_tokens !== usage.prompt_tokens + usage.completion_tokens)
    throw new Error(`total_tokens ${usage.total_tokens} is not the sum.`);
  return {
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    cacheRead: usage.prompt_tokens_details?.cached_tokens ?? 0,
    reasoning: usage.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

function chatCompletions(client: OpenAI): SurfaceClient {
  const tools: OpenAI.ChatCompletionTool[] = matrixTools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.schema },
  }));
  const question: OpenAI.ChatCompletionMessageParam = { role: 'user', content: matrixQuestion };
  return {
    name: 'chat completions',
    usageDetails: ['cacheRead', 'reasoning'],
    finishes: { text: 'stop', length: 'length', toolCalls: 'tool_calls' },
    text: async (model, stream) => {
      if (!stream) {
        const completion = await client.chat.completions.create({ model, messages: [question] });
        const choice = completion.choices[0];
        return { text: choice?.message.content ?? '', finish: choice?.finish_reason, usage: chatUsage(completion.usage) };
      }
      const chunks = await client.chat.completions.create({
        model,
        messages: [question],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let finish: string | undefined;
      let usage: SurfaceUsage | undefined;
      for await (const chunk of chunks) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        if (chunk.usage) usage = chatUsage(chunk.usage);
      }
      return { text, finish, usage };
    },
    toolCalls: async (model, stream) => {
      let calls: { id: string; name: string; arguments: string; fragments?: string }[];
      let text = '';
      let finish: string | undefined;
      let usage: SurfaceUsage | undefined;
      if (!stream) {
        const completion = await client.chat.completions.create({ model, messages: [question], tools });
        text = completion.choices[0]?.message.content ?? '';
        finish = completion.choices[0]?.finish_reason;
        usage = chatUsage(completion.usage);
        calls = (completion.choices[0]?.message.tool_calls ?? []).flatMap((call) =>
          call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [],
        );
      } else {
        const chunks = await client.chat.completions.create({
          model,
          messages: [question],
          tools,
          stream: true,
          stream_options: { include_usage: true },
        });
        calls = [];
        for await (const chunk of chunks) {
          text += chunk.choices[0]?.delta.content ?? '';
          finish = chunk.choices[0]?.finish_reason ?? finish;
          if (chunk.usage) usage = chatUsage(chunk.usage);
          for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
            const call = (calls[delta.index] ??= { id: '', name: '', arguments: '', fragments: '' });
            call.id ||= delta.id ?? '';
            call.name += delta.function?.name ?? '';
            call.arguments += delta.function?.arguments ?? '';
            call.fragments = call.arguments;
          }
        }
      }
      return {
        text,
        finish,
        usage,
        calls: calls.map((call) => ({
          id: call.id,
          name: call.name,
          input: parsed(call.arguments),
          ...(call.fragments === undefined ? {} : { fragments: call.fragments }),
        })),
        followUp: async (results) => {
          const completion = await client.chat.completions.create({
            model,
            tools,
            messages: [
              question,
              {
                role: 'assistant',
                content: null,
                tool_calls: calls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: call.arguments },
                })),
              },
              ...calls.map((call, index) => ({ role: 'tool' as const, tool_call_id: call.id, content: results[index]! })),
            ],
          });
          return completion.choices[0]?.message.content ?? '';
        },
      };
    },
  };
}

function messages(client: Anthropic): SurfaceClient {
  const tools: Anthropic.Tool[] = matrixTools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.schema as Anthropic.Tool.InputSchema,
  }));
  const question: Anthropic.MessageParam = { role: 'user', content: matrixQuestion };
  const usageOf = (usage: Anthropic.Usage): SurfaceUsage => {
    const cacheRead = usage.cache_read_input_tokens ?? 0;
    const cacheWrite = usage.cache_creation_input_tokens ?? 0;
    // Anthropic's input_tokens leaves the cache reads and writes out.
    return { input: usage.input_tokens + cacheRead + cacheWrite, output: usage.output_tokens, cacheRead, cacheWrite };
  };
  return {
    name: 'messages',
    usageDetails: ['cacheRead', 'cacheWrite'],
    finishes: { text: 'end_turn', length: 'max_tokens', toolCalls: 'tool_use' },
    text: async (model, stream) => {
      const message = stream
        ? await client.messages.stream({ model, max_tokens: 256, messages: [question] }).finalMessage()
        : await client.messages.create({ model, max_tokens: 256, messages: [question] });
      const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
      return { text, finish: message.stop_reason ?? undefined, usage: usageOf(message.usage) };
    },
    toolCalls: async (model, stream) => {
      let message: Anthropic.Message;
      const fragments = new Map<number, string>();
      if (stream) {
        const events = client.messages.stream({ model, max_tokens: 256, tools, messages: [question] });
        events.on('streamEvent', (event) => {
          if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
            fragments.set(event.index, (fragments.get(event.index) ?? '') + event.delta.partial_json);
          }
        });
        message = await events.finalMessage();
      } else {
        message = await client.messages.create({ model, max_tokens: 256, tools, messages: [question] });
      }
      const uses = message.content.flatMap((block, index) => (block.type === 'tool_use' ? [{ block, index }] : []));
      return {
        text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
        finish: message.stop_reason ?? undefined,
        usage: usageOf(message.usage),
        calls: uses.map(({ block, index }) => ({
          id: block.id,
          name: block.name,
          input: block.input,
          ...(stream ? { fragments: fragments.get(index) ?? '' } : {}),
        })),
        followUp: async (results) => {
          const next = await client.messages.create({
            model,
            max_tokens: 256,
            tools,
            messages: [
              question,
              { role: 'assistant', content: message.content },
              {
                role: 'user',
                content: uses.map(({ block }, index) => ({
                  type: 'tool_result' as const,
                  tool_use_id: block.id,
                  content: results[index]!,
                })),
              },
            ],
          });
          return next.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
        },
      };
    },
  };
}

function responses(client: OpenAI): SurfaceClient {
  const tools: OpenAI.Responses.FunctionTool[] = matrixTools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    parameters: tool.schema,
    strict: false,
  }));
  const usageOf = (usage: OpenAI.Responses.ResponseUsage | undefined): SurfaceUsage | undefined => {
    if (!usage) return undefined;
    if (usage.total_tokens !== usage.input_tokens + usage.output_tokens)
      throw new Error(`total_tokens ${usage.total_tokens} is not the sum.`);
    return {
      input: usage.input_tokens,
      output: usage.output_tokens,
      cacheRead: usage.input_tokens_details?.cached_tokens ?? 0,
      reasoning: usage.output_tokens_details?.reasoning_tokens ?? 0,
    };
  };
  return {
    name: 'responses',
    usageDetails: ['cacheRead', 'reasoning'],
    finishes: { text: 'completed', length: 'incomplete', toolCalls: 'completed' },
    text: async (model, stream) => {
      if (!stream) {
        const response = await client.responses.create({ model, input: matrixQuestion, store: false });
        return { text: response.output_text, finish: response.status, usage: usageOf(response.usage) };
      }
      const events = client.responses.stream({ model, input: matrixQuestion, store: false });
      let text = '';
      for await (const event of events) if (event.type === 'response.output_text.delta') text += event.delta;
      const response = await events.finalResponse();
      expectSame(text, response.output_text);
      return { text, finish: response.status, usage: usageOf(response.usage) };
    },
    toolCalls: async (model, stream) => {
      let response: OpenAI.Responses.Response;
      const fragments = new Map<number, string>();
      if (stream) {
        const events = client.responses.stream({ model, input: matrixQuestion, tools, store: false });
        for await (const event of events) {
          if (event.type === 'response.function_call_arguments.delta') {
            fragments.set(event.output_index, (fragments.get(event.output_index) ?? '') + event.delta);
          }
          if (event.type === 'response.function_call_arguments.done') {
            expectSame(fragments.get(event.output_index) ?? '', event.arguments);
          }
        }
        response = await events.finalResponse();
      } else {
        response = await client.responses.create({ model, input: matrixQuestion, tools, store: false });
      }
      const items = response.output.flatMap((item, index) => (item.type === 'function_call' ? [{ item, index }] : []));
      return {
        text: response.output_text,
        finish: response.status,
        usage: usageOf(response.usage),
        calls: items.map(({ item, index }) => ({
          id: item.call_id,
          name: item.name,
          input: parsed(item.arguments),
          ...(stream ? { fragments: fragments.get(index) ?? '' } : {}),
        })),
        followUp: async (results) => {
          const next = await client.responses.create({
            model,
            tools,
            store: false,
            input: [
              { role: 'user', content: matrixQuestion },
              ...items.map(({ item }) => ({
                type: 'function_call' as const,
                call_id: item.call_id,
                name: item.name,
                arguments: item.arguments,
              })),
              ...items.map(({ item }, index) => ({
                type: 'function_call_output' as const,
                call_id: item.call_id,
                output: results[index]!,
              })),
            ],
          });
          return next.output_text;
        },
      };
    },
  };
}

/** Throws when a stream's pieces do not add up to what it finally says. */
function expectSame(streamed: string, final: string): void {
  if (streamed !== final) throw new Error(`The streamed text ${JSON.stringify(streamed)} differs from the final ${JSON.stringify(final)}.`);
}

function geminiUsage(usage: GenerateContentResponseUsageMetadata | undefined): SurfaceUsage | undefined {
  if (!usage) return undefined;
  const thoughts = usage.thoughtsTokenCount ?? 0;
  // Gemini's candidatesTokenCount leaves the thoughts out; its total is prompt + candidates + thoughts.
  const output = (usage.candidatesTokenCount ?? 0) + thoughts;
  const input = usage.promptTokenCount ?? 0;
  if (usage.totalTokenCount !== input + output) throw new Error(`totalTokenCount ${usage.totalTokenCount} is not the sum.`);
  return { input, output, cacheRead: usage.cachedContentTokenCount ?? 0, reasoning: thoughts };
}

function gemini(client: GoogleGenAI): SurfaceClient {
  const tools = [
    {
      functionDeclarations: matrixTools.map((tool) => ({
        name: tool.name,
        description: tool.description,
        parametersJsonSchema: tool.schema,
      })),
    },
  ];
  const question: Content = { role: 'user', parts: [{ text: matrixQuestion }] };
  return {
    name: 'gemini',
    usageDetails: ['cacheRead', 'reasoning'],
    finishes: { text: 'STOP', length: 'MAX_TOKENS', toolCalls: 'STOP' },
    text: async (model, stream) => {
      if (!stream) {
        const response = await client.models.generateContent({ model, contents: [question] });
        return { text: response.text ?? '', finish: response.candidates?.[0]?.finishReason, usage: geminiUsage(response.usageMetadata) };
      }
      let text = '';
      let finish: string | undefined;
      let usage: SurfaceUsage | undefined;
      for await (const chunk of await client.models.generateContentStream({ model, contents: [question] })) {
        text += chunk.text ?? '';
        finish = chunk.candidates?.[0]?.finishReason ?? finish;
        if (chunk.usageMetadata?.promptTokenCount !== undefined) usage = geminiUsage(chunk.usageMetadata);
      }
      return { text, finish, usage };
    },
    toolCalls: async (model, stream) => {
      const parts: NonNullable<Content['parts']> = [];
      let finish: string | undefined;
      let usage: SurfaceUsage | undefined;
      if (stream) {
        for await (const chunk of await client.models.generateContentStream({ model, contents: [question], config: { tools } })) {
          parts.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
          finish = chunk.candidates?.[0]?.finishReason ?? finish;
          if (chunk.usageMetadata?.promptTokenCount !== undefined) usage = geminiUsage(chunk.usageMetadata);
        }
      } else {
        const response = await client.models.generateContent({ model, contents: [question], config: { tools } });
        parts.push(...(response.candidates?.[0]?.content?.parts ?? []));
        finish = response.candidates?.[0]?.finishReason;
        usage = geminiUsage(response.usageMetadata);
      }
      const calls = parts.flatMap((part) => (part.functionCall ? [part.functionCall] : []));
      return {
        text: parts.map((part) => (part.text !== undefined && part.thought !== true ? part.text : '')).join(''),
        finish,
        usage,
        // Gemini carries arguments as an object, whole in one part even when streamed: there are no text fragments.
        calls: calls.map((call) => ({ id: call.id ?? '', name: call.name ?? '', input: call.args })),
        followUp: async (results) => {
          const response = await client.models.generateContent({
            model,
            config: { tools },
            contents: [
              question,
              { role: 'model', parts },
              {
                role: 'user',
                parts: calls.map((call, index) => ({
                  functionResponse: { ...(call.id ? { id: call.id } : {}), name: call.name ?? '', response: { result: results[index]! } },
                })),
              },
            ],
          });
          return response.text ?? '';
        },
      };
    },
  };
}

/** The four client surfaces of a gateway, each through its official SDK. */
export function matrixSurfaces(gatewayURL: string): SurfaceClient[] {
  const openAI = new OpenAI({ apiKey: testMasterKey, baseURL: `${gatewayURL}/v1`, maxRetries: 0 });
  return [
    chatCompletions(openAI),
    messages(new Anthropic({ apiKey: testMasterKey, baseURL: gatewayURL, maxRetries: 0 })),
    responses(openAI),
    gemini(new GoogleGenAI({ apiKey: testMasterKey, httpOptions: { baseUrl: gatewayURL } })),
  ];
}

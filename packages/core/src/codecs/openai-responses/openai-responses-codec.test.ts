import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { ChatResponseV1 } from '../../specification/chat/chat-response-v1.js';
import type { ChatStreamPartV1 } from '../../specification/chat/chat-stream-part-v1.js';
import type { EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import { createOpenAIResponsesCodec, type OpenAIResponsesCodecEncoding } from './openai-responses-codec.js';
import type { CompletedOpenAIResponse } from './openai-responses-stream-encoder.js';
import { readOpenAIResponsesOutcome } from './read-openai-responses-outcome.js';

const codec = createOpenAIResponsesCodec();

function refusal(body: unknown): InvalidRequestError {
  try {
    codec.decode(body);
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

function contextOf(body: Record<string, unknown>): EncodeContextV1<OpenAIResponsesCodecEncoding> {
  return { encoding: codec.decode({ model: 'smart', input: 'Hi.', ...body }).encoding, model: 'gpt-test', requestId: 'req_1' };
}

interface Event {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}

/** The wire text of a stream as its events, checking that each `event:` line names the data's type. */
function eventsOf(text: string): Event[] {
  return text
    .split('\n\n')
    .filter((block) => block.length > 0)
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      const event = JSON.parse(dataLine!.slice('data: '.length)) as Event;
      expect(eventLine).toBe(`event: ${event.type}`);
      return event;
    });
}

describe('decoding a Responses request into the canonical model', () => {
  it('takes a string input as one user message, instructions first as a system message', () => {
    const decoded = codec.decode({
      model: 'smart',
      input: 'Hello.',
      instructions: 'Be brief.',
      max_output_tokens: 100,
      temperature: 0.3,
      top_p: 0.9,
      user: 'user-7',
      metadata: { team: 'a' },
      reasoning: { effort: 'low' },
      parallel_tool_calls: false,
      stream: true,
    });
    expect(decoded.model).toBe('smart');
    expect(decoded.stream).toBe(true);
    expect(decoded.native?.format).toBe('openai-responses');
    expect(decoded.request).toEqual({
      model: 'smart',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Hello.' }] },
      ],
      maxOutputTokens: 100,
      temperature: 0.3,
      topP: 0.9,
      user: 'user-7',
      metadata: { team: 'a' },
      reasoning: { effort: 'low' },
      parallelToolCalls: false,
    });
  });

  it('decodes every item type: messages of each role and part, function calls, their outputs and reasoning', () => {
    const decoded = codec.decode({
      model: 'smart',
      input: [
        { role: 'developer', content: 'Follow the rules.' },
        { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Be exact.' }] },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Look:' },
            { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'low' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0K' },
            { type: 'input_image', file_id: 'file-img', detail: 'auto' },
            { type: 'input_file', file_id: 'file-pdf' },
            { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' },
            { type: 'input_file', file_url: 'https://example.com/b.pdf' },
          ],
        },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Thinking about cats.' }], encrypted_content: 'gAAAA' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'A cat.', annotations: [] }] },
        { type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{"q":"cat"}' },
        { type: 'function_call', call_id: 'call_2', name: 'count', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'A small feline.' },
        { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: '3' }] },
        { role: 'user', content: 'Thanks.' },
      ],
    });
    expect(decoded.request.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Follow the rules.' }] },
      { role: 'system', content: [{ type: 'text', text: 'Be exact.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' }, detail: 'low' },
          { type: 'image', source: { type: 'data', data: 'iVBORw0K' }, mediaType: 'image/png' },
          { type: 'image', source: { type: 'file-id', fileId: 'file-img' }, detail: 'auto' },
          { type: 'file', source: { type: 'file-id', fileId: 'file-pdf' } },
          { type: 'file', source: { type: 'data', data: 'JVBERi0=' }, mediaType: 'application/pdf', filename: 'a.pdf' },
          { type: 'file', source: { type: 'url', url: 'https://example.com/b.pdf' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Thinking about cats.', providerOptions: { openai: { itemId: 'rs_1', encryptedContent: 'gAAAA' } } },
          { type: 'text', text: 'A cat.' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: '{"q":"cat"}' },
          { type: 'tool-call', toolCallId: 'call_2', toolName: 'count', input: '{}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'call_1', toolName: 'lookup', output: { type: 'text', value: 'A small feline.' } },
          {
            type: 'tool-result',
            toolCallId: 'call_2',
            toolName: 'count',
            output: { type: 'content', value: [{ type: 'text', text: '3' }] },
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Thanks.' }] },
    ]);
  });

  it('maps flat function tools, tool_choice and each text.format', () => {
    const base = {
      model: 'smart',
      input: 'Hi.',
      tools: [{ type: 'function', name: 'lookup', description: 'Looks up.', parameters: { type: 'object' }, strict: true }],
      tool_choice: { type: 'function', name: 'lookup' },
    };
    const decoded = codec.decode({
      ...base,
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
    });
    expect(decoded.request.tools).toEqual([
      { type: 'function', name: 'lookup', description: 'Looks up.', inputSchema: { type: 'object' }, strict: true },
    ]);
    expect(decoded.request.toolChoice).toEqual({ type: 'tool', toolName: 'lookup' });
    expect(decoded.request.responseFormat).toEqual({ type: 'json-schema', name: 'answer', schema: { type: 'object' }, strict: true });
    expect(codec.decode({ ...base, text: { format: { type: 'json_object' } } }).request.responseFormat).toEqual({ type: 'json' });
    expect(codec.decode({ ...base, text: { format: { type: 'text' } } }).request.responseFormat).toEqual({ type: 'text' });
    expect(codec.decode({ ...base, tool_choice: 'required' }).request.toolChoice).toEqual({ type: 'required' });
  });

  it('puts a stored conversation before the input and never forwards it natively', () => {
    const history = [
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'My name is Ada.' }] },
      { role: 'assistant' as const, content: [{ type: 'tool-call' as const, toolCallId: 'call_9', toolName: 'remember', input: '{}' }] },
    ];
    const continued = createOpenAIResponsesCodec({ history }).decode({
      model: 'smart',
      input: [{ type: 'function_call_output', call_id: 'call_9', output: 'ok' }],
      previous_response_id: 'resp_1',
      instructions: 'Be warm.',
    });
    expect(continued.native).toBeUndefined();
    expect(continued.request.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Be warm.' }] },
      ...history,
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'call_9', toolName: 'remember', output: { type: 'text', value: 'ok' } }],
      },
    ]);
    // The conversation to store leaves the instructions out: they are not carried over.
    expect(continued.encoding.conversation()).toHaveLength(3);
  });

  it.each([
    [{ input: 'Hi.' }, 'model'],
    [{ model: 'smart' }, 'input'],
    [{ model: 'smart', input: [] }, 'input'],
    [{ model: 'smart', input: [{ role: 'robot', content: 'Hi.' }] }, 'input[0].role'],
    [{ model: 'smart', input: [{ role: 'user', content: [{ type: 'input_audio', data: 'x' }] }] }, 'input[0].content[0].type'],
    [{ model: 'smart', input: [{ role: 'user', content: [{ type: 'input_image' }] }] }, 'input[0].content[0].image_url'],
    [{ model: 'smart', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'input[0].call_id'],
    [{ model: 'smart', input: [{ type: 'function_call_output', call_id: 'c' }] }, 'input[0].output'],
    [{ model: 'smart', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0].type'],
    [{ model: 'smart', input: [{ type: 'computer_call_output', call_id: 'c' }] }, 'input[0].type'],
    [{ model: 'smart', input: 'Hi.', tools: [{ type: 'web_search' }] }, 'tools[0].type'],
    [{ model: 'smart', input: 'Hi.', tools: [{ type: 'function', name: 'f' }, { type: 'file_search' }] }, 'tools[1].type'],
    [{ model: 'smart', input: 'Hi.', tools: [{ type: 'function' }] }, 'tools[0].name'],
    [{ model: 'smart', input: 'Hi.', tool_choice: 'sometimes' }, 'tool_choice'],
    [{ model: 'smart', input: 'Hi.', text: { format: { type: 'json_schema', schema: {} } } }, 'text.format.name'],
    [{ model: 'smart', input: 'Hi.', text: { format: { type: 'yaml' } } }, 'text.format.type'],
    [{ model: 'smart', input: 'Hi.', reasoning: { effort: 'extreme' } }, 'reasoning.effort'],
    [{ model: 'smart', input: 'Hi.', max_output_tokens: 0 }, 'max_output_tokens'],
    [{ model: 'smart', input: 'Hi.', temperature: 3 }, 'temperature'],
    [{ model: 'smart', input: 'Hi.', top_p: 2 }, 'top_p'],
    [{ model: 'smart', input: 'Hi.', metadata: { key: 1 } }, 'metadata.key'],
    [{ model: 'smart', input: 'Hi.', store: 'yes' }, 'store'],
    [{ model: 'smart', input: 'Hi.', previous_response_id: 7 }, 'previous_response_id'],
    [{ model: 'smart', input: 'Hi.', background: true }, 'background'],
  ])('refuses %j with a 400 naming %s', (body, param) => {
    const error = refusal(body);
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
    expect(error.message).toContain(param);
  });

  it('names the built-in tool it refuses', () => {
    expect(refusal({ model: 'smart', input: 'Hi.', tools: [{ type: 'computer_use_preview' }] }).message).toContain('computer_use_preview');
  });
});

describe('encoding a canonical answer as a response object', () => {
  const answer: ChatResponseV1 = {
    content: [
      { type: 'reasoning', text: 'Weighing options.', providerOptions: { openai: { itemId: 'rs_up', encryptedContent: 'gAAB' } } },
      { type: 'text', text: 'Calling two tools.' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'one', input: '{"x":1}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'two', input: '{}' },
    ],
    finishReason: { unified: 'tool-calls' },
    usage: { inputTokens: 20, outputTokens: 10, totalTokens: 30, cacheReadTokens: 5, reasoningTokens: 4 },
    metadata: { id: 'chatcmpl-up', model: 'gpt-up' },
    warnings: [],
  };

  it('keeps the output in order, with ids, the usage and the echoed settings', () => {
    const context = contextOf({ instructions: 'Be brief.', temperature: 0.5, metadata: { a: 'b' } });
    const encoded = codec.encodeResponse(answer, context) as Record<string, unknown>;
    expect(encoded).toMatchObject({
      id: context.encoding.id,
      object: 'response',
      status: 'completed',
      error: null,
      incomplete_details: null,
      model: 'gpt-up',
      instructions: 'Be brief.',
      temperature: 0.5,
      metadata: { a: 'b' },
      store: true,
      usage: {
        input_tokens: 20,
        input_tokens_details: { cached_tokens: 5 },
        output_tokens: 10,
        output_tokens_details: { reasoning_tokens: 4 },
        total_tokens: 30,
      },
    });
    expect(context.encoding.id).toMatch(/^resp_[0-9a-f]{48}$/);
    const output = encoded['output'] as Record<string, unknown>[];
    expect(output.map((item) => item['type'])).toEqual(['reasoning', 'message', 'function_call', 'function_call']);
    expect(output[0]).toEqual({
      type: 'reasoning',
      id: 'rs_up',
      summary: [{ type: 'summary_text', text: 'Weighing options.' }],
      encrypted_content: 'gAAB',
      status: 'completed',
    });
    expect(output[1]).toMatchObject({
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: 'Calling two tools.', annotations: [] }],
    });
    expect(output[1]!['id']).toMatch(/^msg_/);
    expect(output[2]).toMatchObject({ call_id: 'call_a', name: 'one', arguments: '{"x":1}', status: 'completed' });
    expect(output[2]!['id']).toMatch(/^fc_/);
  });

  it('carries another provider’s reasoning signature in encrypted_content and reads it back, off the native path', () => {
    const signed: ChatResponseV1 = {
      ...answer,
      content: [
        { type: 'reasoning', text: 'Signed thought.', signature: 'sig-anthropic' },
        { type: 'reasoning', text: '', redactedData: 'opaque-data' },
        { type: 'reasoning', text: 'Google thought.', providerOptions: { google: { thoughtSignature: 'sig-google' } } },
      ],
    };
    const output = (codec.encodeResponse(signed, contextOf({})) as { output: Record<string, unknown>[] }).output;
    expect(output[0]!['encrypted_content']).toMatch(/^modelgate-reasoning\.v1:/);
    expect(output[1]).toMatchObject({ summary: [] });
    const next = codec.decode({ model: 'smart', input: [...output, { role: 'user', content: 'Go on.' }] });
    expect(next.native).toBeUndefined();
    expect(next.request.messages[0]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'reasoning',
          text: 'Signed thought.',
          signature: 'sig-anthropic',
          providerOptions: { openai: { itemId: output[0]!['id'] } },
        },
        { type: 'reasoning', text: '', redactedData: 'opaque-data', providerOptions: { openai: { itemId: output[1]!['id'] } } },
        {
          type: 'reasoning',
          text: 'Google thought.',
          providerOptions: { google: { thoughtSignature: 'sig-google' }, openai: { itemId: output[2]!['id'] } },
        },
      ],
    });
    // OpenAI's own encrypted content is passed through as it is, and the request may still go natively.
    const openAIReasoning = codec.decode({
      model: 'smart',
      input: [{ type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA-openai' }],
    });
    expect(openAIReasoning.native).toBeDefined();
    expect(openAIReasoning.request.messages[0]!.content[0]).toMatchObject({
      providerOptions: { openai: { encryptedContent: 'gAAAA-openai' } },
    });
  });

  it.each([
    ['length', 'max_output_tokens'],
    ['content-filter', 'content_filter'],
  ] as const)('reports a %s stop as incomplete (%s)', (unified, reason) => {
    const encoded = codec.encodeResponse({ ...answer, finishReason: { unified } }, contextOf({})) as Record<string, unknown>;
    expect(encoded['status']).toBe('incomplete');
    expect(encoded['incomplete_details']).toEqual({ reason });
  });

  it('hands a finished answer to onComplete unless store is false', () => {
    const completed: CompletedOpenAIResponse[] = [];
    const storing = createOpenAIResponsesCodec({ onComplete: (answer) => completed.push(answer) });
    const context = (store: boolean) => ({
      encoding: storing.decode({ model: 'smart', input: 'Hi.', store }).encoding,
      model: 'm',
      requestId: 'r',
    });
    storing.encodeResponse(answer, context(false));
    expect(completed).toHaveLength(0);
    storing.encodeResponse(answer, context(true));
    expect(completed).toHaveLength(1);
    expect(completed[0]!.content).toBe(answer.content);
  });
});

describe('the Responses stream encoder', () => {
  function encode(parts: ChatStreamPartV1[], onComplete?: (answer: CompletedOpenAIResponse) => void): Event[] {
    const storing = createOpenAIResponsesCodec(onComplete === undefined ? {} : { onComplete });
    const context = { encoding: storing.decode({ model: 'smart', input: 'Hi.' }).encoding, model: 'gpt-test', requestId: 'r' };
    const encoder = storing.createStreamEncoder(context);
    expect(encoder.contentType).toMatch(/^text\/event-stream/);
    return eventsOf(parts.map((part) => encoder.part(part)).join(''));
  }

  it('streams text, reasoning and two interleaved tool calls as items in order, numbered from 0', () => {
    const completed: CompletedOpenAIResponse[] = [];
    const events = encode(
      [
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', model: 'gpt-up' },
        { type: 'reasoning-start', id: 'r' },
        { type: 'reasoning-delta', id: 'r', delta: 'Think' },
        { type: 'reasoning-delta', id: 'r', delta: 'ing.' },
        { type: 'reasoning-signature', id: 'r', signature: 'sig' },
        { type: 'reasoning-end', id: 'r' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Hel' },
        { type: 'text-delta', id: 't', delta: 'lo.' },
        { type: 'text-end', id: 't' },
        { type: 'tool-input-start', id: 'call_a', toolName: 'one' },
        { type: 'tool-input-start', id: 'call_b', toolName: 'two' },
        { type: 'tool-input-delta', id: 'call_a', delta: '{"x":' },
        { type: 'tool-input-delta', id: 'call_b', delta: '{}' },
        { type: 'tool-input-delta', id: 'call_a', delta: '1}' },
        { type: 'tool-input-end', id: 'call_a' },
        { type: 'tool-call', toolCallId: 'call_a', toolName: 'one', input: '{"x":1}' },
        { type: 'tool-input-end', id: 'call_b' },
        { type: 'tool-call', toolCallId: 'call_b', toolName: 'two', input: '{}' },
        { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 } },
      ],
      (answer) => completed.push(answer),
    );
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const created = events[0]!['response'] as Record<string, unknown>;
    expect(created).toMatchObject({ object: 'response', status: 'in_progress', model: 'gpt-up', output: [] });
    const argumentDeltas = events.filter((event) => event.type === 'response.function_call_arguments.delta');
    expect(argumentDeltas.map((event) => [event['output_index'], event['delta']])).toEqual([
      [2, '{"x":'],
      [3, '{}'],
      [2, '1}'],
    ]);
    const final = events.at(-1)!['response'] as { id: string; status: string; output: Record<string, unknown>[]; usage: unknown };
    expect(final.id).toBe(created['id']);
    expect(final.status).toBe('completed');
    expect(final.output.map((item) => item['type'])).toEqual(['reasoning', 'message', 'function_call', 'function_call']);
    expect(final.output[0]).toMatchObject({ summary: [{ type: 'summary_text', text: 'Thinking.' }], status: 'completed' });
    expect(final.output[1]).toMatchObject({ content: [{ type: 'output_text', text: 'Hello.' }] });
    expect(final.output[2]).toMatchObject({ call_id: 'call_a', arguments: '{"x":1}', status: 'completed' });
    expect(final.usage).toMatchObject({ input_tokens: 3, output_tokens: 4, total_tokens: 7 });
    // What a later turn continues from: the canonical content, signature included.
    expect(completed).toHaveLength(1);
    expect(completed[0]!.content).toEqual([
      { type: 'reasoning', text: 'Thinking.', signature: 'sig' },
      { type: 'text', text: 'Hello.' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'one', input: '{"x":1}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'two', input: '{}' },
    ]);
  });

  it("sends what the argument deltas left out, so that they always add up to .done's arguments", () => {
    const events = encode([
      // Deltas that fall short of the final input (a backend that repaired it), and a call that came whole.
      { type: 'tool-input-start', id: 'call_a', toolName: 'one' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"city":"Par' },
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'one', input: '{"city":"Paris"}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'two', input: '{"n":2}' },
      { type: 'finish', finishReason: { unified: 'tool-calls' } },
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
    for (const done of events.filter((event) => event.type === 'response.function_call_arguments.done')) {
      const deltas = events.filter(
        (event) => event.type === 'response.function_call_arguments.delta' && event['item_id'] === done['item_id'],
      );
      expect(deltas.map((event) => event['delta']).join('')).toBe(done['arguments']);
    }
    expect(events.filter((event) => event.type === 'response.function_call_arguments.done').map((event) => event['arguments'])).toEqual([
      '{"city":"Paris"}',
      '{"n":2}',
    ]);
  });

  it('closes blocks still open at the finish and reports a length stop as response.incomplete', () => {
    const events = encode([
      { type: 'text-delta', id: 't', delta: 'Cut' },
      { type: 'finish', finishReason: { unified: 'length' } },
    ]);
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.incomplete',
    ]);
    expect(events.at(-1)!['response']).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
  });

  it('ends a failed stream with response.failed and stores nothing', () => {
    const completed: CompletedOpenAIResponse[] = [];
    const error = new UpstreamError('Upstream mock (m) failed.', { status: 502 });
    const events = encode(
      [
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Part' },
        { type: 'error', error },
      ],
      (answer) => completed.push(answer),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'response.failed',
      response: { status: 'failed', error: { code: 'server_error', message: 'Upstream mock (m) failed.' } },
    });
    expect(events.map((event) => event.type)).not.toContain('response.completed');
    expect(completed).toHaveLength(0);
  });

  it('opens with response.created even when the first part is an error', () => {
    const encoder = codec.createStreamEncoder(contextOf({}));
    const events = eventsOf(encoder.error(new UpstreamError('Rate limited.', { status: 429 })));
    expect(events.map((event) => event.type)).toEqual(['response.created', 'response.in_progress', 'response.failed']);
    expect(events[2]!['response']).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
  });

  it('forwards native events untouched and numbers its own failure after them', () => {
    const completed: CompletedOpenAIResponse[] = [];
    const storing = createOpenAIResponsesCodec({ onComplete: (answer) => completed.push(answer) });
    const encoder = storing.createStreamEncoder({
      encoding: storing.decode({ model: 'smart', input: 'Hi.' }).encoding,
      model: 'm',
      requestId: 'r',
    });
    const created =
      '{"type":"response.created","sequence_number":0,"response":{"id":"resp_up","object":"response","status":"in_progress","output":[]}}';
    const delta = '{"type":"response.output_text.delta","sequence_number":1,"delta":"Hi"}';
    let text = encoder.native({ type: 'event', event: 'response.created', data: created });
    text += encoder.native({ type: 'events', event: 'response.output_text.delta', data: [delta, delta] });
    expect(text).toBe(
      `event: response.created\ndata: ${created}\n\nevent: response.output_text.delta\ndata: ${delta}\n\nevent: response.output_text.delta\ndata: ${delta}\n\n`,
    );
    const failed = eventsOf(encoder.error(new UpstreamError('Dropped.')));
    expect(failed).toEqual([
      expect.objectContaining({
        type: 'response.failed',
        sequence_number: 3,
        response: expect.objectContaining({ id: 'resp_up', status: 'failed' }),
      }),
    ]);
    const done = '{"type":"response.completed","sequence_number":2,"response":{"id":"resp_up","status":"completed","output":[]}}';
    encoder.native({ type: 'event', event: 'response.completed', data: done });
    expect(completed.map((answer) => answer.response.id)).toEqual(['resp_up']);
    expect(encoder.native({ type: 'finish', finishReason: { unified: 'stop' } })).toBe('');
  });
});

describe('reading an upstream response object', () => {
  it('reads the finish and usage the gateway accounts for', () => {
    expect(
      readOpenAIResponsesOutcome({
        status: 'completed',
        output: [{ type: 'function_call' }],
        usage: {
          input_tokens: 5,
          output_tokens: 2,
          total_tokens: 7,
          input_tokens_details: { cached_tokens: 1 },
          output_tokens_details: { reasoning_tokens: 0 },
        },
      }),
    ).toEqual({
      finishReason: { unified: 'tool-calls', raw: 'completed' },
      usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7, cacheReadTokens: 1, reasoningTokens: 0 },
    });
    expect(
      readOpenAIResponsesOutcome({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } }).finishReason.unified,
    ).toBe('content-filter');
    expect(readOpenAIResponsesOutcome({ status: 'failed' }).finishReason.unified).toBe('error');
  });
});

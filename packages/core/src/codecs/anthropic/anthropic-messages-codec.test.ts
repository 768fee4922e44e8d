import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { ModelgateError } from '../../errors/modelgate-error.js';
import { RateLimitError } from '../../errors/rate-limit-error.js';
import { UnsupportedError } from '../../errors/unsupported-error.js';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { ChatResponseV1 } from '../../specification/chat/chat-response-v1.js';
import { anthropicErrorType } from './anthropic-error-body.js';
import { anthropicMessagesCodec, decodeAnthropicCountTokensRequest } from './anthropic-messages-codec.js';

const context = { encoding: {}, model: 'deployment-model', requestId: 'req-1' };

function decodeError(body: unknown): InvalidRequestError {
  try {
    anthropicMessagesCodec.decode(body).request;
  } catch (error) {
    if (InvalidRequestError.isInstance(error) || UnsupportedError.isInstance(error)) return error as InvalidRequestError;
    throw error;
  }
  throw new Error('decode accepted the body');
}

const base = { model: 'claude', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

describe('Anthropic Messages codec: decode', () => {
  it('decodes every block type, system blocks and settings into the canonical request', () => {
    const body = {
      model: 'claude',
      max_tokens: 2048,
      stream: true,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      stop_sequences: ['END'],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 40,
      metadata: { user_id: 'user-7' },
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      tools: [{ name: 'weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      service_tier: 'auto',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look:', cache_control: { type: 'ephemeral' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0' }, title: 'a.pdf' },
            { type: 'document', source: { type: 'url', url: 'https://example.com/b.pdf' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain words' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'First.', signature: 'sig-1' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'text', text: 'Calling.' },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Lisbon' } },
            { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'Porto' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_2',
              is_error: true,
              content: [
                { type: 'text', text: 'Failed:' },
                { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } },
              ],
            },
            { type: 'text', text: 'And now?' },
          ],
        },
      ],
    };
    const decoded = anthropicMessagesCodec.decode(body);
    expect(decoded.stream).toBe(true);
    expect(decoded.model).toBe('claude');
    expect(decoded.native).toEqual({ format: 'anthropic-messages', body });
    expect(decoded.request).toEqual({
      model: 'claude',
      maxOutputTokens: 2048,
      temperature: 0.5,
      topP: 0.9,
      topK: 40,
      stopSequences: ['END'],
      user: 'user-7',
      reasoning: { budgetTokens: 1024 },
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      tools: [
        {
          type: 'function',
          name: 'weather',
          description: 'Weather',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      providerOptions: { anthropic: { service_tier: 'auto' } },
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.', cacheControl: { type: 'ephemeral', ttl: '1h' } }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look:', cacheControl: { type: 'ephemeral' } },
            { type: 'image', source: { type: 'data', data: 'iVBORw0K' }, mediaType: 'image/png' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'file', source: { type: 'data', data: 'JVBERi0' }, mediaType: 'application/pdf', filename: 'a.pdf' },
            { type: 'file', source: { type: 'url', url: 'https://example.com/b.pdf' }, mediaType: 'application/pdf' },
            { type: 'file', source: { type: 'data', data: Buffer.from('plain words').toString('base64') }, mediaType: 'text/plain' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'First.', signature: 'sig-1' },
            { type: 'reasoning', text: '', redactedData: 'opaque' },
            { type: 'text', text: 'Calling.' },
            { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'weather', input: '{"city":"Lisbon"}' },
            { type: 'tool-call', toolCallId: 'toolu_2', toolName: 'weather', input: '{"city":"Porto"}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'toolu_1', toolName: 'weather', output: { type: 'text', value: 'Sunny' } },
            {
              type: 'tool-result',
              toolCallId: 'toolu_2',
              toolName: 'weather',
              isError: true,
              output: {
                type: 'content',
                value: [
                  { type: 'text', text: 'Failed:' },
                  { type: 'image', source: { type: 'data', data: '/9j/' }, mediaType: 'image/jpeg' },
                ],
              },
            },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'And now?' }] },
      ],
    });
  });

  it('maps every tool_choice form', () => {
    const choice = (tool_choice: unknown) => anthropicMessagesCodec.decode({ ...base, tool_choice }).request;
    expect(choice({ type: 'auto' }).toolChoice).toEqual({ type: 'auto' });
    expect(choice({ type: 'auto', disable_parallel_tool_use: true })).toMatchObject({
      toolChoice: { type: 'auto' },
      parallelToolCalls: false,
    });
    expect(choice({ type: 'none' }).toolChoice).toEqual({ type: 'none' });
    expect(choice({ type: 'tool', name: 'weather' }).toolChoice).toEqual({ type: 'tool', toolName: 'weather' });
    expect(choice({ type: 'any' }).parallelToolCalls).toBeUndefined();
  });

  it('keeps Anthropic-only settings under providerOptions.anthropic, by their wire names', () => {
    const { request } = anthropicMessagesCodec.decode({
      ...base,
      thinking: { type: 'adaptive' },
      output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object' } } },
      context_management: { edits: [] },
    });
    expect(request.reasoning).toEqual({ effort: 'low' });
    expect(request.responseFormat).toEqual({ type: 'json-schema', schema: { type: 'object' } });
    expect(request.providerOptions).toEqual({ anthropic: { thinking: { type: 'adaptive' }, context_management: { edits: [] } } });
  });

  it('refuses what Anthropic refuses, naming the field', () => {
    const { max_tokens: _dropped, ...withoutMax } = base;
    expect(decodeError(withoutMax).param).toBe('max_tokens');
    expect(decodeError({ ...base, messages: [] }).param).toBe('messages');
    expect(decodeError({ ...base, messages: [{ role: 'system', content: 'x' }] }).param).toBe('messages[0].role');
    expect(decodeError({ ...base, messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] }).param).toMatch(
      /^messages\[0\]\.content(\[0\](\.type)?)?$/,
    );
    expect(
      decodeError({ ...base, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b', input: {} }] }] }).param,
    ).toBe('messages[0].content[0].type');
    expect(decodeError({ ...base, messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }] }] }).param).toBe(
      'messages[0].content[0].signature',
    );
    expect(decodeError({ ...base, temperature: 1.5 }).param).toBe('temperature');
    expect(decodeError({ ...base, tools: [{ name: 'weather' }] }).param).toBe('tools[0].input_schema');
    expect(decodeError({ ...base, tool_choice: { type: 'required' } }).param).toMatch(/^tool_choice/);
    expect(decodeError({ ...base, thinking: { type: 'enabled', budget_tokens: 4096 } }).param).toBe('thinking.budget_tokens');
    expect(
      decodeError({
        ...base,
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'x' } }] }],
      }).param,
    ).toBe('messages[0].content[0].source.media_type');
    expect(decodeError('not an object').message).toMatch(/JSON object/);
  });

  it('accepts a server tool only for native forwarding: the canonical request refuses it, naming the tool', () => {
    const decoded = anthropicMessagesCodec.decode({ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 2 }] });
    expect(decoded.native?.body.tools).toEqual([{ type: 'web_search_20250305', name: 'web_search', max_uses: 2 }]);
    const error = decodeError({ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] });
    expect(UnsupportedError.isInstance(error)).toBe(true);
    expect(error.param).toBe('tools[0].type');
    expect(error.message).toContain('web_search_20250305');
  });

  it('decodes count_tokens bodies without max_tokens', () => {
    const { request } = decodeAnthropicCountTokensRequest({ model: 'claude', system: 'S', messages: [{ role: 'user', content: 'Hi' }] });
    expect(request.maxOutputTokens).toBeUndefined();
    expect(request.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'S' }] },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ]);
  });
});

function response(overrides: Partial<ChatResponseV1> = {}): ChatResponseV1 {
  return {
    content: [{ type: 'text', text: 'Hello' }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 100, outputTokens: 20, totalTokens: 120, cacheReadTokens: 60, cacheWriteTokens: 10, reasoningTokens: 5 },
    metadata: { id: 'chatcmpl-1', model: 'gpt-4o-mini' },
    warnings: [],
    ...overrides,
  };
}

describe('Anthropic Messages codec: encode', () => {
  it('encodes the answer with blocks in order, thinking signed, and usage in Anthropic meaning', () => {
    const encoded = anthropicMessagesCodec.encodeResponse(
      response({
        content: [
          { type: 'reasoning', text: 'Hmm.', signature: 'sig' },
          { type: 'reasoning', text: '', redactedData: 'opaque' },
          { type: 'text', text: 'Calling.' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city":"Paris"}' },
          { type: 'tool-call', toolCallId: 'call_2', toolName: 'time', input: '' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      }),
      context,
    );
    expect(encoded).toEqual({
      id: 'msg_req1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4o-mini',
      content: [
        { type: 'thinking', thinking: 'Hmm.', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Calling.' },
        { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_2', name: 'time', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      // 100 input tokens of which 60 read from cache and 10 written to it.
      usage: { input_tokens: 30, output_tokens: 20, cache_creation_input_tokens: 10, cache_read_input_tokens: 60 },
    });
  });

  it('maps stop reasons: the raw one from an Anthropic backend, else the unified one', () => {
    const stop = (finishReason: ChatResponseV1['finishReason'], providerMetadata?: ChatResponseV1['providerMetadata']) => {
      const encoded = anthropicMessagesCodec.encodeResponse(
        response({ finishReason, ...(providerMetadata ? { providerMetadata } : {}) }),
        context,
      ) as {
        stop_reason: string;
        stop_sequence: string | null;
      };
      return [encoded.stop_reason, encoded.stop_sequence];
    };
    expect(stop({ unified: 'stop', raw: 'stop' })).toEqual(['end_turn', null]);
    expect(stop({ unified: 'length', raw: 'length' })).toEqual(['max_tokens', null]);
    expect(stop({ unified: 'content-filter', raw: 'content_filter' })).toEqual(['refusal', null]);
    expect(stop({ unified: 'length', raw: 'MAX_TOKENS' })).toEqual(['max_tokens', null]);
    expect(stop({ unified: 'stop', raw: 'pause_turn' })).toEqual(['pause_turn', null]);
    expect(stop({ unified: 'length', raw: 'model_context_window_exceeded' })).toEqual(['model_context_window_exceeded', null]);
    expect(stop({ unified: 'stop', raw: 'stop_sequence' }, { anthropic: { stopSequence: 'END' } })).toEqual(['stop_sequence', 'END']);
    expect(stop({ unified: 'other' })).toEqual(['end_turn', null]);
  });

  it('keeps an Anthropic message id and reports the deployment model when the provider named none', () => {
    const encoded = anthropicMessagesCodec.encodeResponse(response({ metadata: { id: 'msg_01abc' }, usage: undefined }), context) as Record<
      string,
      unknown
    >;
    expect(encoded.id).toBe('msg_01abc');
    expect(encoded.model).toBe('deployment-model');
    expect(encoded.usage).toEqual({ input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('gives every error Anthropic’s body and type for its status', () => {
    const cases: Array<[unknown, number, string]> = [
      [new InvalidRequestError('bad', { param: 'x' }), 400, 'invalid_request_error'],
      [new UpstreamError('down', { upstreamStatus: 503 }), 503, 'overloaded_error'],
      [new UpstreamError('overloaded', { upstreamStatus: 529 }), 503, 'overloaded_error'],
      [new UpstreamError('gone', {}), 502, 'api_error'],
      [new RateLimitError('slow down', { retryAfterMs: 2000 }), 429, 'rate_limit_error'],
      [new Error('secret internals'), 500, 'api_error'],
    ];
    for (const [error, status, type] of cases) {
      const encoded = anthropicMessagesCodec.encodeError(error);
      expect(encoded.status).toBe(status);
      expect(encoded.body).toMatchObject({ type: 'error', error: { type } });
    }
    expect(JSON.stringify(anthropicMessagesCodec.encodeError(new Error('secret internals')).body)).not.toContain('secret');
    expect(anthropicMessagesCodec.encodeError(new RateLimitError('slow down', { retryAfterMs: 2000 })).headers).toEqual({
      'retry-after': '2',
    });
    const statuses = [400, 401, 402, 403, 404, 409, 413, 415, 422, 429, 500, 502, 503, 504, 529];
    expect(statuses.map(anthropicErrorType)).toEqual([
      'invalid_request_error',
      'authentication_error',
      'billing_error',
      'permission_error',
      'not_found_error',
      'conflict_error',
      'request_too_large',
      'invalid_request_error',
      'invalid_request_error',
      'rate_limit_error',
      'api_error',
      'api_error',
      'overloaded_error',
      'timeout_error',
      'overloaded_error',
    ]);
    expect(ModelgateError.isInstance(new InvalidRequestError('x'))).toBe(true);
  });
});

describe('Anthropic Messages codec: round trip', () => {
  const block = fc.oneof(
    fc.record({ type: fc.constant('text' as const), text: fc.string({ minLength: 1 }) }),
    fc.record({ type: fc.constant('thinking' as const), thinking: fc.string(), signature: fc.string({ minLength: 1 }) }),
    fc.record({ type: fc.constant('redacted_thinking' as const), data: fc.string({ minLength: 1 }) }),
    fc.record({
      type: fc.constant('tool_use' as const),
      id: fc.string({ minLength: 1 }),
      name: fc.string({ minLength: 1 }),
      input: fc.dictionary(fc.string(), fc.jsonValue()),
    }),
  );

  it('gives back the assistant blocks it decoded, in order, when they are the answer', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), (blocks) => {
        const { request } = anthropicMessagesCodec.decode({
          ...base,
          messages: [...base.messages, { role: 'assistant', content: blocks }],
        });
        const assistant = request.messages.at(-1)!;
        expect(assistant.role).toBe('assistant');
        const encoded = anthropicMessagesCodec.encodeResponse(
          response({ content: assistant.content as ChatResponseV1['content'], finishReason: { unified: 'stop', raw: 'end_turn' } }),
          context,
        ) as { content: unknown[] };
        // JSON round trip: `-0` and `undefined` have no JSON form, as on the wire.
        expect(encoded.content).toEqual(JSON.parse(JSON.stringify(blocks)));
      }),
    );
  });
});

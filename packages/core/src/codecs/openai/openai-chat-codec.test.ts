import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { ChatStreamPartV1 } from '../../specification/chat/chat-stream-part-v1.js';
import { openAIChatCodec } from './openai-chat-codec.js';
import { openAIEmbeddingCodec } from './openai-embedding-codec.js';

const context = { encoding: { includeUsage: false }, model: 'deployment-model', requestId: 'req1' };

describe('OpenAI chat codec: decode', () => {
  it('decodes every message kind into ordered canonical parts', () => {
    const { request, stream, encoding, native } = openAIChatCodec.decode({
      model: 'smart',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look:' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K', detail: 'low' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
            { type: 'input_audio', input_audio: { data: 'UklGRg', format: 'wav' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0', filename: 'a.pdf' } },
            { type: 'file', file: { file_id: 'file-123' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Calling.',
          reasoning_content: 'ignored when blocks are given',
          thinking_blocks: [
            { type: 'thinking', thinking: 'First.', signature: 'sig-1' },
            { type: 'redacted_thinking', data: 'opaque' },
          ],
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city": "Lisbon"}' } },
            { id: 'call_2', type: 'function', function: { name: 'time', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '12:00' }] },
      ],
    });
    expect(stream).toBe(true);
    expect(encoding).toEqual({ includeUsage: true });
    expect(native?.format).toBe('openai-chat');
    expect(request.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          { type: 'image', source: { type: 'data', data: 'iVBORw0K' }, mediaType: 'image/png', detail: 'low' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          { type: 'file', source: { type: 'data', data: 'UklGRg' }, mediaType: 'audio/wav' },
          { type: 'file', source: { type: 'data', data: 'JVBERi0' }, mediaType: 'application/pdf', filename: 'a.pdf' },
          { type: 'file', source: { type: 'file-id', fileId: 'file-123' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'First.', signature: 'sig-1' },
          { type: 'reasoning', text: '', redactedData: 'opaque' },
          { type: 'text', text: 'Calling.' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city": "Lisbon"}' },
          { type: 'tool-call', toolCallId: 'call_2', toolName: 'time', input: '{}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', output: { type: 'text', value: 'sunny' } },
          { type: 'tool-result', toolCallId: 'call_2', toolName: 'time', output: { type: 'text', value: '12:00' } },
        ],
      },
    ]);
  });

  it('maps typed settings and keeps OpenAI-only fields under providerOptions.openai', () => {
    const { request } = openAIChatCodec.decode({
      model: 'smart',
      messages: [{ role: 'user', content: 'x' }],
      max_tokens: 10,
      max_completion_tokens: 20,
      temperature: 0.5,
      top_p: 0.9,
      stop: 'END',
      seed: 7,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
      reasoning_effort: 'high',
      logprobs: true,
      n: 2,
      guided_json: { type: 'object' },
      temperature_unused: null,
    });
    expect(request).toMatchObject({
      maxOutputTokens: 20,
      temperature: 0.5,
      topP: 0.9,
      stopSequences: ['END'],
      seed: 7,
      responseFormat: { type: 'json-schema', name: 'answer', schema: { type: 'object' }, strict: true },
      tools: [{ type: 'function', name: 'f', inputSchema: { type: 'object' } }],
      toolChoice: { type: 'tool', toolName: 'f' },
      parallelToolCalls: false,
      reasoning: { effort: 'high' },
    });
    expect(request.providerOptions).toEqual({
      openai: { logprobs: true, n: 2, guided_json: { type: 'object' }, temperature_unused: null },
    });
  });

  it('names the bad field in OpenAI terms', () => {
    const cases: [unknown, string][] = [
      [{ messages: [{ role: 'user', content: 'x' }] }, 'model'],
      [{ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
      [{ model: 'm', messages: [{ role: 'user', content: [{ type: 'file', file: {} }] }] }, 'messages[0].content[0].file'],
    ];
    for (const [body, param] of cases) {
      expect(() => openAIChatCodec.decode(body)).toThrow(expect.objectContaining({ param }));
      try {
        openAIChatCodec.decode(body);
      } catch (error) {
        expect(InvalidRequestError.isInstance(error)).toBe(true);
      }
    }
  });
});

describe('OpenAI chat codec: encode', () => {
  it('encodes an answer with reasoning blocks, tool calls and usage', () => {
    const completion = openAIChatCodec.encodeResponse(
      {
        content: [
          { type: 'reasoning', text: 'Hmm.', signature: 'sig' },
          { type: 'text', text: 'Hi' },
          { type: 'tool-call', toolCallId: 'call_9', toolName: 'f', input: '{"a":1}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cacheReadTokens: 4, cacheWriteTokens: 2, reasoningTokens: 3 },
        metadata: { id: 'msg_1', created: 5 },
        warnings: [],
      },
      context,
    );
    expect(completion).toEqual({
      id: 'msg_1',
      object: 'chat.completion',
      created: 5,
      model: 'deployment-model',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Hi',
            refusal: null,
            reasoning_content: 'Hmm.',
            thinking_blocks: [{ type: 'thinking', thinking: 'Hmm.', signature: 'sig' }],
            tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 4, cache_write_tokens: 2 },
        completion_tokens_details: { reasoning_tokens: 3 },
      },
    });
  });

  it('streams tool calls with indexes 0 and 1, the usage chunk only when asked, [DONE] after a finish and none after an error', () => {
    const parts: ChatStreamPartV1[] = [
      { type: 'response-metadata', id: 'chatcmpl-x', model: 'm-2026' },
      { type: 'tool-input-start', id: 'toolu_a', toolName: 'a' },
      { type: 'tool-input-delta', id: 'toolu_a', delta: '{"x":' },
      { type: 'tool-call', toolCallId: 'toolu_b', toolName: 'b', input: '{}' },
      { type: 'tool-input-delta', id: 'toolu_a', delta: '1}' },
      { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } },
    ];
    for (const includeUsage of [false, true]) {
      const encoder = openAIChatCodec.createStreamEncoder({ ...context, encoding: { includeUsage } });
      const text = parts.map((part) => encoder.part(part)).join('');
      const events = text.split('\n\n').filter(Boolean);
      expect(events.at(-1)).toBe('data: [DONE]');
      const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice('data: '.length)));
      expect(chunks[0].choices[0].delta).toEqual({
        role: 'assistant',
        tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'a', arguments: '' } }],
      });
      expect(chunks[0].model).toBe('m-2026');
      expect(
        chunks
          .flatMap((chunk) =>
            chunk.choices.flatMap((choice: { delta: { tool_calls?: { index: number }[] } }) => choice.delta.tool_calls ?? []),
          )
          .map((call: { index: number }) => call.index),
      ).toEqual([0, 0, 1, 0]);
      expect(chunks.some((chunk) => chunk.choices.length === 0 && chunk.usage?.total_tokens === 3)).toBe(includeUsage);
    }
    const encoder = openAIChatCodec.createStreamEncoder(context);
    const failed = encoder.part({ type: 'error', error: new UpstreamError('Upstream dropped the connection.', { isRetryable: false }) });
    expect(failed).toMatch(/^data: \{"error":\{"message":"Upstream dropped the connection\."/);
    expect(failed).not.toContain('[DONE]');
  });

  it('forwards native events as they came, holding back the usage-only one unless asked', () => {
    const encoder = openAIChatCodec.createStreamEncoder(context);
    expect(encoder.native({ type: 'event', data: '{"raw":1}' })).toBe('data: {"raw":1}\n\n');
    expect(encoder.native({ type: 'event', data: '{"usage":{}}', usageOnly: true })).toBe('');
    expect(encoder.native({ type: 'finish', finishReason: { unified: 'stop' } })).toBe('data: [DONE]\n\n');
    const asked = openAIChatCodec.createStreamEncoder({ ...context, encoding: { includeUsage: true } });
    expect(asked.native({ type: 'event', data: '{"usage":{}}', usageOnly: true })).toBe('data: {"usage":{}}\n\n');
  });

  it('forwards a run of native events as one event each, in order', () => {
    const encoder = openAIChatCodec.createStreamEncoder(context);
    expect(encoder.native({ type: 'events', data: ['{"a":1}', '{"b":2}', '{"c":3}'] })).toBe(
      'data: {"a":1}\n\ndata: {"b":2}\n\ndata: {"c":3}\n\n',
    );
    expect(encoder.native({ type: 'events', data: ['{"a":1}'] })).toBe('data: {"a":1}\n\n');
  });
});

describe('OpenAI embeddings codec', () => {
  it('decodes inputs to values and encodes floats or base64 float32', () => {
    expect(openAIEmbeddingCodec.decode({ model: 'e', input: 'one' }).request.values).toEqual(['one']);
    expect(openAIEmbeddingCodec.decode({ model: 'e', input: [1, 2, 3] }).request.values).toEqual([[1, 2, 3]]);
    const { encoding } = openAIEmbeddingCodec.decode({ model: 'e', input: ['a', 'b'], encoding_format: 'base64' });
    const body = openAIEmbeddingCodec.encodeResponse({ embeddings: [[0.5, -1]], usage: { inputTokens: 2 } }, { ...context, encoding }) as {
      data: { embedding: string }[];
    };
    const bytes = Buffer.from(body.data[0]!.embedding, 'base64');
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([0.5, -1]);
  });
});

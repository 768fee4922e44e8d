import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { RateLimitError } from '../../errors/rate-limit-error.js';
import type { ChatResponseV1 } from '../../specification/chat/chat-response-v1.js';
import { decodeGeminiCountTokensRequest, geminiBatchEmbedContentsCodec, geminiCodec } from './gemini-codec.js';
import { geminiErrorBodyOf } from './gemini-error-body.js';

const context = { encoding: { framing: 'sse' as const }, model: 'smart', requestId: 'request-1' };

function decode(body: Record<string, unknown>) {
  return geminiCodec.decode({ model: 'smart', ...body });
}

function rejection(body: Record<string, unknown>): InvalidRequestError {
  try {
    decode(body).request;
  } catch (error) {
    return error as InvalidRequestError;
  }
  throw new Error('expected a rejection');
}

describe('geminiCodec.decode', () => {
  it('maps contents, system instruction and generation settings to the canonical request', () => {
    const decoded = decode({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Look:' },
            { inlineData: { mimeType: 'image/png', data: 'aGk=' } },
            { fileData: { mimeType: 'application/pdf', fileUri: 'https://example.com/a.pdf' } },
          ],
        },
      ],
      generationConfig: {
        temperature: 0.5,
        topP: 0.9,
        topK: 40,
        maxOutputTokens: 100,
        stopSequences: ['END'],
        seed: 7,
        presencePenalty: 0.1,
        frequencyPenalty: 0.2,
        responseMimeType: 'application/json',
        responseSchema: { type: 'OBJECT', properties: { name: { type: 'STRING' } } },
        thinkingConfig: { thinkingBudget: 512, includeThoughts: true },
      },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
    });
    expect(decoded.stream).toBe(false);
    expect(decoded.native?.format).toBe('gemini');
    expect(decoded.request).toEqual({
      model: 'smart',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look:' },
            { type: 'image', source: { type: 'data', data: 'aGk=' }, mediaType: 'image/png' },
            { type: 'file', source: { type: 'url', url: 'https://example.com/a.pdf' }, mediaType: 'application/pdf' },
          ],
        },
      ],
      temperature: 0.5,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 100,
      stopSequences: ['END'],
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      responseFormat: { type: 'json-schema', schema: { type: 'object', properties: { name: { type: 'string' } } } },
      reasoning: { budgetTokens: 512 },
      providerOptions: {
        google: {
          thinkingConfig: { includeThoughts: true },
          safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        },
      },
    });
  });

  it('gives function calls without ids deterministic ids and pairs responses by id, else by name in order', () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: 'Go.' }] },
        {
          role: 'model',
          parts: [
            { thought: true, text: 'Thinking.', thoughtSignature: 'sig-1' },
            { functionCall: { name: 'a', args: { x: 1 } }, thoughtSignature: 'sig-2' },
            { functionCall: { name: 'a', args: { x: 2 } } },
            { functionCall: { id: 'given', name: 'b' } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { id: 'given', name: 'b', response: { ok: true } } },
            { functionResponse: { name: 'a', response: { result: 1 } } },
            { functionResponse: { name: 'a', response: { result: 2 } } },
          ],
        },
      ],
    };
    const first = decode(body).request;
    expect(decode(body).request).toEqual(first);
    expect(first.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Thinking.', signature: 'sig-1', providerOptions: { google: { thoughtSignature: 'sig-1' } } },
        {
          type: 'tool-call',
          toolCallId: 'call_1_1',
          toolName: 'a',
          input: '{"x":1}',
          providerOptions: { google: { thoughtSignature: 'sig-2' } },
        },
        { type: 'tool-call', toolCallId: 'call_1_2', toolName: 'a', input: '{"x":2}' },
        { type: 'tool-call', toolCallId: 'given', toolName: 'b', input: '{}' },
      ],
    });
    expect(first.messages[2]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'given', toolName: 'b', output: { type: 'json', value: { ok: true } } },
        { type: 'tool-result', toolCallId: 'call_1_1', toolName: 'a', output: { type: 'json', value: { result: 1 } } },
        { type: 'tool-result', toolCallId: 'call_1_2', toolName: 'a', output: { type: 'json', value: { result: 2 } } },
      ],
    });
  });

  it('takes a streamed answer sent back chunk by chunk as one turn, its thoughts joined under their signature', () => {
    const decoded = decode({
      contents: [
        { role: 'user', parts: [{ text: 'Hi?' }] },
        { role: 'model', parts: [{ text: 'Let me ', thought: true }] },
        { role: 'model', parts: [{ text: 'think.', thought: true }] },
        { role: 'model', parts: [{ text: '', thought: true, thoughtSignature: 'sig-1' }] },
        { role: 'model', parts: [{ text: 'Hel' }] },
        { role: 'model', parts: [{ text: 'lo.' }] },
        { role: 'model', parts: [{ text: '', thoughtSignature: 'sig-2' }] },
        { role: 'model', parts: [{ text: '' }] },
        { role: 'user', parts: [{ text: 'More?' }] },
      ],
    }).request;
    expect(decoded.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Let me think.', signature: 'sig-1', providerOptions: { google: { thoughtSignature: 'sig-1' } } },
          { type: 'text', text: 'Hel' },
          { type: 'text', text: 'lo.' },
          { type: 'text', text: '', providerOptions: { google: { thoughtSignature: 'sig-2' } } },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'More?' }] },
    ]);
  });

  it('maps tools and functionCallingConfig modes', () => {
    const tools = [{ functionDeclarations: [{ name: 'a', parameters: { type: 'OBJECT', properties: {} } }, { name: 'b' }] }];
    const contents = [{ parts: [{ text: 'Go.' }] }];
    const any = decode({ contents, tools, toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['b'] } } }).request;
    expect(any.tools).toEqual([{ type: 'function', name: 'b', inputSchema: { type: 'object', properties: {} } }]);
    expect(any.toolChoice).toEqual({ type: 'tool', toolName: 'b' });
    expect(decode({ contents, tools, toolConfig: { functionCallingConfig: { mode: 'ANY' } } }).request.toolChoice).toEqual({
      type: 'required',
    });
    expect(decode({ contents, tools, toolConfig: { functionCallingConfig: { mode: 'NONE' } } }).request.toolChoice).toEqual({
      type: 'none',
    });
    expect(decode({ contents, tools, toolConfig: { functionCallingConfig: { mode: 'AUTO' } } }).request.toolChoice).toEqual({
      type: 'auto',
    });
    expect(decode({ contents, tools }).request.tools![0]!.inputSchema).toEqual({ type: 'object', properties: {} });
  });

  it('refuses bad input with a 400 naming the field', () => {
    const contents = [{ parts: [{ text: 'Go.' }] }];
    expect(rejection({ contents, generationConfig: { candidateCount: 2 } }).param).toBe('generationConfig.candidateCount');
    expect(rejection({ contents: [{ role: 'system', parts: [{ text: 'x' }] }] }).param).toBe('contents[0].role');
    expect(rejection({ contents: [{ parts: [{ text: 'x', inlineData: { mimeType: 'image/png', data: '' } }] }] }).param).toBe(
      'contents[0].parts[0]',
    );
    expect(rejection({ contents: [{ parts: [{ functionResponse: { name: 'orphan', response: {} } }] }] }).param).toBe(
      'contents[0].parts[0].functionResponse.name',
    );
    expect(rejection({ contents, tools: [{ googleSearch: {} }] }).param).toBe('tools[0].googleSearch');
    expect(
      rejection({
        contents,
        tools: [{ functionDeclarations: [{ name: 'a' }] }],
        toolConfig: { functionCallingConfig: { allowedFunctionNames: ['z'] } },
      }).param,
    ).toBe('toolConfig.functionCallingConfig.allowedFunctionNames');
    expect(rejection({}).status).toBe(400);
  });

  it('decodes countTokens and batch embedding bodies', () => {
    expect(decodeGeminiCountTokensRequest({ model: 'smart', contents: [{ parts: [{ text: 'Hi' }] }] }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ]);
    const { request } = geminiBatchEmbedContentsCodec.decode({
      model: 'embed',
      requests: [
        { model: 'models/embed', content: { parts: [{ text: 'a' }] }, taskType: 'RETRIEVAL_QUERY', outputDimensionality: 8 },
        { content: { parts: [{ text: 'b' }, { text: 'c' }] } },
      ],
    });
    expect(request).toEqual({
      model: 'embed',
      values: ['a', 'b\nc'],
      dimensions: 8,
      providerOptions: { google: { taskType: 'RETRIEVAL_QUERY' } },
    });
    expect(() =>
      geminiBatchEmbedContentsCodec.decode({ model: 'embed', requests: [{ model: 'models/other', content: { parts: [{ text: 'a' }] } }] }),
    ).toThrow('requests[0].model');
  });
});

const answer: ChatResponseV1 = {
  content: [
    { type: 'reasoning', text: 'Hmm.', signature: 'sig' },
    { type: 'text', text: 'Calling.' },
    { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: '{"q":"x"}' },
  ],
  finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
  usage: { inputTokens: 30, outputTokens: 20, totalTokens: 50, reasoningTokens: 5, cacheReadTokens: 10 },
  metadata: { id: 'resp-9', model: 'gpt-4o-mini' },
  warnings: [],
};

describe('geminiCodec.encodeResponse', () => {
  it('writes the parts in order, STOP for a tool call, and usage with thoughts apart', () => {
    expect(geminiCodec.encodeResponse(answer, context)).toEqual({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Hmm.', thought: true, thoughtSignature: 'sig' },
              { text: 'Calling.' },
              { functionCall: { id: 'call_1', name: 'lookup', args: { q: 'x' } } },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 30,
        candidatesTokenCount: 15,
        thoughtsTokenCount: 5,
        cachedContentTokenCount: 10,
        totalTokenCount: 50,
      },
      modelVersion: 'gpt-4o-mini',
      responseId: 'resp-9',
    });
  });

  it('puts the signature of a Gemini backend on the thought and text parts it came with', () => {
    const signed: ChatResponseV1 = {
      ...answer,
      content: [
        { type: 'reasoning', text: 'Hmm.', providerOptions: { google: { thoughtSignature: 'thought-sig' } } },
        { type: 'text', text: 'Done.', providerOptions: { google: { thoughtSignature: 'text-sig' } } },
      ],
    };
    const encoded = geminiCodec.encodeResponse(signed, context) as { candidates: Array<{ content: { parts: unknown[] } }> };
    expect(encoded.candidates[0]!.content.parts).toEqual([
      { text: 'Hmm.', thought: true, thoughtSignature: 'thought-sig' },
      { text: 'Done.', thoughtSignature: 'text-sig' },
    ]);
  });

  it('maps the unified finish reasons', () => {
    const finish = (unified: ChatResponseV1['finishReason']['unified']) =>
      (geminiCodec.encodeResponse({ ...answer, finishReason: { unified } }, context) as { candidates: Array<{ finishReason: string }> })
        .candidates[0]!.finishReason;
    expect([finish('stop'), finish('length'), finish('content-filter'), finish('other'), finish('error')]).toEqual([
      'STOP',
      'MAX_TOKENS',
      'SAFETY',
      'OTHER',
      'OTHER',
    ]);
  });
});

describe('geminiErrorBodyOf', () => {
  it('writes Google error body with the status name for the code', () => {
    expect(geminiErrorBodyOf(new InvalidRequestError('bad'))).toMatchObject({
      status: 400,
      body: { error: { code: 400, message: 'bad', status: 'INVALID_ARGUMENT' } },
    });
    expect(geminiErrorBodyOf(new RateLimitError('slow down', { retryAfterMs: 2000 }))).toEqual({
      status: 429,
      body: { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } },
      headers: { 'retry-after': '2' },
    });
    expect(geminiErrorBodyOf(new Error('secret detail'))).toEqual({
      status: 500,
      body: { error: { code: 500, message: expect.not.stringContaining('secret') as unknown as string, status: 'INTERNAL' } },
      headers: {},
    });
  });
});

import type { OpenAIChatRequest } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { prepareOpenAICompatibleChatBody } from './prepare-openai-compatible-chat-body.js';

const request: OpenAIChatRequest = {
  model: 'smart',
  messages: [
    {
      role: 'system',
      content: [
        { type: 'text', text: 'Be brief.' },
        { type: 'text', text: 'Be kind.' },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image_url', image_url: { url: 'https://x/y.png' } },
      ],
    },
  ],
  max_completion_tokens: 50,
  store: true,
  parallel_tool_calls: true,
};

describe('prepareOpenAICompatibleChatBody', () => {
  it('replaces the model and forces stream + include_usage, without touching the request', () => {
    const { body } = prepareOpenAICompatibleChatBody(
      { ...request, stream_options: { include_usage: false } },
      { modelId: 'gpt-4.1', stream: true },
    );
    expect(body.model).toBe('gpt-4.1');
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(body.messages).toBe(request.messages);
    expect(request.model).toBe('smart');
  });

  it('removes stream fields for generate, and stream_options for hosts that reject it', () => {
    expect(
      prepareOpenAICompatibleChatBody({ ...request, stream: true, stream_options: {} }, { modelId: 'x', stream: false }).body,
    ).not.toHaveProperty('stream');
    const { body } = prepareOpenAICompatibleChatBody(request, { modelId: 'x', stream: true, quirks: { supportsStreamOptions: false } });
    expect(body.stream).toBe(true);
    expect(body).not.toHaveProperty('stream_options');
  });

  it('renames the token limit for hosts that want max_tokens, and the other way', () => {
    const legacy = prepareOpenAICompatibleChatBody(request, { modelId: 'x', stream: false, quirks: { maxTokensField: 'max_tokens' } }).body;
    expect(legacy.max_tokens).toBe(50);
    expect(legacy).not.toHaveProperty('max_completion_tokens');
    const modern = prepareOpenAICompatibleChatBody(
      { model: 'a', messages: [], max_tokens: 9 },
      { modelId: 'x', stream: false, quirks: { maxTokensField: 'max_completion_tokens' } },
    ).body;
    expect(modern).toMatchObject({ max_completion_tokens: 9 });
    expect(modern).not.toHaveProperty('max_tokens');
  });

  it('drops unsupported fields and reports them', () => {
    const prepared = prepareOpenAICompatibleChatBody(request, {
      modelId: 'x',
      stream: false,
      quirks: { unsupportedFields: ['store', 'logit_bias', 'parallel_tool_calls'] },
    });
    expect(prepared.droppedFields).toEqual(['store', 'parallel_tool_calls']);
    expect(prepared.body).not.toHaveProperty('store');
    expect(prepared.body).not.toHaveProperty('parallel_tool_calls');
  });

  it('flattens text-only content to a string, leaving image content and the original alone', () => {
    const { body } = prepareOpenAICompatibleChatBody(request, { modelId: 'x', stream: false, quirks: { contentAsString: true } });
    const messages = body.messages as OpenAIChatRequest['messages'];
    expect(messages[0]!.content).toBe('Be brief.\nBe kind.');
    expect(messages[1]).toBe(request.messages[1]);
    expect(Array.isArray(request.messages[0]!.content)).toBe(true);
  });
});

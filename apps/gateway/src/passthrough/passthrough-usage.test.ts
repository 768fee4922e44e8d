import { describe, expect, it } from 'vitest';
import { passthroughRequestModel, passthroughUsageOf } from './passthrough-usage.js';

describe('passthroughUsageOf', () => {
  it('reads OpenAI chat usage with its cached tokens', () => {
    expect(
      passthroughUsageOf({
        model: 'gpt-4o',
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 40 } },
      }),
    ).toEqual({ inputTokens: 100, outputTokens: 20, totalTokens: 120, cacheReadTokens: 40, model: 'gpt-4o' });
  });

  it('reads OpenAI Responses usage', () => {
    expect(
      passthroughUsageOf({ usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 2 } } }),
    ).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15,
      cacheReadTokens: 2,
    });
  });

  it('adds Anthropic cache counts back into the input', () => {
    expect(
      passthroughUsageOf({
        model: 'claude-sonnet-4-5',
        usage: { input_tokens: 50, output_tokens: 9, cache_read_input_tokens: 1000, cache_creation_input_tokens: 150 },
      }),
    ).toEqual({ inputTokens: 1200, outputTokens: 9, cacheReadTokens: 1000, cacheWriteTokens: 150, model: 'claude-sonnet-4-5' });
  });

  it('reads Gemini usageMetadata, thoughts counted as output', () => {
    expect(
      passthroughUsageOf({
        modelVersion: 'gemini-2.5-flash',
        usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 3, thoughtsTokenCount: 4, totalTokenCount: 14 },
      }),
    ).toEqual({ inputTokens: 7, outputTokens: 7, totalTokens: 14, model: 'gemini-2.5-flash' });
  });

  it('is undefined for an answer without usage', () => {
    expect(passthroughUsageOf({ data: [] })).toBeUndefined();
    expect(passthroughUsageOf([1, 2])).toBeUndefined();
    expect(passthroughUsageOf({ usage: { prompt_tokens: 'many' } })).toBeUndefined();
  });

  it('adds Bedrock Converse cache counts back into the input', () => {
    expect(
      passthroughUsageOf({
        output: { message: { role: 'assistant', content: [{ text: 'Hi' }] } },
        usage: { inputTokens: 12, outputTokens: 4, totalTokens: 216, cacheReadInputTokens: 150, cacheWriteInputTokens: 50 },
      }),
    ).toEqual({ inputTokens: 212, outputTokens: 4, totalTokens: 216, cacheReadTokens: 150, cacheWriteTokens: 50 });
  });

  it("reads Cohere's tokens, else its billed units", () => {
    expect(
      passthroughUsageOf({
        usage: { billed_units: { input_tokens: 5, output_tokens: 2 }, tokens: { input_tokens: 70, output_tokens: 2 } },
      }),
    ).toEqual({ inputTokens: 70, outputTokens: 2, totalTokens: 72 });
    expect(passthroughUsageOf({ usage: { billed_units: { input_tokens: 5, output_tokens: 2 } } })).toEqual({
      inputTokens: 5,
      outputTokens: 2,
      totalTokens: 7,
    });
  });
});

describe('passthroughRequestModel', () => {
  it("takes a JSON body's model, else Bedrock's model path", () => {
    const body = new TextEncoder().encode(JSON.stringify({ model: 'command-a-03-2025', messages: [] }));
    expect(passthroughRequestModel('/v2/chat', body)).toBe('command-a-03-2025');
    expect(passthroughRequestModel('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse', undefined)).toBe(
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(passthroughRequestModel('/v1/files', new TextEncoder().encode('not json'))).toBeUndefined();
  });
});

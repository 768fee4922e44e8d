import { describe, expect, it } from 'vitest';
import { OpenAICompatibleChunkNormalizer } from './openai-compatible-chunk-normalizer.js';

const envelope = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1700000000, model: 'm' };
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ ...envelope, choices, ...extra });

describe('OpenAICompatibleChunkNormalizer', () => {
  it('maps reasoning to reasoning_content and keeps reasoning_content as is', () => {
    const normalizer = new OpenAICompatibleChunkNormalizer('m');
    const first = normalizer.normalize(chunk([{ index: 0, delta: { reasoning: 'think', content: null }, finish_reason: null }]));
    expect(first?.choices[0]?.delta).toEqual({ reasoning_content: 'think', content: null });
    const second = normalizer.normalize(chunk([{ index: 0, delta: { reasoning_content: 'more', reasoning: null } }]));
    expect(second?.choices[0]?.delta).toEqual({ reasoning_content: 'more' });
    expect(second?.choices[0]?.finish_reason).toBeNull();
  });

  it('keeps the last usage seen, from a content chunk, in the canonical model, and owes a usage-only chunk at the end', () => {
    const normalizer = new OpenAICompatibleChunkNormalizer('m');
    normalizer.normalize(
      chunk([{ index: 0, delta: { content: 'hi' }, finish_reason: null }], {
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
    const last = normalizer.normalize(
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], {
        usage: {
          prompt_tokens: 5,
          completion_tokens: 3,
          total_tokens: 8,
          prompt_cache_hit_tokens: 4,
          completion_tokens_details: { reasoning_tokens: 1 },
        },
      }),
    );
    expect(last?.choices[0]?.finish_reason).toBe('stop');
    expect(normalizer.rawFinishReason).toBe('stop');
    expect(normalizer.usage).toEqual({ inputTokens: 5, outputTokens: 3, totalTokens: 8, cacheReadTokens: 4, reasoningTokens: 1 });
    const owed = normalizer.finish();
    expect(owed).toEqual([
      {
        id: 'chatcmpl-1',
        object: 'chat.completion.chunk',
        created: 1700000000,
        model: 'm',
        choices: [],
        usage: {
          prompt_tokens: 5,
          completion_tokens: 3,
          total_tokens: 8,
          prompt_tokens_details: { cached_tokens: 4 },
          completion_tokens_details: { reasoning_tokens: 1 },
        },
      },
    ]);
  });

  it('passes the upstream usage-only chunk on and then owes nothing', () => {
    const normalizer = new OpenAICompatibleChunkNormalizer('m');
    const usageChunk = normalizer.normalize(chunk([], { usage: { prompt_tokens: 2, completion_tokens: 3 } }));
    // The chunk keeps the host's own usage; the canonical one fills in the total.
    expect(usageChunk).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 3 } });
    expect(normalizer.usage).toEqual({ inputTokens: 2, outputTokens: 3, totalTokens: 5 });
    expect(normalizer.finish()).toEqual([]);
  });

  it('drops chunks with nothing in them (Azure prompt filter results, buffered tool deltas)', () => {
    const normalizer = new OpenAICompatibleChunkNormalizer('m');
    expect(normalizer.normalize(chunk([], { prompt_filter_results: [] }))).toBeUndefined();
    expect(
      normalizer.normalize(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'c', function: { arguments: '{' } }] } }])),
    ).toBeUndefined();
    expect(normalizer.normalize('nonsense')).toBeUndefined();
  });

  it('turns stop into tool_calls after a tool call, and flushes buffered calls on the finishing chunk', () => {
    const normalizer = new OpenAICompatibleChunkNormalizer('m');
    const started = normalizer.normalize(chunk([{ delta: { tool_calls: [{ function: { name: 'f', arguments: '{}' } }] } }]));
    expect(started).toBeUndefined();
    expect(normalizer.hasToolCalls).toBe(false);
    const finished = normalizer.normalize(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
    expect(finished?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(normalizer.rawFinishReason).toBe('stop');
    expect(normalizer.hasToolCalls).toBe(true);
    expect(finished?.choices[0]?.delta.tool_calls).toEqual([
      { index: 0, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'f', arguments: '{}' } },
    ]);
  });

  it('keeps tool calls of several choices apart (n > 1) and maps odd finish reasons', () => {
    const normalizer = new OpenAICompatibleChunkNormalizer('m');
    const out = normalizer.normalize(
      chunk([
        { index: 0, delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '' } }] } },
        { index: 1, delta: { tool_calls: [{ index: 0, id: 'b', function: { name: 'g', arguments: '' } }] } },
      ]),
    );
    expect(out?.choices.map((choice) => choice.delta.tool_calls?.[0]?.index)).toEqual([0, 0]);
    const end = normalizer.normalize(chunk([{ index: 1, delta: {}, finish_reason: 'eos' }]));
    expect(end?.choices[0]).toMatchObject({ index: 1, finish_reason: 'tool_calls' });
    // Only choice 0 sets what the gateway accounts for.
    expect(normalizer.rawFinishReason).toBeUndefined();
    const first = normalizer.normalize(chunk([{ index: 0, delta: {}, finish_reason: 'MAX_TOKENS' }]));
    expect(first?.choices[0]).toMatchObject({ index: 0, finish_reason: 'length' });
    expect(normalizer.rawFinishReason).toBe('MAX_TOKENS');
  });

  it('fills a missing envelope and reads Groq x_groq usage', () => {
    const normalizer = new OpenAICompatibleChunkNormalizer('llama');
    const out = normalizer.normalize({
      choices: [{ delta: { content: 'x' } }],
      x_groq: { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
    });
    expect(out).toMatchObject({ object: 'chat.completion.chunk', model: 'llama', choices: [{ index: 0, finish_reason: null }] });
    expect(typeof out?.id).toBe('string');
    expect(normalizer.usage).toEqual({ inputTokens: 1, outputTokens: 2, totalTokens: 3 });
    expect(out?.usage).toEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
  });
});

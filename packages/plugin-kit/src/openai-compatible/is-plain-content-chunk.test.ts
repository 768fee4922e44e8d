import { describe, expect, it } from 'vitest';
import { isPlainContentChunk } from './openai-compatible-native-events.js';

const envelope = (choice: string, extra = '') =>
  `{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[${choice}]${extra}}`;

describe('isPlainContentChunk', () => {
  it('forwards ordinary content chunks, with or without OpenAI usage:null', () => {
    expect(isPlainContentChunk(envelope('{"index":0,"delta":{"content":"Hi"},"finish_reason":null}'))).toBe(true);
    expect(
      isPlainContentChunk(envelope('{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}', ',"usage":null')),
    ).toBe(true);
    expect(isPlainContentChunk(envelope('{"index":0,"delta":{"content":"say \\"usage\\": 3 and \\"error\\""},"finish_reason":null}'))).toBe(
      true,
    );
  });

  it('reads anything that carries usage, a finish, a tool call, reasoning or an error', () => {
    const cases = [
      envelope('', ',"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}'),
      envelope('', ',"usage" : {"prompt_tokens":1}'),
      envelope('{"index":0,"delta":{},"finish_reason":"stop"}'),
      envelope('{"index":0,"delta":{},"finish_reason" : "length"}'),
      envelope('{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]},"finish_reason":null}'),
      envelope('{"index":0,"delta":{"reasoning_content":"hmm"},"finish_reason":null}'),
      envelope('{"index":0,"delta":{"reasoning":"hmm"},"finish_reason":null}'),
      '{"error":{"message":"boom"}}',
      '{"id":"c","object":"chat.completion.chunk"}',
    ];
    for (const data of cases) expect(isPlainContentChunk(data), data).toBe(false);
  });

  it("reads Azure's content-filter chunks: no choices, or a choice without a delta", () => {
    const promptFilter = '{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0}]}';
    const offsets = envelope('{"index":0,"finish_reason":null,"content_filter_results":{},"content_filter_offsets":{"check_offset":0}}');
    for (const data of [promptFilter, offsets]) expect(isPlainContentChunk(data), data).toBe(false);
    expect(isPlainContentChunk(envelope('{"index":0,"delta":{"content":"Hi"},"finish_reason":null,"content_filter_results":{}}'))).toBe(
      true,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { passthroughAnswerUsage } from './passthrough-answer-usage.js';

const encoder = new TextEncoder();

function usageOf(contentType: string | undefined, ...pieces: string[]) {
  const reader = passthroughAnswerUsage(contentType);
  if (reader === undefined) return 'unread';
  for (const piece of pieces) reader.push(encoder.encode(piece));
  return reader.usage();
}

describe('passthroughAnswerUsage', () => {
  it('reads a JSON answer once it is whole', () => {
    const body = JSON.stringify({ model: 'gpt-4o', usage: { prompt_tokens: 3, completion_tokens: 1 } });
    expect(usageOf('application/json; charset=utf-8', body.slice(0, 10), body.slice(10))).toEqual({
      inputTokens: 3,
      outputTokens: 1,
      model: 'gpt-4o',
    });
    expect(usageOf('application/json', body.slice(0, 10))).toBeUndefined();
  });

  it('reads an event stream event by event', () => {
    expect(
      usageOf(' text/event-stream; charset=utf-8', 'data: {"usage":{"prompt_tokens":4,"completion_tokens":2}}\n\ndata: [DONE]\n\n'),
    ).toEqual({
      inputTokens: 4,
      outputTokens: 2,
    });
  });

  it("reads nothing of Bedrock's binary event stream, other types, or an answer without a type", () => {
    expect(usageOf('application/vnd.amazon.eventstream')).toBe('unread');
    expect(usageOf('application/octet-stream')).toBe('unread');
    expect(usageOf(undefined)).toBe('unread');
  });
});

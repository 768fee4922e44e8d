import type { ConformanceUsage } from '../conformance/conformance-upstream.js';

/** A content block of an answer, as Anthropic sends it. `input` of a tool call is its JSON text, sent exactly. */
export type AnthropicWireBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: string };

/** Anthropic's counts: `input_tokens` WITHOUT the cache reads and writes. */
export interface AnthropicWireUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

/** An answer the mock serves: a message (whole or as its stream of events). */
export interface AnthropicMockMessage {
  content: AnthropicWireBlock[];
  stopReason: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';
  stopSequence?: string;
  usage: AnthropicWireUsage;
}

/** Canonical counts (input includes the cache counts) → Anthropic's, which subtract them. */
export function anthropicWireUsage(usage: ConformanceUsage | undefined, fallbackOutput: number): AnthropicWireUsage {
  if (usage === undefined)
    return { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: fallbackOutput };
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: usage.inputTokens - cacheRead - cacheWrite,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: usage.outputTokens,
  };
}

let counter = 0;

/** An id in Anthropic's style (`msg_…`, `toolu_…`), distinct per call. */
export function anthropicId(prefix: 'msg' | 'toolu'): string {
  counter += 1;
  return `${prefix}_01Mock${String(counter).padStart(18, '0')}`;
}

/**
 * The JSON text of a non-streamed message. Tool inputs are written as the JSON text they were given (an
 * object on the wire, byte for byte what the model produced).
 */
export function anthropicMessageText(message: AnthropicMockMessage, model: string, id = anthropicId('msg')): string {
  const inputs: string[] = [];
  const content = message.content.map((block) => {
    if (block.type !== 'tool_use') return block;
    inputs.push(block.input);
    return { ...block, input: `\u0000input-${inputs.length - 1}\u0000` };
  });
  const text = JSON.stringify({
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: message.stopReason,
    stop_sequence: message.stopSequence ?? null,
    usage: message.usage,
  });
  return text.replace(/"\\u0000input-(\d+)\\u0000"/g, (_match, index: string) => inputs[Number(index)] ?? '{}');
}

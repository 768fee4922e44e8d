import type { ConformanceScenario, ConformanceUsage } from '../conformance/conformance-upstream.js';
import { randomId } from '../openai/mock-answer.js';
import { splitFragments } from '../openai/split-fragments.js';

/**
 * The example wire format's answer lines (NDJSON, one JSON object per line):
 * `{"text":"…"}` a piece of text; `{"tool":{"id","name","input"}}` a whole tool call (input is JSON text);
 * `{"done":{"reason":"stop"|"max_tokens"|"tool_use","usage":{"input","output","cache_read"?,"cache_write"?,"reasoning"?}}}`
 * the end; `{"error":{"message","code"}}` a failure after the answer started. `usage.input` counts
 * uncached input only (cache reads and writes are separate); `usage.output` includes reasoning.
 */
export type ExampleWireLine =
  | { text: string }
  | { tool: { id: string; name: string; input: string } }
  | { done: { reason: string; usage: ExampleWireUsage } }
  | { error: { message: string; code: string } };

export interface ExampleWireUsage {
  input: number;
  output: number;
  cache_read?: number;
  cache_write?: number;
  reasoning?: number;
}

/** Canonical counts in the example wire's terms: its `input` leaves the cache counts out. */
export function exampleWireUsage(usage: ConformanceUsage): ExampleWireUsage {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  return {
    input: usage.inputTokens - cacheRead - cacheWrite,
    output: usage.outputTokens,
    ...(usage.cacheReadTokens === undefined ? {} : { cache_read: usage.cacheReadTokens }),
    ...(usage.cacheWriteTokens === undefined ? {} : { cache_write: usage.cacheWriteTokens }),
    ...(usage.reasoningTokens === undefined ? {} : { reasoning: usage.reasoningTokens }),
  };
}

/** The lines of a text or tool-calls answer, `done` included. */
export function exampleAnswerLines(scenario: Extract<ConformanceScenario, { type: 'text' | 'tool-calls' }>): ExampleWireLine[] {
  const text = scenario.text ?? '';
  const lines: ExampleWireLine[] = splitFragments(text).map((fragment) => ({ text: fragment }));
  let reason = scenario.type === 'text' && scenario.finishReason === 'length' ? 'max_tokens' : 'stop';
  if (scenario.type === 'tool-calls') {
    reason = 'tool_use';
    for (const call of scenario.calls) lines.push({ tool: { id: call.id ?? randomId('tool_', 12), name: call.name, input: call.input } });
  }
  const usage = scenario.usage ?? { inputTokens: 12, outputTokens: Math.max(1, lines.length) };
  lines.push({ done: { reason, usage: exampleWireUsage(usage) } });
  return lines;
}

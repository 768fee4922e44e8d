import type { ConformanceScenario, ConformanceUsage } from '../conformance/conformance-upstream.js';
import { randomId } from '../openai/mock-answer.js';
import { splitFragments } from '../openai/split-fragments.js';
import type { BedrockStreamEvent } from './bedrock-event-frames.js';

type AnswerScenario = Extract<ConformanceScenario, { type: 'text' | 'tool-calls' }>;

/** Converse's usage: its `inputTokens` leaves the cache reads and writes out (canonical input includes them). */
export function bedrockWireUsage(usage: ConformanceUsage): Record<string, number> {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const inputTokens = usage.inputTokens - cacheRead - cacheWrite;
  return {
    inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: usage.inputTokens + usage.outputTokens,
    ...(usage.cacheReadTokens === undefined ? {} : { cacheReadInputTokens: usage.cacheReadTokens }),
    ...(usage.cacheWriteTokens === undefined ? {} : { cacheWriteInputTokens: usage.cacheWriteTokens }),
  };
}

function stopReasonOf(scenario: AnswerScenario): string {
  if (scenario.type === 'tool-calls') return 'tool_use';
  return scenario.finishReason === 'length' ? 'max_tokens' : 'end_turn';
}

function callsOf(scenario: AnswerScenario): { id: string; name: string; input: string }[] {
  if (scenario.type !== 'tool-calls') return [];
  return scenario.calls.map((call) => ({ id: call.id ?? randomId('tooluse_', 22), name: call.name, input: call.input }));
}

/** The Converse JSON answer of a text or tool-calls scenario. */
export function converseAnswer(scenario: AnswerScenario): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  if (scenario.text !== undefined && scenario.text !== '') content.push({ text: scenario.text });
  for (const call of callsOf(scenario)) content.push({ toolUse: { toolUseId: call.id, name: call.name, input: JSON.parse(call.input) } });
  const usage = scenario.usage ?? { inputTokens: 12, outputTokens: 7 };
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: stopReasonOf(scenario),
    usage: bedrockWireUsage(usage),
    metrics: { latencyMs: 120 },
  };
}

/** Splits a tool call's JSON text in two fragments, as ConverseStream sends `toolUse.input` pieces. */
function inputFragments(input: string): string[] {
  if (input.length < 2) return [input];
  const middle = Math.floor(input.length / 2);
  return [input.slice(0, middle), input.slice(middle)];
}

/**
 * The ConverseStream events of a text or tool-calls scenario: `messageStart`, a text block of deltas
 * (block 0), one block per tool call (`contentBlockStart` with id and name, input fragments,
 * `contentBlockStop`), `messageStop` with the stop reason, then `metadata` with the usage.
 */
export function converseStreamEvents(scenario: AnswerScenario): BedrockStreamEvent[] {
  const events: BedrockStreamEvent[] = [{ name: 'messageStart', payload: { role: 'assistant' } }];
  let index = 0;
  const text = scenario.text ?? '';
  if (text !== '') {
    for (const fragment of splitFragments(text))
      events.push({ name: 'contentBlockDelta', payload: { contentBlockIndex: index, delta: { text: fragment } } });
    events.push({ name: 'contentBlockStop', payload: { contentBlockIndex: index } });
    index += 1;
  }
  for (const call of callsOf(scenario)) {
    events.push({
      name: 'contentBlockStart',
      payload: { contentBlockIndex: index, start: { toolUse: { toolUseId: call.id, name: call.name } } },
    });
    for (const fragment of inputFragments(call.input)) {
      events.push({ name: 'contentBlockDelta', payload: { contentBlockIndex: index, delta: { toolUse: { input: fragment } } } });
    }
    events.push({ name: 'contentBlockStop', payload: { contentBlockIndex: index } });
    index += 1;
  }
  events.push({ name: 'messageStop', payload: { stopReason: stopReasonOf(scenario) } });
  const usage = scenario.usage ?? { inputTokens: 12, outputTokens: Math.max(1, events.length - 3) };
  events.push({ name: 'metadata', payload: { usage: bedrockWireUsage(usage), metrics: { latencyMs: 120 } } });
  return events;
}

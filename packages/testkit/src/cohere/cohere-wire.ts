import { randomUUID } from 'node:crypto';
import type { ConformanceScenario, ConformanceUsage } from '../conformance/conformance-upstream.js';
import { randomId } from '../openai/mock-answer.js';
import { splitFragments } from '../openai/split-fragments.js';

/** Cohere v2's usage: `tokens` counts everything the model read and wrote, `billed_units` what is charged. */
export interface CohereWireUsage {
  billed_units: { input_tokens: number; output_tokens: number };
  tokens: { input_tokens: number; output_tokens: number };
}

export interface CohereWireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One event of a `POST /v2/chat` stream (`stream: true`), as Cohere documents it. */
export type CohereStreamEvent = { type: string } & Record<string, unknown>;

/** A text or tool-calls answer, resolved: the ids of the calls are fixed here so that JSON and stream agree. */
export interface CohereAnswer {
  id: string;
  /** The answer text, or the tool plan of a tool-calls answer. */
  text: string;
  toolCalls: CohereWireToolCall[];
  finishReason: 'COMPLETE' | 'MAX_TOKENS' | 'TOOL_CALL';
  usage: CohereWireUsage;
}

/**
 * Tokens Cohere adds itself (its own preamble, special tokens) are counted in `tokens` but not billed; the
 * mock bills this many fewer of each, so that a provider reading the wrong field is caught.
 */
export const unbilledInputTokens = 7;
export const unbilledOutputTokens = 1;

export function cohereWireUsage(usage: ConformanceUsage | undefined, fallbackOutput: number): CohereWireUsage {
  const input = usage?.inputTokens ?? 12;
  const output = usage?.outputTokens ?? fallbackOutput;
  return {
    billed_units: { input_tokens: Math.max(0, input - unbilledInputTokens), output_tokens: Math.max(0, output - unbilledOutputTokens) },
    tokens: { input_tokens: input, output_tokens: output },
  };
}

/** Cohere names tool call ids after the tool: `get_weather_8x2k1m9q0d3f`. */
export function cohereToolCallId(name: string): string {
  return `${name}_${randomId('', 12).toLowerCase()}`;
}

export function cohereAnswer(scenario: Extract<ConformanceScenario, { type: 'text' | 'tool-calls' }>): CohereAnswer {
  const text = scenario.text ?? '';
  const toolCalls =
    scenario.type === 'tool-calls'
      ? scenario.calls.map((call) => ({
          id: call.id ?? cohereToolCallId(call.name),
          type: 'function' as const,
          function: { name: call.name, arguments: call.input },
        }))
      : [];
  const finishReason = scenario.type === 'tool-calls' ? 'TOOL_CALL' : scenario.finishReason === 'length' ? 'MAX_TOKENS' : 'COMPLETE';
  return {
    id: randomUUID(),
    text,
    toolCalls,
    finishReason,
    usage: cohereWireUsage(scenario.usage, Math.max(1, splitFragments(text).length)),
  };
}

/** The `POST /v2/chat` JSON answer: text in `content`, or the tool plan beside `tool_calls`. */
export function cohereChatBody(answer: CohereAnswer): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant' };
  if (answer.toolCalls.length > 0) {
    if (answer.text !== '') message.tool_plan = answer.text;
    message.tool_calls = answer.toolCalls;
  } else {
    message.content = [{ type: 'text', text: answer.text }];
  }
  return { id: answer.id, finish_reason: answer.finishReason, message, usage: answer.usage };
}

/**
 * The stream events of an answer, `message-end` excluded: `message-start`, then a text content block
 * (`content-start`, `content-delta`…, `content-end`) or the tool plan (`tool-plan-delta`…) and each call
 * (`tool-call-start`, `tool-call-delta`… with argument fragments, `tool-call-end`).
 */
export function cohereBodyEvents(answer: CohereAnswer): CohereStreamEvent[] {
  const events: CohereStreamEvent[] = [
    {
      id: answer.id,
      type: 'message-start',
      delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
    },
  ];
  if (answer.toolCalls.length === 0) {
    events.push({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } });
    for (const fragment of splitFragments(answer.text)) {
      events.push({ type: 'content-delta', index: 0, delta: { message: { content: { text: fragment } } } });
    }
    events.push({ type: 'content-end', index: 0 });
    return events;
  }
  for (const fragment of splitFragments(answer.text)) {
    events.push({ type: 'tool-plan-delta', delta: { message: { tool_plan: fragment } } });
  }
  answer.toolCalls.forEach((call, index) => {
    events.push({
      type: 'tool-call-start',
      index,
      delta: { message: { tool_calls: { id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } } } },
    });
    for (const fragment of splitFragments(call.function.arguments)) {
      events.push({ type: 'tool-call-delta', index, delta: { message: { tool_calls: { function: { arguments: fragment } } } } });
    }
    events.push({ type: 'tool-call-end', index });
  });
  return events;
}

export function cohereMessageEnd(answer: CohereAnswer): CohereStreamEvent {
  return { type: 'message-end', delta: { finish_reason: answer.finishReason, usage: answer.usage } };
}

/** A generation that failed after it started: `message-end` with finish reason `ERROR` and the message. */
export function cohereErrorEnd(message: string): CohereStreamEvent {
  return {
    type: 'message-end',
    delta: { error: message, finish_reason: 'ERROR', usage: cohereWireUsage({ inputTokens: 12, outputTokens: 3 }, 3) },
  };
}

/** An event as Cohere frames it: the type as `event:`, the JSON (with the type again) as `data:`. */
export function cohereServerSentEvent(event: CohereStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Cohere's error body: `{"message": "..."}` beside the HTTP status. */
export function cohereErrorBody(message: string): { message: string } {
  return { message };
}

import { randomBytes } from 'node:crypto';
import type { MockFinishReason, MockScenario, MockUsage } from './mock-scenario.js';
import { splitFragments } from './split-fragments.js';

/** Usage exactly as OpenAI sends it. */
export interface OpenAIWireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

export interface MockAnswerToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A `text` or `tool_calls` scenario resolved for one request: what both wire formats are built from. */
export interface MockAnswer {
  id: string;
  created: number;
  model: string;
  content: string | null;
  toolCalls: MockAnswerToolCall[];
  finishReason: MockFinishReason;
  usage: OpenAIWireUsage;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random id in OpenAI's style: `prefix` and `length` alphanumeric characters. */
export function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

/** A rough, deterministic prompt token count: about four characters per token. */
export function estimatePromptTokens(messages: unknown): number {
  const text = JSON.stringify(messages ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

function wireUsage(usage: MockUsage | undefined, promptTokens: number, completionTokens: number): OpenAIWireUsage {
  const prompt = usage?.promptTokens ?? promptTokens;
  const completion = usage?.completionTokens ?? completionTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage?.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage?.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function resolveMockAnswer(
  scenario: Extract<MockScenario, { type: 'text' | 'tool_calls' }>,
  request: { model?: unknown; messages?: unknown },
): MockAnswer {
  const model = typeof request.model === 'string' ? request.model : 'gpt-4o-mini';
  const promptTokens = estimatePromptTokens(request.messages);
  const base = { id: randomId('chatcmpl-', 29), created: Math.floor(Date.now() / 1000), model };
  if (scenario.type === 'text') {
    return {
      ...base,
      content: scenario.content,
      toolCalls: [],
      finishReason: scenario.finishReason ?? 'stop',
      usage: wireUsage(scenario.usage, promptTokens, Math.max(1, splitFragments(scenario.content).length)),
    };
  }
  const toolCalls = scenario.calls.map((call) => ({
    id: call.id ?? randomId('call_'),
    name: call.name,
    arguments: call.arguments,
  }));
  const completionTokens =
    splitFragments(scenario.content ?? '').length +
    toolCalls.reduce((sum, call) => sum + Math.ceil((call.name.length + call.arguments.length) / 4), 0);
  return {
    ...base,
    content: scenario.content ?? null,
    toolCalls,
    finishReason: 'tool_calls',
    usage: wireUsage(scenario.usage, promptTokens, Math.max(1, completionTokens)),
  };
}

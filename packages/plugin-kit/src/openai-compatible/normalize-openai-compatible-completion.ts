import type { FinishReasonV1, OpenAIChatCompletion, UsageV1 } from '@modelgate/core';
import { mapOpenAICompatibleFinishReason, openAIWireFinishReason } from './map-openai-compatible-finish-reason.js';
import { normalizeOpenAICompatibleUsage } from './normalize-openai-compatible-usage.js';
import { generateToolCallId } from './tool-call-delta-normalizer.js';

type RawRecord = Record<string, unknown>;

function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface NormalizedCompletion {
  completion: OpenAIChatCompletion;
  /** Choice 0's finish reason, the host's own value kept. */
  finishReason: FinishReasonV1;
  usage: UsageV1 | undefined;
  /** Whether anything was changed (a forwarded answer can then go out as the host sent it). */
  changed: boolean;
}

/**
 * Gives a parsed non-stream answer OpenAI's well-formed shape, in place: envelope fields present,
 * `message.reasoning` → `reasoning_content`, tool calls with an id and `type`, finish reasons mapped
 * to OpenAI's values (a tool call wins over `stop`). Returns undefined when the value is not a chat
 * completion at all.
 */
export function normalizeOpenAICompatibleCompletion(value: unknown, modelId: string): NormalizedCompletion | undefined {
  if (!isRecord(value) || !Array.isArray(value.choices)) return undefined;
  let changed = false;
  const completion = value as OpenAIChatCompletion;
  if (typeof completion.id !== 'string') {
    completion.id = `chatcmpl-${Date.now().toString(36)}`;
    changed = true;
  }
  if (completion.object !== 'chat.completion') {
    completion.object = 'chat.completion';
    changed = true;
  }
  if (typeof completion.created !== 'number') {
    completion.created = Math.floor(Date.now() / 1000);
    changed = true;
  }
  if (typeof completion.model !== 'string' || completion.model.length === 0) {
    completion.model = modelId;
    changed = true;
  }

  let finishReason: FinishReasonV1 = { unified: 'stop' };
  const choices = value.choices as unknown[];
  for (let position = 0; position < choices.length; position += 1) {
    const choice = choices[position];
    if (!isRecord(choice)) continue;
    if (typeof choice.index !== 'number') {
      choice.index = position;
      changed = true;
    }
    if (!isRecord(choice.message)) {
      choice.message = {};
      changed = true;
    }
    const message = choice.message as RawRecord;
    if (message.role !== 'assistant') {
      message.role = 'assistant';
      changed = true;
    }
    if (message.content === undefined) {
      message.content = null;
      changed = true;
    }
    if ('reasoning' in message) {
      if (typeof message.reasoning === 'string' && message.reasoning.length > 0 && message.reasoning_content === undefined) {
        message.reasoning_content = message.reasoning;
      }
      delete message.reasoning;
      changed = true;
    }
    let hasToolCalls = false;
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls as unknown[]) {
        if (!isRecord(call)) continue;
        if (typeof call.id !== 'string' || call.id.length === 0) {
          call.id = generateToolCallId();
          changed = true;
        }
        if (call.type !== 'function') {
          call.type = 'function';
          changed = true;
        }
        if (!isRecord(call.function)) {
          call.function = {};
          changed = true;
        }
        const fn = call.function as RawRecord;
        if (typeof fn.arguments !== 'string') {
          fn.arguments = fn.arguments === undefined ? '' : JSON.stringify(fn.arguments);
          changed = true;
        }
      }
      hasToolCalls = message.tool_calls.length > 0;
      if (!hasToolCalls) {
        delete message.tool_calls;
        changed = true;
      }
    }
    if (position === 0) finishReason = mapOpenAICompatibleFinishReason(choice.finish_reason, hasToolCalls);
    const wire = openAIWireFinishReason(choice.finish_reason, hasToolCalls);
    if (choice.finish_reason !== wire) {
      choice.finish_reason = wire;
      changed = true;
    }
  }
  return { completion, finishReason, usage: normalizeOpenAICompatibleUsage(completion.usage), changed };
}

import type { ChatCompletion } from '@modelgate/core';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { normalizeOpenAICompatibleUsage } from './normalize-openai-compatible-usage.js';
import { generateToolCallId } from './tool-call-delta-normalizer.js';

type RawRecord = Record<string, unknown>;

function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Gives a parsed non-stream answer the canonical shape, in place: envelope fields present,
 * `message.reasoning` → `reasoning_content`, tool calls with an id and `type`, finish reasons
 * mapped (a tool call wins over `stop`), usage normalised. Returns undefined when the value
 * is not a chat completion at all.
 */
export function normalizeOpenAICompatibleCompletion(value: unknown, modelId: string): ChatCompletion | undefined {
  if (!isRecord(value) || !Array.isArray(value.choices)) return undefined;
  const completion = value as ChatCompletion;
  if (typeof completion.id !== 'string') completion.id = `chatcmpl-${Date.now().toString(36)}`;
  completion.object = 'chat.completion';
  if (typeof completion.created !== 'number') completion.created = Math.floor(Date.now() / 1000);
  if (typeof completion.model !== 'string' || completion.model.length === 0) completion.model = modelId;

  const choices = value.choices as unknown[];
  for (let position = 0; position < choices.length; position += 1) {
    const choice = choices[position];
    if (!isRecord(choice)) continue;
    if (typeof choice.index !== 'number') choice.index = position;
    const message: RawRecord = isRecord(choice.message) ? choice.message : {};
    choice.message = message;
    message.role = 'assistant';
    if (message.content === undefined) message.content = null;
    if ('reasoning' in message) {
      if (typeof message.reasoning === 'string' && message.reasoning.length > 0 && message.reasoning_content === undefined) {
        message.reasoning_content = message.reasoning;
      }
      delete message.reasoning;
    }
    let hasToolCalls = false;
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls as unknown[]) {
        if (!isRecord(call)) continue;
        if (typeof call.id !== 'string' || call.id.length === 0) call.id = generateToolCallId();
        call.type = 'function';
        const fn: RawRecord = isRecord(call.function) ? call.function : {};
        call.function = fn;
        if (typeof fn.arguments !== 'string') fn.arguments = fn.arguments === undefined ? '' : JSON.stringify(fn.arguments);
      }
      hasToolCalls = message.tool_calls.length > 0;
      if (!hasToolCalls) delete message.tool_calls;
    }
    choice.finish_reason = mapOpenAICompatibleFinishReason(choice.finish_reason, hasToolCalls) ?? 'stop';
  }

  const usage = normalizeOpenAICompatibleUsage(completion.usage);
  if (usage === undefined) delete completion.usage;
  else completion.usage = usage;
  return completion;
}

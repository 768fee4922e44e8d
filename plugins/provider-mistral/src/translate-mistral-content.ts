import type { MistralToolCallIds } from './mistral-tool-call-ids.js';

type RawRecord = Record<string, unknown>;

function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a `thinking` chunk: a string, or text chunks. */
function thinkingText(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking;
  if (!Array.isArray(thinking)) return '';
  return thinking.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

/**
 * Mistral's content chunks (`[{type: "thinking", thinking: [...]}, {type: "text", text}]`, Magistral's
 * answers) as OpenAI's `content` string and `reasoning_content`, in place. `emptyAs` is what content
 * made only of thinking becomes: `null` in a message, nothing (deleted) in a stream delta.
 */
function flattenContent(holder: RawRecord, emptyAs: null | undefined): void {
  const content = holder.content;
  if (!Array.isArray(content)) return;
  let text = '';
  let reasoning = '';
  for (const chunk of content) {
    if (!isRecord(chunk)) continue;
    if (chunk.type === 'text' && typeof chunk.text === 'string') text += chunk.text;
    else if (chunk.type === 'thinking') reasoning += thinkingText(chunk.thinking);
  }
  if (text.length > 0) holder.content = text;
  else if (emptyAs === null) holder.content = null;
  else delete holder.content;
  if (reasoning.length > 0) holder.reasoning_content = reasoning;
}

/** Tool-call ids back to the client's (only ids this request mapped change), in place. */
function restoreIds(toolCalls: unknown, ids: MistralToolCallIds): void {
  if (!Array.isArray(toolCalls)) return;
  for (const call of toolCalls) {
    if (isRecord(call) && typeof call.id === 'string') call.id = ids.fromMistral(call.id);
  }
}

/** A parsed non-stream Mistral answer in OpenAI's terms, in place, before the shared normalisation. */
export function translateMistralCompletion(value: unknown, ids: MistralToolCallIds): void {
  if (!isRecord(value) || !Array.isArray(value.choices)) return;
  for (const choice of value.choices) {
    if (!isRecord(choice) || !isRecord(choice.message)) continue;
    const message = choice.message;
    flattenContent(message, null);
    if (message.tool_calls === null) delete message.tool_calls;
    delete message.prefix;
    restoreIds(message.tool_calls, ids);
  }
}

/** A parsed Mistral stream chunk in OpenAI's terms, in place. */
export function translateMistralChunk(value: RawRecord, ids: MistralToolCallIds): void {
  if (!Array.isArray(value.choices)) return;
  for (const choice of value.choices) {
    if (!isRecord(choice) || !isRecord(choice.delta)) continue;
    flattenContent(choice.delta, undefined);
    if (choice.delta.tool_calls === null) delete choice.delta.tool_calls;
    restoreIds(choice.delta.tool_calls, ids);
  }
}

import type { ReasoningPartV1, TextPartV1, ToolResultOutputV1 } from '../../specification/chat/chat-content-v1.js';
import type { AssistantContentPartV1, ChatMessageV1, UserContentPartV1 } from '../../specification/chat/chat-prompt-v1.js';
import { parseDataUrl } from '../openai/parse-data-url.js';
import { decodeReasoningEnvelope } from './reasoning-envelope.js';
import type { OpenAIResponsesInputContent, OpenAIResponsesInputItem, OpenAIResponsesReasoningItem } from './openai-responses-wire-types.js';

/** What the canonical model keeps of a Responses reasoning item, under `providerOptions.openai`. */
export interface OpenAIReasoningOptions {
  itemId?: string;
  encryptedContent?: string;
}

function userPart(part: OpenAIResponsesInputContent): UserContentPartV1 {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'input_image': {
      const detail = part.detail === 'auto' || part.detail === 'low' || part.detail === 'high' ? { detail: part.detail } : {};
      if (typeof part.file_id === 'string') return { type: 'image', source: { type: 'file-id', fileId: part.file_id }, ...detail };
      const url = part.image_url ?? '';
      const data = parseDataUrl(url);
      return data === undefined
        ? { type: 'image', source: { type: 'url', url }, ...detail }
        : { type: 'image', source: { type: 'data', data: data.data }, mediaType: data.mediaType, ...detail };
    }
    case 'input_file': {
      const named = part.filename === undefined ? {} : { filename: part.filename };
      if (typeof part.file_id === 'string') return { type: 'file', source: { type: 'file-id', fileId: part.file_id }, ...named };
      if (part.file_url !== undefined) return { type: 'file', source: { type: 'url', url: part.file_url }, ...named };
      const fileData = part.file_data ?? '';
      const data = parseDataUrl(fileData);
      // OpenAI takes PDFs as bare base64; a data URL says its own media type.
      return {
        type: 'file',
        source: { type: 'data', data: data?.data ?? fileData },
        mediaType: data?.mediaType ?? 'application/pdf',
        ...named,
      };
    }
  }
}

function textOf(content: string | OpenAIResponsesInputContent[]): string {
  if (typeof content === 'string') return content;
  return content.map((part) => ('text' in part ? part.text : part.type === 'refusal' ? part.refusal : '')).join('');
}

function assistantParts(content: string | OpenAIResponsesInputContent[]): TextPartV1[] {
  if (typeof content === 'string') return content.length === 0 ? [] : [{ type: 'text', text: content }];
  const parts: TextPartV1[] = [];
  for (const part of content) {
    const text = 'text' in part ? part.text : part.type === 'refusal' ? part.refusal : '';
    if (text.length > 0) parts.push({ type: 'text', text });
  }
  return parts;
}

function toolOutput(output: string | OpenAIResponsesInputContent[]): ToolResultOutputV1 {
  if (typeof output === 'string') return { type: 'text', value: output };
  const value = output.map(userPart);
  return { type: 'content', value };
}

/** A reasoning item as a canonical reasoning part: the summary (or the reasoning text) and the opaque state to send back. */
export function decodeOpenAIReasoningItem(item: OpenAIResponsesReasoningItem): ReasoningPartV1 {
  const texts = item.content !== undefined && item.content.length > 0 ? item.content : item.summary;
  const options: OpenAIReasoningOptions = {};
  if (item.id !== undefined) options.itemId = item.id;
  const envelope = typeof item.encrypted_content === 'string' ? decodeReasoningEnvelope(item.encrypted_content) : undefined;
  if (envelope === undefined && typeof item.encrypted_content === 'string') options.encryptedContent = item.encrypted_content;
  return {
    type: 'reasoning',
    text: texts.map((entry) => entry.text).join('\n\n'),
    ...(envelope?.signature === undefined ? {} : { signature: envelope.signature }),
    ...(envelope?.redactedData === undefined ? {} : { redactedData: envelope.redactedData }),
    ...(Object.keys(options).length === 0 && envelope?.providerOptions === undefined
      ? {}
      : { providerOptions: { ...envelope?.providerOptions, ...(Object.keys(options).length === 0 ? {} : { openai: { ...options } }) } }),
  };
}

/** The assistant message to add to, the last one when it is still the assistant's turn. */
function assistantTurn(messages: ChatMessageV1[]): AssistantContentPartV1[] {
  const last = messages.at(-1);
  if (last?.role === 'assistant') return last.content;
  const content: AssistantContentPartV1[] = [];
  messages.push({ role: 'assistant', content });
  return content;
}

/**
 * Responses input items (already validated) as canonical messages, in order. An assistant turn is
 * made of consecutive reasoning, assistant message and function call items; the function call outputs
 * that follow it form one tool message. `instructions` are not items: the caller adds them.
 */
export function decodeOpenAIResponsesItems(items: readonly OpenAIResponsesInputItem[]): ChatMessageV1[] {
  const messages: ChatMessageV1[] = [];
  for (const item of items) {
    switch (item.type) {
      case undefined:
      case 'message': {
        if (item.role === 'assistant') {
          assistantTurn(messages).push(...assistantParts(item.content));
        } else if (item.role === 'user') {
          const content = typeof item.content === 'string' ? [{ type: 'text' as const, text: item.content }] : item.content.map(userPart);
          messages.push({ role: 'user', content: content.length === 0 ? [{ type: 'text', text: '' }] : content });
        } else {
          messages.push({ role: 'system', content: [{ type: 'text', text: textOf(item.content) }] });
        }
        break;
      }
      case 'function_call':
        assistantTurn(messages).push({ type: 'tool-call', toolCallId: item.call_id, toolName: item.name, input: item.arguments });
        break;
      case 'reasoning':
        assistantTurn(messages).push(decodeOpenAIReasoningItem(item));
        break;
      case 'function_call_output': {
        const result = { type: 'tool-result' as const, toolCallId: item.call_id, output: toolOutput(item.output) };
        const last = messages.at(-1);
        if (last?.role === 'tool') last.content.push(result);
        else messages.push({ role: 'tool', content: [result] });
        break;
      }
    }
  }
  return messages;
}

/** Fills `toolName` of every tool result from the call it answers (Gemini needs it), across the whole conversation. */
export function nameToolResults(messages: readonly ChatMessageV1[]): void {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role === 'assistant') {
      for (const part of message.content) if (part.type === 'tool-call') names.set(part.toolCallId, part.toolName);
    } else if (message.role === 'tool') {
      for (const part of message.content) {
        const name = names.get(part.toolCallId);
        if (part.toolName === undefined && name !== undefined) part.toolName = name;
      }
    }
  }
}

import type { ChatMessageV1, FilePartV1, ImagePartV1, TextPartV1, ToolResultOutputV1, WarningV1 } from '@modelgate/core';
import type { MistralToolCallIds } from './mistral-tool-call-ids.js';

type WireMessage = Record<string, unknown>;
type WirePart = Record<string, unknown>;

function textOf(parts: readonly TextPartV1[]): string {
  return parts.map((part) => part.text).join('');
}

function imagePart(part: ImagePartV1, warnings: WarningV1[]): WirePart | undefined {
  if (part.source.type === 'file-id') {
    warnings.push({
      type: 'unsupported-content',
      message: 'Mistral takes images by URL or as data, not by file id; the image was dropped.',
    });
    return undefined;
  }
  const url = part.source.type === 'url' ? part.source.url : `data:${part.mediaType ?? 'image/png'};base64,${part.source.data}`;
  return { type: 'image_url', image_url: part.detail === undefined ? url : { url, detail: part.detail } };
}

function filePart(part: FilePartV1, warnings: WarningV1[]): WirePart | undefined {
  // Mistral reads documents from a URL, a PDF also as a data URL; other bytes and other APIs' file ids it cannot take.
  const name = part.filename === undefined ? {} : { document_name: part.filename };
  if (part.source.type === 'url') return { type: 'document_url', document_url: part.source.url, ...name };
  if (part.source.type === 'data' && part.mediaType === 'application/pdf') {
    return { type: 'document_url', document_url: `data:application/pdf;base64,${part.source.data}`, ...name };
  }
  warnings.push({
    type: 'unsupported-content',
    message: `Mistral takes documents by URL or as PDF data only; ${part.filename ?? `the ${part.mediaType ?? 'file'}`} was dropped.`,
  });
  return undefined;
}

function toolOutput(output: ToolResultOutputV1): string {
  if (output.type === 'text') return output.value;
  if (output.type === 'json') return JSON.stringify(output.value);
  return output.value
    .filter((part) => part.type === 'text')
    .map((part) => (part as TextPartV1).text)
    .join('');
}

/**
 * Canonical messages as Mistral chat messages: system text joined, user text as a string (parts as
 * `text`, `image_url` and `document_url` chunks), assistant text with its tool calls (ids through
 * `ids`; reasoning is not sent back), one `tool` message per result with its `name` and mapped id.
 * An assistant turn with only tool calls gets `content: ""`, never an empty text chunk.
 */
export function convertToMistralMessages(
  messages: readonly ChatMessageV1[],
  ids: MistralToolCallIds,
  warnings: WarningV1[],
): WireMessage[] {
  const wire: WireMessage[] = [];
  // A tool result may come without its tool's name; Mistral wants it, so it is taken from the call.
  const names = new Map<string, string>();
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        wire.push({ role: 'system', content: textOf(message.content) });
        break;
      case 'user': {
        const [only] = message.content;
        if (message.content.length === 1 && only?.type === 'text') {
          wire.push({ role: 'user', content: only.text });
          break;
        }
        const content: WirePart[] = [];
        for (const part of message.content) {
          const converted =
            part.type === 'text'
              ? { type: 'text', text: part.text }
              : part.type === 'image'
                ? imagePart(part, warnings)
                : filePart(part, warnings);
          if (converted !== undefined) content.push(converted);
        }
        wire.push({ role: 'user', content });
        break;
      }
      case 'assistant': {
        let text = '';
        const toolCalls: WirePart[] = [];
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'tool-call') {
            names.set(part.toolCallId, part.toolName);
            toolCalls.push({
              id: ids.toMistral(part.toolCallId),
              type: 'function',
              function: { name: part.toolName, arguments: part.input },
            });
          }
        }
        wire.push(
          toolCalls.length === 0 ? { role: 'assistant', content: text } : { role: 'assistant', content: text, tool_calls: toolCalls },
        );
        break;
      }
      case 'tool':
        for (const result of message.content) {
          const name = result.toolName ?? names.get(result.toolCallId);
          wire.push({
            role: 'tool',
            tool_call_id: ids.toMistral(result.toolCallId),
            ...(name === undefined ? {} : { name }),
            content: toolOutput(result.output),
          });
        }
        break;
    }
  }
  return wire;
}

/** Every tool-call id of a conversation, in order (calls and results). */
export function conversationToolCallIds(messages: readonly ChatMessageV1[]): string[] {
  const ids: string[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      for (const part of message.content) if (part.type === 'tool-call') ids.push(part.toolCallId);
    } else if (message.role === 'tool') {
      for (const result of message.content) ids.push(result.toolCallId);
    }
  }
  return ids;
}

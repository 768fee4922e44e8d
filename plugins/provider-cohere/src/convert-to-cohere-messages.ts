import { InvalidRequestError, type ChatMessageV1, type ToolResultPartV1, type WarningV1 } from '@modelgate/core';

export type CohereContentItem =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: 'thinking'; thinking: string };

export interface CohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type CohereMessage =
  | { role: 'system'; content: string | CohereContentItem[] }
  | { role: 'user'; content: string | CohereContentItem[] }
  | { role: 'assistant'; content?: string | CohereContentItem[]; tool_plan?: string; tool_calls?: CohereToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/** A text file of the prompt, sent as a RAG document (Cohere's top-level `documents`). */
export interface CohereDocument {
  data: { text: string; title?: string };
}

export interface ConvertedMessages {
  messages: CohereMessage[];
  documents: CohereDocument[];
}

const textMediaType = /^(?:text\/|application\/(?:json|xml|x-yaml|yaml)\b)/;

/** One text part is a plain string; several (or any image) an array of items, empty texts left out. */
function contentOf(items: CohereContentItem[]): string | CohereContentItem[] {
  const kept = items.filter((item) => item.type !== 'text' || item.text.length > 0);
  if (kept.length === 0) return '';
  if (kept.length === 1 && kept[0]!.type === 'text') return kept[0]!.text;
  return kept;
}

function toolResultText(part: ToolResultPartV1, path: string, warnings: WarningV1[]): string {
  const { output } = part;
  if (output.type === 'text') return output.value;
  if (output.type === 'json') return JSON.stringify(output.value);
  const texts: string[] = [];
  for (const item of output.value) {
    if (item.type === 'text') texts.push(item.text);
    else
      warnings.push({
        type: 'unsupported-content',
        setting: path,
        message: `Cohere takes text tool results only; a ${item.type} part was dropped.`,
      });
  }
  return texts.join('\n');
}

/**
 * Canonical messages → Cohere v2 `messages` (the same roles, each system message in its place), plus the
 * text files of user turns as `documents`. An assistant turn with tool calls carries its text as the
 * `tool_plan` (as Cohere answers it) and its reasoning as `thinking` items; each tool result is its own
 * `role: tool` message paired by `tool_call_id`, in order. What Cohere cannot take is dropped with a warning.
 */
export function convertToCohereMessages(messages: readonly ChatMessageV1[], warnings: WarningV1[]): ConvertedMessages {
  const converted: CohereMessage[] = [];
  const documents: CohereDocument[] = [];
  messages.forEach((message, messageIndex) => {
    const path = `messages[${messageIndex}]`;
    switch (message.role) {
      case 'system':
        converted.push({ role: 'system', content: contentOf(message.content.map((part) => ({ type: 'text', text: part.text }))) });
        return;
      case 'user': {
        const items: CohereContentItem[] = [];
        message.content.forEach((part, partIndex) => {
          const partPath = `${path}.content[${partIndex}]`;
          if (part.type === 'text') {
            items.push({ type: 'text', text: part.text });
          } else if (part.type === 'image') {
            if (part.source.type === 'file-id') {
              warnings.push({
                type: 'unsupported-content',
                setting: partPath,
                message: 'Cohere takes no file ids; the image was dropped.',
              });
              return;
            }
            if (part.source.type === 'data' && part.mediaType === undefined) {
              throw new InvalidRequestError(`${partPath}: inline image data needs its media type.`, { param: `${partPath}.mediaType` });
            }
            const url = part.source.type === 'url' ? part.source.url : `data:${part.mediaType};base64,${part.source.data}`;
            items.push({ type: 'image_url', image_url: { url, ...(part.detail === undefined ? {} : { detail: part.detail }) } });
          } else if (part.source.type === 'data' && part.mediaType !== undefined && textMediaType.test(part.mediaType)) {
            const text = Buffer.from(part.source.data, 'base64').toString('utf8');
            documents.push({ data: { text, ...(part.filename === undefined ? {} : { title: part.filename }) } });
          } else {
            warnings.push({
              type: 'unsupported-content',
              setting: partPath,
              message: `Cohere takes images and inline text files only; a ${part.mediaType ?? 'file'} part was dropped.`,
            });
          }
        });
        converted.push({ role: 'user', content: contentOf(items) });
        return;
      }
      case 'assistant': {
        const thinking: CohereContentItem[] = [];
        let text = '';
        const toolCalls: CohereToolCall[] = [];
        message.content.forEach((part, partIndex) => {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'reasoning') {
            if (part.redactedData !== undefined && part.text === '') {
              warnings.push({
                type: 'unsupported-content',
                setting: `${path}.content[${partIndex}]`,
                message: 'Cohere has no redacted reasoning; a redacted block from another provider was dropped.',
              });
            } else if (part.text.length > 0) thinking.push({ type: 'thinking', thinking: part.text });
          } else if (part.type === 'tool-call') {
            toolCalls.push({ id: part.toolCallId, type: 'function', function: { name: part.toolName, arguments: part.input } });
          } else {
            warnings.push({
              type: 'unsupported-content',
              setting: `${path}.content[${partIndex}]`,
              message: 'Cohere takes no files in assistant turns; one was dropped.',
            });
          }
        });
        if (toolCalls.length > 0) {
          converted.push({
            role: 'assistant',
            ...(thinking.length > 0 ? { content: thinking } : {}),
            ...(text.length > 0 ? { tool_plan: text } : {}),
            tool_calls: toolCalls,
          });
        } else {
          converted.push({
            role: 'assistant',
            content: thinking.length > 0 ? [...thinking, ...(text ? [{ type: 'text' as const, text }] : [])] : text,
          });
        }
        return;
      }
      case 'tool':
        message.content.forEach((part, partIndex) => {
          const partPath = `${path}.content[${partIndex}]`;
          if (part.isError === true) {
            warnings.push({
              type: 'unsupported-content',
              setting: `${partPath}.isError`,
              message: 'Cohere has no error flag on tool results; the result was sent as an ordinary one.',
            });
          }
          converted.push({ role: 'tool', tool_call_id: part.toolCallId, content: toolResultText(part, partPath, warnings) });
        });
        return;
    }
  });
  return { messages: converted, documents };
}

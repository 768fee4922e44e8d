import type { ChatMessageV1, FilePartV1, ImagePartV1, TextPartV1, ToolResultOutputV1, WarningV1 } from '@modelgate/core';

type WireMessage = Record<string, unknown>;
type WirePart = Record<string, unknown>;

function dataUrl(mediaType: string | undefined, data: string): string {
  return `data:${mediaType ?? 'application/octet-stream'};base64,${data}`;
}

function textOf(parts: readonly TextPartV1[]): string {
  return parts.map((part) => part.text).join('');
}

function imagePart(part: ImagePartV1, warnings: WarningV1[]): WirePart | undefined {
  if (part.source.type === 'file-id') {
    warnings.push({
      type: 'unsupported-content',
      message: 'Images given by file id are not supported by OpenAI chat; the image was dropped.',
    });
    return undefined;
  }
  const url = part.source.type === 'url' ? part.source.url : dataUrl(part.mediaType, part.source.data);
  return { type: 'image_url', image_url: part.detail === undefined ? { url } : { url, detail: part.detail } };
}

function filePart(part: FilePartV1, warnings: WarningV1[]): WirePart | undefined {
  const { source } = part;
  if (source.type === 'file-id') return { type: 'file', file: { file_id: source.fileId } };
  if (source.type === 'url') {
    warnings.push({
      type: 'unsupported-content',
      message: `Files given by URL are not supported by OpenAI chat; ${part.filename ?? 'the file'} was dropped.`,
    });
    return undefined;
  }
  if (part.mediaType?.startsWith('audio/') === true) {
    return {
      type: 'input_audio',
      input_audio: { data: source.data, format: part.mediaType.slice('audio/'.length).replace(/^mpeg$/, 'mp3') },
    };
  }
  return {
    type: 'file',
    file: { file_data: dataUrl(part.mediaType, source.data), ...(part.filename === undefined ? {} : { filename: part.filename }) },
  };
}

function toolOutput(output: ToolResultOutputV1): string | WirePart[] {
  if (output.type === 'text') return output.value;
  if (output.type === 'json') return JSON.stringify(output.value);
  return output.value.filter((part) => part.type === 'text').map((part) => ({ type: 'text', text: (part as TextPartV1).text }));
}

/**
 * Canonical messages as OpenAI chat messages: system text joined, user parts as content parts (a single
 * text part as a plain string), assistant text and tool calls (reasoning is not sent back: OpenAI-compatible
 * hosts either ignore it or reject it), one `tool` message per tool result.
 */
export function convertToOpenAICompatibleMessages(messages: readonly ChatMessageV1[], warnings: WarningV1[]): WireMessage[] {
  const wire: WireMessage[] = [];
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
        let text: string | null = null;
        const toolCalls: WirePart[] = [];
        for (const part of message.content) {
          if (part.type === 'text') text = (text ?? '') + part.text;
          else if (part.type === 'tool-call') {
            toolCalls.push({ id: part.toolCallId, type: 'function', function: { name: part.toolName, arguments: part.input } });
          }
        }
        wire.push(
          toolCalls.length === 0 ? { role: 'assistant', content: text ?? '' } : { role: 'assistant', content: text, tool_calls: toolCalls },
        );
        break;
      }
      case 'tool':
        for (const result of message.content)
          wire.push({ role: 'tool', tool_call_id: result.toolCallId, content: toolOutput(result.output) });
        break;
    }
  }
  return wire;
}

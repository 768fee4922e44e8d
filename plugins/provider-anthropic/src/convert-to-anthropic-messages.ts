import { createHash } from 'node:crypto';
import {
  InvalidRequestError,
  type CacheControlV1,
  type ChatMessageV1,
  type DataSourceV1,
  type FilePartV1,
  type ImagePartV1,
  type ToolResultPartV1,
  type WarningV1,
} from '@modelgate/core';

/** One content block of an Anthropic message, as sent (`text`, `image`, `document`, `tool_use`, `tool_result`, `thinking`…). */
export type AnthropicBlock = Record<string, unknown>;

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicBlock[];
}

export interface AnthropicPrompt {
  /** Top-level `system` blocks, in the order the system messages came; empty when there were none. */
  system: AnthropicBlock[];
  messages: AnthropicMessage[];
}

function cacheControl(control: CacheControlV1 | undefined): { cache_control?: Record<string, string> } {
  if (control === undefined) return {};
  return { cache_control: control.ttl === undefined ? { type: control.type } : { type: control.type, ttl: control.ttl } };
}

/** Anthropic answers 400 to an empty or whitespace-only text block (known bug #11): such parts are left out. */
function hasText(text: string): boolean {
  return text.trim().length > 0;
}

function textBlock(text: string, control: CacheControlV1 | undefined): AnthropicBlock {
  return { type: 'text', text, ...cacheControl(control) };
}

function mediaSource(source: DataSourceV1, mediaType: string | undefined, field: string): Record<string, unknown> {
  switch (source.type) {
    // Anthropic fetches URLs itself: downloading them would only make the request bigger (known bug #8).
    case 'url':
      if (source.url.startsWith('data:')) {
        const match = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(source.url);
        if (match === null) throw new InvalidRequestError(`${field}: a data: URL must be base64-encoded.`, { param: field });
        return { type: 'base64', media_type: match[1] ?? mediaType, data: match[2] };
      }
      return { type: 'url', url: source.url };
    case 'data':
      if (mediaType === undefined) {
        throw new InvalidRequestError(`${field}.mediaType is required for inline data sent to Anthropic.`, { param: `${field}.mediaType` });
      }
      return { type: 'base64', media_type: mediaType, data: source.data };
    case 'file-id':
      return { type: 'file', file_id: source.fileId };
  }
}

/** What Anthropic takes as a tool call id. */
const toolIdPattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * The id a tool call goes upstream with: unchanged when Anthropic takes it, else a stable hash of it (the
 * same for the call and its result; never a truncation, which could make two ids collide — known bug #12).
 */
export function anthropicToolId(id: string): string {
  if (toolIdPattern.test(id)) return id;
  return `toolu_${createHash('sha256').update(id).digest('base64url').slice(0, 32)}`;
}

function imageBlock(part: ImagePartV1, field: string, warnings: WarningV1[]): AnthropicBlock {
  if (part.detail !== undefined && part.detail !== 'auto') {
    warnings.push({
      type: 'unsupported-setting',
      setting: `${field}.detail`,
      message: `Anthropic has no image detail setting: ${field}.detail was dropped.`,
    });
  }
  return { type: 'image', source: mediaSource(part.source, part.mediaType, field), ...cacheControl(part.cacheControl) };
}

/** A PDF (URL, base64 or file id) or a plain-text document; other media types have no Anthropic block. */
function documentBlock(part: FilePartV1, field: string, warnings: WarningV1[]): AnthropicBlock | undefined {
  const mediaType = part.mediaType;
  const title = part.filename === undefined ? {} : { title: part.filename };
  if (mediaType === 'text/plain' && part.source.type === 'data') {
    const text = Buffer.from(part.source.data, 'base64').toString('utf8');
    return {
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: text },
      ...title,
      ...cacheControl(part.cacheControl),
    };
  }
  if (mediaType === 'application/pdf' || part.source.type === 'file-id' || (mediaType === undefined && part.source.type === 'url')) {
    return { type: 'document', source: mediaSource(part.source, mediaType, field), ...title, ...cacheControl(part.cacheControl) };
  }
  warnings.push({
    type: 'unsupported-content',
    setting: field,
    message: `Anthropic takes PDF and plain-text documents only; the ${mediaType ?? 'untyped'} file at ${field} was left out.`,
  });
  return undefined;
}

function toolResultContent(part: ToolResultPartV1, field: string, warnings: WarningV1[]): string | AnthropicBlock[] {
  const { output } = part;
  switch (output.type) {
    case 'text':
      return output.value;
    case 'json':
      return JSON.stringify(output.value);
    case 'content': {
      const blocks: AnthropicBlock[] = [];
      output.value.forEach((item, index) => {
        const where = `${field}.output.value[${index}]`;
        if (item.type === 'text') {
          if (hasText(item.text)) blocks.push(textBlock(item.text, item.cacheControl));
        } else if (item.type === 'image') blocks.push(imageBlock(item, where, warnings));
        else {
          const document = documentBlock(item, where, warnings);
          if (document !== undefined) blocks.push(document);
        }
      });
      return blocks;
    }
  }
}

function parseToolInput(input: string, field: string): unknown {
  if (input.trim() === '') return {};
  try {
    return JSON.parse(input);
  } catch {
    throw new InvalidRequestError(`${field}.input must be the JSON text of the tool call's arguments.`, { param: `${field}.input` });
  }
}

/**
 * Canonical messages → Anthropic's `system` and `messages`. System messages, wherever they are, join
 * the top-level `system` in order (Anthropic has no system role in `messages`); one after the
 * conversation started is moved there with a warning. A tool message becomes a user turn of
 * `tool_result` blocks, placed before any user text that follows (Anthropic wants every result of an
 * assistant turn in the next user turn, first); consecutive turns of one role are merged. Reasoning
 * goes back as `thinking` with its signature, or `redacted_thinking` with its data, unchanged.
 */
export function convertToAnthropicMessages(messages: readonly ChatMessageV1[], warnings: WarningV1[]): AnthropicPrompt {
  const system: AnthropicBlock[] = [];
  const turns: AnthropicMessage[] = [];
  let conversationStarted = false;

  const push = (role: AnthropicMessage['role'], blocks: AnthropicBlock[]): void => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last !== undefined && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };

  messages.forEach((message, messageIndex) => {
    const field = `messages[${messageIndex}]`;
    switch (message.role) {
      case 'system': {
        if (conversationStarted) {
          warnings.push({
            type: 'other',
            setting: field,
            message: `Anthropic has one top-level system prompt: the system message at ${field} was moved there.`,
          });
        }
        for (const part of message.content) if (hasText(part.text)) system.push(textBlock(part.text, part.cacheControl));
        return;
      }
      case 'user': {
        conversationStarted = true;
        const blocks: AnthropicBlock[] = [];
        message.content.forEach((part, partIndex) => {
          const where = `${field}.content[${partIndex}]`;
          if (part.type === 'text') {
            if (hasText(part.text)) blocks.push(textBlock(part.text, part.cacheControl));
          } else if (part.type === 'image') blocks.push(imageBlock(part, where, warnings));
          else {
            const document = documentBlock(part, where, warnings);
            if (document !== undefined) blocks.push(document);
          }
        });
        push('user', blocks);
        return;
      }
      case 'assistant': {
        conversationStarted = true;
        const blocks: AnthropicBlock[] = [];
        message.content.forEach((part, partIndex) => {
          const where = `${field}.content[${partIndex}]`;
          switch (part.type) {
            case 'text':
              if (hasText(part.text)) blocks.push(textBlock(part.text, part.cacheControl));
              return;
            case 'reasoning':
              if (part.redactedData !== undefined) blocks.push({ type: 'redacted_thinking', data: part.redactedData });
              else if (part.signature !== undefined) blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
              else if (hasText(part.text)) {
                warnings.push({
                  type: 'unsupported-content',
                  setting: where,
                  message: `Anthropic takes back only signed reasoning: the unsigned reasoning at ${where} was left out.`,
                });
              }
              return;
            case 'tool-call':
              blocks.push({
                type: 'tool_use',
                id: anthropicToolId(part.toolCallId),
                name: part.toolName,
                input: parseToolInput(part.input, where),
              });
              return;
            case 'file':
              warnings.push({
                type: 'unsupported-content',
                setting: where,
                message: `Anthropic takes no files in assistant turns: the file at ${where} was left out.`,
              });
              return;
          }
        });
        push('assistant', blocks);
        return;
      }
      case 'tool': {
        conversationStarted = true;
        const results = message.content.map((part, partIndex) => ({
          type: 'tool_result',
          tool_use_id: anthropicToolId(part.toolCallId),
          content: toolResultContent(part, `${field}.content[${partIndex}]`, warnings),
          ...(part.isError === true ? { is_error: true } : {}),
          ...cacheControl(part.cacheControl),
        }));
        const last = turns.at(-1);
        // Results answer the assistant turn before them: ahead of user text already merged into this turn.
        if (last !== undefined && last.role === 'user') {
          const firstOther = last.content.findIndex((block) => block.type !== 'tool_result');
          if (firstOther === -1) last.content.push(...results);
          else last.content.splice(firstOther, 0, ...results);
        } else push('user', results);
        return;
      }
    }
  });
  if (turns.length === 0) {
    throw new InvalidRequestError(
      'messages: Anthropic needs at least one user or assistant message with content besides the system prompt.',
      {
        param: 'messages',
      },
    );
  }
  return { system, messages: turns };
}

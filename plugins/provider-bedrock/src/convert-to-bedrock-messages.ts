import {
  InvalidRequestError,
  UnsupportedError,
  type CacheControlV1,
  type ChatMessageV1,
  type ToolResultPartV1,
  type WarningV1,
} from '@modelgate/core';
import type { FetchMediaOptions } from '@modelgate/plugin-kit';
import type {
  BedrockCachePoint,
  BedrockContentBlock,
  BedrockMessage,
  BedrockSystemBlock,
  BedrockToolResultContent,
} from './bedrock-wire-types.js';
import { convertMedia, DocumentNames, type MediaContext } from './convert-to-bedrock-media.js';
import { normalizeToolUseId } from './normalize-tool-use-id.js';

export interface ConvertedMessages {
  system: BedrockSystemBlock[];
  messages: BedrockMessage[];
  /** Tool names the history uses (calls), for a `toolConfig` Bedrock demands whenever tool blocks are present. */
  historyToolNames: string[];
  /** Whether any message holds a toolUse or toolResult block. */
  hasToolBlocks: boolean;
}

export interface ConvertMessagesOptions {
  fetch: FetchMediaOptions;
  warnings: WarningV1[];
  signal?: AbortSignal | undefined;
}

export function cachePoint(cacheControl: CacheControlV1): BedrockCachePoint {
  return { cachePoint: { type: 'default', ...(cacheControl.ttl === undefined ? {} : { ttl: cacheControl.ttl }) } };
}

/** Bedrock rejects blank text blocks ("The text field in the ContentBlock object is blank"): they are left out. */
function isBlank(text: string): boolean {
  return text.trim() === '';
}

function parseToolInput(input: string, path: string): unknown {
  if (input.trim() === '') return {};
  try {
    return JSON.parse(input) as unknown;
  } catch {
    throw new InvalidRequestError(`${path}.input is not valid JSON; Bedrock takes tool call arguments as a JSON object.`, {
      param: `${path}.input`,
    });
  }
}

async function toolResultContent(part: ToolResultPartV1, context: MediaContext): Promise<BedrockToolResultContent[]> {
  const { output } = part;
  if (output.type === 'text') return [{ text: output.value === '' ? ' ' : output.value }];
  if (output.type === 'json') {
    // Bedrock's `json` block must hold an object; anything else goes as its JSON text.
    const value = output.value;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? [{ json: value }] : [{ text: JSON.stringify(value) }];
  }
  const content: BedrockToolResultContent[] = [];
  for (const [index, item] of output.value.entries()) {
    const itemContext = { ...context, path: `${context.path}.output.value[${index}]` };
    if (item.type === 'text') {
      if (!isBlank(item.text)) content.push({ text: item.text });
    } else content.push(await convertMedia(item, itemContext));
  }
  return content.length > 0 ? content : [{ text: ' ' }];
}

/**
 * Canonical messages as Converse `system` and `messages`: system messages (wherever they are) join the
 * top-level `system` in order; tool messages become user turns of `toolResult` blocks; consecutive turns of
 * the same role are merged, because Converse wants user and assistant to alternate, starting with user.
 * Every toolUse must be answered by a toolResult in the next user turn and the other way round: a
 * mismatch is a 400 here, naming the ids, instead of Bedrock's.
 */
export async function convertToBedrockMessages(
  prompt: readonly ChatMessageV1[],
  options: ConvertMessagesOptions,
): Promise<ConvertedMessages> {
  const system: BedrockSystemBlock[] = [];
  const messages: BedrockMessage[] = [];
  const historyToolNames = new Set<string>();
  let hasToolBlocks = false;
  const names = new DocumentNames();

  const push = (role: BedrockMessage['role'], content: BedrockContentBlock[]): void => {
    if (content.length === 0) return;
    const last = messages.at(-1);
    if (last?.role === role) last.content.push(...content);
    else messages.push({ role, content });
  };

  for (const [messageIndex, message] of prompt.entries()) {
    const base = `messages[${messageIndex}]`;
    const context = (index: number): MediaContext => ({
      fetch: options.fetch,
      names,
      warnings: options.warnings,
      path: `${base}.content[${index}]`,
      signal: options.signal,
    });
    if (message.role === 'system') {
      for (const part of message.content) {
        if (!isBlank(part.text)) system.push({ text: part.text });
        if (part.cacheControl) system.push(cachePoint(part.cacheControl));
      }
      continue;
    }
    const content: BedrockContentBlock[] = [];
    if (message.role === 'user') {
      for (const [index, part] of message.content.entries()) {
        if (part.type === 'text') {
          if (!isBlank(part.text)) content.push({ text: part.text });
        } else content.push(await convertMedia(part, context(index)));
        if (part.cacheControl && content.length > 0) content.push(cachePoint(part.cacheControl));
      }
      push('user', content);
      continue;
    }
    if (message.role === 'tool') {
      for (const [index, part] of message.content.entries()) {
        hasToolBlocks = true;
        content.push({
          toolResult: {
            toolUseId: normalizeToolUseId(part.toolCallId),
            content: await toolResultContent(part, context(index)),
            ...(part.isError ? { status: 'error' as const } : {}),
          },
        });
        if (part.cacheControl) content.push(cachePoint(part.cacheControl));
      }
      push('user', content);
      continue;
    }
    for (const [index, part] of message.content.entries()) {
      const path = `${base}.content[${index}]`;
      if (part.type === 'text') {
        if (!isBlank(part.text)) content.push({ text: part.text });
        if (part.cacheControl && content.length > 0) content.push(cachePoint(part.cacheControl));
      } else if (part.type === 'reasoning') {
        if (part.redactedData !== undefined) content.push({ reasoningContent: { redactedContent: part.redactedData } });
        else if (part.signature !== undefined || !isBlank(part.text)) {
          content.push({
            reasoningContent: {
              reasoningText: { text: part.text, ...(part.signature === undefined ? {} : { signature: part.signature }) },
            },
          });
        }
      } else if (part.type === 'tool-call') {
        hasToolBlocks = true;
        historyToolNames.add(part.toolName);
        content.push({
          toolUse: { toolUseId: normalizeToolUseId(part.toolCallId), name: part.toolName, input: parseToolInput(part.input, path) },
        });
      } else {
        throw new UnsupportedError('Bedrock takes no files in assistant turns.', { param: path });
      }
    }
    push('assistant', content);
  }

  if (messages[0]?.role !== 'user') {
    throw new InvalidRequestError('Bedrock needs a conversation that starts with a user message (after any system messages).', {
      param: 'messages',
    });
  }
  checkToolPairs(messages);
  return { system, messages, historyToolNames: [...historyToolNames], hasToolBlocks };
}

function idsOf(message: BedrockMessage | undefined, kind: 'toolUse' | 'toolResult'): string[] {
  const ids: string[] = [];
  for (const block of message?.content ?? []) {
    if (kind === 'toolUse' && 'toolUse' in block) ids.push(block.toolUse.toolUseId);
    if (kind === 'toolResult' && 'toolResult' in block) ids.push(block.toolResult.toolUseId);
  }
  return ids;
}

/** Each assistant turn's toolUse ids must be exactly the next user turn's toolResult ids (the last assistant turn may stand alone). */
function checkToolPairs(messages: readonly BedrockMessage[]): void {
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user') continue;
    const results = idsOf(message, 'toolResult');
    const calls = idsOf(messages[index - 1], 'toolUse');
    const unanswered = calls.filter((id) => !results.includes(id));
    const unmatched = results.filter((id) => !calls.includes(id));
    if (unanswered.length > 0) {
      throw new InvalidRequestError(
        `Bedrock needs a tool result for every tool call of the turn before: no result for ${unanswered.join(', ')}.`,
        { param: 'messages' },
      );
    }
    if (unmatched.length > 0) {
      throw new InvalidRequestError(`Tool results ${unmatched.join(', ')} answer no tool call of the assistant turn before them.`, {
        param: 'messages',
      });
    }
  }
}

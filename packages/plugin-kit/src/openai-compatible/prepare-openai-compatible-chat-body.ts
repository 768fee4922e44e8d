import type { WarningV1 } from '@modelgate/core';
import type { OpenAICompatibleQuirks } from './openai-compatible-settings.js';

export interface PrepareChatBodyOptions {
  /** The deployment's model id, which replaces the client's model name. */
  modelId: string;
  stream: boolean;
  quirks?: OpenAICompatibleQuirks | undefined;
}

export interface PreparedChatBody {
  body: Record<string, unknown>;
  /** Fields removed because the host rejects them. */
  droppedFields: string[];
}

type WireMessage = { content?: unknown } & Record<string, unknown>;

function flattenContent(messages: readonly WireMessage[]): WireMessage[] {
  let copy: WireMessage[] | undefined;
  for (let position = 0; position < messages.length; position += 1) {
    const message = messages[position]!;
    const content = message.content;
    if (!Array.isArray(content) || !content.every((part: { type?: unknown }) => part.type === 'text')) continue;
    copy ??= messages.slice();
    copy[position] = {
      ...message,
      content: content.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join('\n'),
    };
  }
  return copy ?? (messages as WireMessage[]);
}

/**
 * Makes an OpenAI chat body ready for one host, with one shallow copy (the client's body is never
 * mutated): the model replaced, `stream` and `stream_options.include_usage` forced on for streams
 * (unless the host rejects `stream_options`), removed otherwise, the token-limit field renamed for the
 * host, unsupported fields dropped and, for hosts that want it, text-only content flattened to strings.
 * Used by both paths: on a canonical body and on a client's body forwarded natively.
 */
export function prepareOpenAICompatibleChatBody(
  request: Readonly<Record<string, unknown>>,
  options: PrepareChatBodyOptions,
): PreparedChatBody {
  const quirks = options.quirks ?? {};
  const body: Record<string, unknown> = { ...request, model: options.modelId };
  if (options.stream) {
    body.stream = true;
    if (quirks.supportsStreamOptions === false) delete body.stream_options;
    else body.stream_options = { ...(request.stream_options as object | null | undefined), include_usage: true };
  } else {
    delete body.stream;
    delete body.stream_options;
  }

  const target = quirks.maxTokensField;
  if (target !== undefined) {
    const other = target === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
    if (body[other] !== undefined && body[other] !== null) {
      if (body[target] === undefined || body[target] === null) body[target] = body[other];
      delete body[other];
    }
  }

  const droppedFields: string[] = [];
  for (const field of quirks.unsupportedFields ?? []) {
    if (body[field] === undefined) continue;
    delete body[field];
    droppedFields.push(field);
  }

  if (quirks.contentAsString === true && Array.isArray(request.messages)) body.messages = flattenContent(request.messages as WireMessage[]);
  return { body, droppedFields };
}

/** The warnings for fields a host does not take. */
export function droppedFieldWarnings(provider: string, fields: readonly string[]): WarningV1[] {
  return fields.map((field) => ({
    type: 'unsupported-setting',
    setting: field,
    message: `Provider "${provider}" does not accept "${field}"; it was dropped.`,
  }));
}

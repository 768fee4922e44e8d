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

const noFields: readonly string[] = [];

/**
 * Makes an OpenAI chat body ready for one host, as one new object (the client's body is never
 * mutated): the model replaced, `stream` and `stream_options.include_usage` forced on for streams
 * (unless the host rejects `stream_options`), removed otherwise, the token-limit field renamed for the
 * host, unsupported fields dropped and, for hosts that want it, text-only content flattened to strings.
 * Used by both paths: on a canonical body and on a client's body forwarded natively.
 *
 * The copy is built in one pass and nothing is ever `delete`d from it: a deleted property turns an
 * object into a dictionary, which `JSON.stringify` then serialises about three times slower.
 */
export function prepareOpenAICompatibleChatBody(
  request: Readonly<Record<string, unknown>>,
  options: PrepareChatBodyOptions,
): PreparedChatBody {
  const quirks = options.quirks ?? {};
  const target = quirks.maxTokensField;
  const other = target === undefined ? undefined : target === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
  // The other limit moves to the host's field, unless the client set that one too (then the other is only removed).
  const otherValue = other === undefined ? undefined : request[other];
  const removesOther = otherValue !== undefined && otherValue !== null;
  const movesOther = removesOther && (request[target!] === undefined || request[target!] === null);
  const flattens = quirks.contentAsString === true;
  const unsupported = quirks.unsupportedFields ?? noFields;
  let dropped: Set<string> | undefined;

  const body: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined && unsupported.length > 0 && unsupported.includes(key)) (dropped ??= new Set()).add(key);
    else body[key] = value;
  };
  const streamOptions = () => ({ ...(request.stream_options as object | null | undefined), include_usage: true });
  const keepsStreamOptions = options.stream && quirks.supportsStreamOptions !== false;
  // Fields keep their place; the ones the body lacks are added at the end (a dropped one is dropped again).
  const putMissing = (key: string, value: unknown) => {
    if (!Object.hasOwn(body, key)) put(key, value);
  };
  for (const key in request) {
    if (!Object.hasOwn(request, key)) continue;
    if (key === 'model') put(key, options.modelId);
    else if (key === 'stream') {
      if (options.stream) put(key, true);
    } else if (key === 'stream_options') {
      if (keepsStreamOptions) put(key, streamOptions());
    } else if (removesOther && key === other) {
      // Moved to the host's field, or dropped when that one is set.
    } else if (movesOther && key === target) put(key, otherValue);
    else {
      const value = request[key];
      put(key, flattens && key === 'messages' && Array.isArray(value) ? flattenContent(value as WireMessage[]) : value);
    }
  }
  putMissing('model', options.modelId);
  if (options.stream) putMissing('stream', true);
  if (keepsStreamOptions) putMissing('stream_options', streamOptions());
  if (movesOther) putMissing(target!, otherValue);
  return { body, droppedFields: dropped === undefined ? [] : unsupported.filter((field) => dropped!.has(field)) };
}

/** The warnings for fields a host does not take. */
export function droppedFieldWarnings(provider: string, fields: readonly string[]): WarningV1[] {
  return fields.map((field) => ({
    type: 'unsupported-setting',
    setting: field,
    message: `Provider "${provider}" does not accept "${field}"; it was dropped.`,
  }));
}

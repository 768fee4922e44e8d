import { prepareOpenAICompatibleChatBody, type PrepareChatBodyOptions } from './prepare-openai-compatible-chat-body.js';

export interface SerializedChatBody {
  /** The JSON text to send upstream. */
  text: string;
  /** Fields removed because the host rejects them. */
  droppedFields: string[];
}

const noFields: string[] = [];
const includeUsage = ',"stream_options":{"include_usage":true}';

function firstKey(value: object): string | undefined {
  for (const key in value) return key;
  return undefined;
}

/**
 * The upstream text without a copy of the body, when the only change `prepareOpenAICompatibleChatBody`
 * would make is the model (and, on a stream, `stream_options` added last): the client's body is
 * serialised as it is and its leading `"model"` value swapped in the text. `undefined` when any other
 * change is needed, or when the model is not the body's first field.
 */
function serializeWithModelSwapped(request: Readonly<Record<string, unknown>>, options: PrepareChatBodyOptions): string | undefined {
  const quirks = options.quirks ?? {};
  if (quirks.contentAsString === true || Object.getPrototypeOf(request) !== Object.prototype) return undefined;
  const model = request.model;
  if (typeof model !== 'string' || firstKey(request) !== 'model') return undefined;
  let suffix = '';
  if (options.stream) {
    if (request.stream !== true) return undefined;
    const streamOptions = request.stream_options;
    if (quirks.supportsStreamOptions === false) {
      if (streamOptions !== undefined) return undefined;
    } else if (!Object.hasOwn(request, 'stream_options')) suffix = includeUsage;
    else return undefined;
  } else if (request.stream !== undefined || request.stream_options !== undefined) return undefined;
  const target = quirks.maxTokensField;
  if (target !== undefined) {
    const other = request[target === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens'];
    if (other !== undefined && other !== null) return undefined;
  }
  for (const field of quirks.unsupportedFields ?? noFields) if (request[field] !== undefined) return undefined;
  const text = JSON.stringify(request);
  const prefix = `{"model":${JSON.stringify(model)}`;
  if (!text.startsWith(prefix)) return undefined;
  const rest = suffix === '' ? text.slice(prefix.length) : `${text.slice(prefix.length, -1)}${suffix}}`;
  return `{"model":${JSON.stringify(options.modelId)}${rest}`;
}

/**
 * The upstream JSON text of `prepareOpenAICompatibleChatBody`'s body, the same text to the byte. A body
 * that needs nothing but its model replaced (most forwarded bodies) is serialised once without being
 * copied; every other body is prepared and then serialised.
 */
export function serializeOpenAICompatibleChatBody(
  request: Readonly<Record<string, unknown>>,
  options: PrepareChatBodyOptions,
): SerializedChatBody {
  const text = serializeWithModelSwapped(request, options);
  if (text !== undefined) return { text, droppedFields: noFields };
  const prepared = prepareOpenAICompatibleChatBody(request, options);
  return { text: JSON.stringify(prepared.body), droppedFields: prepared.droppedFields };
}

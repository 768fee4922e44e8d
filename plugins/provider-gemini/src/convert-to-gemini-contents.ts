import { InvalidRequestError, type ChatMessageV1, type ToolResultPartV1, type WarningV1 } from '@modelgate/core';
import { convertGeminiMedia, type GeminiMediaFetcher } from './convert-gemini-media.js';
import { thoughtSignatureOf } from './gemini-provider-options.js';
import { upstreamToolCallId } from './gemini-tool-call-id.js';
import type { GeminiContent, GeminiPart } from './gemini-wire.js';

export interface ConvertContentsOptions {
  /** The provider instance, for its provider options and messages. */
  provider: string;
  modelId: string;
  fetchMedia: GeminiMediaFetcher;
  filesBaseURL: string;
}

export interface ConvertedContents {
  contents: GeminiContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
}

/**
 * Google documents this value for a function call whose signature was lost (a history written by
 * another model): Gemini 3 refuses a function call without one in the current turn.
 */
export const skipThoughtSignature = 'skip_thought_signature_validator';

function needsSignatures(modelId: string): boolean {
  return /gemini-3/.test(modelId);
}

/** Gemma models take no `systemInstruction`: their system text goes at the start of the first user turn. */
function takesSystemInstruction(modelId: string): boolean {
  return !/(^|\/)gemma/.test(modelId);
}

function parseArguments(input: string, path: string): Record<string, unknown> {
  if (input.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    throw new InvalidRequestError(`${path}.input is not valid JSON; Gemini takes function call arguments as an object.`, {
      param: `${path}.input`,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRequestError(`${path}.input must be a JSON object for Gemini.`, { param: `${path}.input` });
  }
  return value as Record<string, unknown>;
}

/** A tool result as Google documents it: the value under `output`, or under `error` for a failed call. */
function functionResponseValue(part: ToolResultPartV1, path: string, warnings: WarningV1[]): Record<string, unknown> {
  let value: unknown;
  switch (part.output.type) {
    case 'text':
    case 'json':
      value = part.output.value;
      break;
    case 'content': {
      const texts: string[] = [];
      for (const item of part.output.value) {
        if (item.type === 'text') texts.push(item.text);
        else
          warnings.push({
            type: 'unsupported-content',
            setting: `${path}.output`,
            message: `Gemini takes tool results as data; the ${item.type} part of ${path} was dropped.`,
          });
      }
      value = texts.join('\n');
      break;
    }
  }
  return part.isError ? { error: value } : { output: value };
}

/** Appends a content, merging it into the previous one of the same role (a tool result turn followed by user text). */
function push(contents: GeminiContent[], content: GeminiContent): void {
  if (content.parts.length === 0) return;
  const last = contents.at(-1);
  if (last !== undefined && last.role === content.role) last.parts.push(...content.parts);
  else contents.push(content);
}

/**
 * Canonical messages as Gemini `contents` and `systemInstruction`: every system message joins the
 * system instruction in order (none is lost, wherever it sat); assistant turns are `model` turns
 * with their parts in order and each part's thought signature; the results of one tool turn are
 * `functionResponse` parts of one `user` turn, each named after its call (looked up by id when the
 * result has no name) and carrying the call's id when the call had one from Gemini. Empty text is
 * left out. A request with nothing but system text sends it as the user turn, since Gemini needs at
 * least one content.
 */
export async function convertToGeminiContents(
  messages: readonly ChatMessageV1[],
  options: ConvertContentsOptions,
  warnings: WarningV1[],
): Promise<ConvertedContents> {
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  const media = { fetchMedia: options.fetchMedia, filesBaseURL: options.filesBaseURL };

  for (const [messageIndex, message] of messages.entries()) {
    const at = `messages[${messageIndex}]`;
    switch (message.role) {
      case 'system':
        for (const part of message.content) if (part.text.trim() !== '') system.push(part.text);
        break;
      case 'user': {
        const parts: GeminiPart[] = [];
        for (const [partIndex, part] of message.content.entries()) {
          if (part.type === 'text') {
            if (part.text !== '') parts.push({ text: part.text });
          } else {
            parts.push(await convertGeminiMedia(part, `${at}.content[${partIndex}]`, media));
          }
        }
        push(contents, { role: 'user', parts });
        break;
      }
      case 'assistant': {
        const parts: GeminiPart[] = [];
        let signedCall = false;
        for (const [partIndex, part] of message.content.entries()) {
          const signature = thoughtSignatureOf(part.providerOptions, options.provider);
          const signed = signature === undefined ? {} : { thoughtSignature: signature };
          switch (part.type) {
            case 'text':
              if (part.text !== '' || signature !== undefined) parts.push({ text: part.text, ...signed });
              break;
            case 'reasoning':
              if (part.redactedData !== undefined) {
                warnings.push({
                  type: 'unsupported-content',
                  setting: `${at}.content[${partIndex}]`,
                  message: `Gemini cannot take redacted reasoning from another provider; ${at}.content[${partIndex}] was dropped.`,
                });
              } else if (part.text !== '' || signature !== undefined) {
                parts.push({ text: part.text, thought: true, ...signed });
              }
              break;
            case 'tool-call': {
              toolNames.set(part.toolCallId, part.toolName);
              const id = upstreamToolCallId(part.toolCallId);
              const callSignature: string | undefined =
                signature ?? (!signedCall && needsSignatures(options.modelId) ? skipThoughtSignature : undefined);
              signedCall ||= callSignature !== undefined;
              parts.push({
                functionCall: {
                  name: part.toolName,
                  args: parseArguments(part.input, `${at}.content[${partIndex}]`),
                  ...(id === undefined ? {} : { id }),
                },
                ...(callSignature === undefined ? {} : { thoughtSignature: callSignature }),
              });
              break;
            }
            case 'file':
              if (part.source.type === 'data' && part.mediaType !== undefined) {
                parts.push({ inlineData: { mimeType: part.mediaType, data: part.source.data }, ...signed });
              } else {
                parts.push(await convertGeminiMedia(part, `${at}.content[${partIndex}]`, media));
              }
              break;
          }
        }
        push(contents, { role: 'model', parts });
        break;
      }
      case 'tool': {
        const parts: GeminiPart[] = [];
        for (const [partIndex, part] of message.content.entries()) {
          const path = `${at}.content[${partIndex}]`;
          const name = part.toolName ?? toolNames.get(part.toolCallId);
          if (name === undefined) {
            throw new InvalidRequestError(
              `${path}.toolName is required: Gemini pairs a tool result with its call by name, and no earlier call has id "${part.toolCallId}".`,
              { param: `${path}.toolName` },
            );
          }
          const id = upstreamToolCallId(part.toolCallId);
          parts.push({
            functionResponse: { name, response: functionResponseValue(part, path, warnings), ...(id === undefined ? {} : { id }) },
          });
        }
        push(contents, { role: 'user', parts });
        break;
      }
    }
  }

  if (contents.length === 0 && system.length > 0) {
    return { contents: [{ role: 'user', parts: [{ text: system.join('\n\n') }] }] };
  }
  if (system.length === 0) return { contents };
  if (!takesSystemInstruction(options.modelId)) {
    const firstUser = contents.find((content) => content.role === 'user');
    if (firstUser !== undefined) firstUser.parts.unshift({ text: system.join('\n\n') });
    else contents.unshift({ role: 'user', parts: [{ text: system.join('\n\n') }] });
    return { contents };
  }
  return { contents, systemInstruction: { parts: system.map((text) => ({ text })) } };
}

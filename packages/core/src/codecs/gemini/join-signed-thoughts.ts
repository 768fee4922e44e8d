import type { ReasoningPartV1 } from '../../specification/chat/chat-content-v1.js';
import type { AssistantContentPartV1 } from '../../specification/chat/chat-prompt-v1.js';

/** A text or thought part that carries nothing: no text, no signature (the last chunk of a stream has one). */
function isBlank(part: AssistantContentPartV1): boolean {
  return (
    (part.type === 'text' || part.type === 'reasoning') &&
    part.text === '' &&
    part.providerOptions === undefined &&
    (part.type === 'text' || (part.signature === undefined && part.redactedData === undefined))
  );
}

/**
 * A model turn as a stream gave it: thoughts come as several unsigned parts closed by the one with the
 * signature (often with empty text). They become one reasoning part with their text and its signature,
 * the block the backend signed; blank parts are left out unless nothing else is left.
 */
export function joinSignedThoughts(content: AssistantContentPartV1[]): AssistantContentPartV1[] {
  const joined: AssistantContentPartV1[] = [];
  let run: ReasoningPartV1[] = [];
  for (const part of content) {
    if (part.type === 'reasoning' && part.redactedData === undefined && part.signature === undefined) {
      run.push(part);
      continue;
    }
    if (part.type === 'reasoning' && part.signature !== undefined && run.length > 0) {
      joined.push({ ...part, text: run.map((unsigned) => unsigned.text).join('') + part.text });
      run = [];
      continue;
    }
    joined.push(...run, part);
    run = [];
  }
  joined.push(...run);
  const kept = joined.filter((part) => !isBlank(part));
  return kept.length > 0 ? kept : content.slice(0, 1);
}

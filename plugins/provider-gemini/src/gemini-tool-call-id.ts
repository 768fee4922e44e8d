import { createHash } from 'node:crypto';

/**
 * Gemini often answers a function call without an `id`. The canonical model needs one, so the
 * provider makes one that is deterministic (the same answer always gives the same ids: a retry or
 * a replayed stream agrees with the first) and recognisable on the way back: an id with this prefix
 * was made here and is not sent upstream, while any other id (Gemini's own, or another provider's
 * from a mixed history) goes back as `functionCall.id` and `functionResponse.id`, so that the pair
 * still matches.
 */
export const generatedToolCallIdPrefix = 'gemini_call_';

/** The id of the `ordinal`-th call of an answer (0-based), from its position, name and arguments. */
export function generateToolCallId(ordinal: number, name: string, input: string): string {
  const digest = createHash('sha256').update(`${ordinal}\n${name}\n${input}`).digest('base64url').slice(0, 22);
  return `${generatedToolCallIdPrefix}${ordinal}_${digest}`;
}

/** The id to put on the wire for a canonical tool call id: `undefined` for one the provider made. */
export function upstreamToolCallId(toolCallId: string): string | undefined {
  return toolCallId.startsWith(generatedToolCallIdPrefix) ? undefined : toolCallId;
}

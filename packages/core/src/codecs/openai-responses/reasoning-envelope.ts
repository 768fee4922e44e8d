import type { ProviderOptionsV1 } from '../../specification/chat/chat-content-v1.js';

/**
 * What a non-OpenAI provider needs back with its reasoning on the next turn (Anthropic's thinking
 * `signature`, redacted thinking data, the provider options a part came with, such as a Google
 * backend's `thoughtSignature`), carried to the client in a reasoning item's `encrypted_content`,
 * which clients treat as opaque and send back unchanged. The prefix tells it apart from OpenAI's own
 * encrypted content, which is passed through as it is.
 */
const prefix = 'modelgate-reasoning.v1:';

export interface ReasoningEnvelope {
  signature?: string;
  redactedData?: string;
  /** The reasoning part's provider options other than OpenAI's (`google.thoughtSignature`). */
  providerOptions?: ProviderOptionsV1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Provider options as the envelope read them: an object of objects, else nothing. */
function providerOptionsOf(value: unknown): ProviderOptionsV1 | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

export function isReasoningEnvelope(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(prefix);
}

export function encodeReasoningEnvelope(envelope: ReasoningEnvelope): string {
  return prefix + Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

/** The envelope's content, or `undefined` for anything that is not a readable envelope. */
export function decodeReasoningEnvelope(value: string): ReasoningEnvelope | undefined {
  if (!isReasoningEnvelope(value)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value.slice(prefix.length), 'base64url').toString('utf8')) as Record<string, unknown>;
    const envelope: ReasoningEnvelope = {};
    if (typeof parsed['signature'] === 'string') envelope.signature = parsed['signature'];
    if (typeof parsed['redactedData'] === 'string') envelope.redactedData = parsed['redactedData'];
    const providerOptions = providerOptionsOf(parsed['providerOptions']);
    if (providerOptions !== undefined) envelope.providerOptions = providerOptions;
    return envelope;
  } catch {
    return undefined;
  }
}

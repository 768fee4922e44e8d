/**
 * What a non-OpenAI provider needs back with its reasoning on the next turn (Anthropic's thinking
 * `signature`, redacted thinking data), carried to the client in a reasoning item's `encrypted_content`,
 * which clients treat as opaque and send back unchanged. The prefix tells it apart from OpenAI's own
 * encrypted content, which is passed through as it is.
 */
const prefix = 'modelgate-reasoning.v1:';

export interface ReasoningEnvelope {
  signature?: string;
  redactedData?: string;
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
    return envelope;
  } catch {
    return undefined;
  }
}

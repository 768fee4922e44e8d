import { createHash } from 'node:crypto';

const valid = /^[a-zA-Z0-9]{9}$/;
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Whether Mistral takes an id as it is: exactly 9 letters and digits. */
export function isMistralToolCallId(id: string): boolean {
  return valid.test(id);
}

/** 9 base-62 characters from the SHA-256 of `text`: the same text always gives the same id. */
function hashId(text: string): string {
  const digest = createHash('sha256').update(text).digest();
  let value = digest.readBigUInt64BE(0);
  let id = '';
  for (let position = 0; position < 9; position += 1) {
    id += alphabet[Number(value % 62n)];
    value /= 62n;
  }
  return id;
}

/**
 * The tool-call ids of one request, both ways. Mistral refuses ids that are not 9 letters and digits
 * (`call_…` from OpenAI, `toolu_…` from Anthropic); those are replaced by a hash of themselves, so
 * that the assistant's call and its tool result get the same new id and every later turn of the
 * conversation maps them the same way. Ids that are valid already (the ones Mistral made) are kept:
 * what the client sees is what Mistral sent, stable across turns. Two different ids never map to one:
 * the ids that are kept are reserved first, and a hash that is taken is hashed again.
 */
export class MistralToolCallIds {
  private readonly toMistralIds = new Map<string, string>();
  private readonly fromMistralIds = new Map<string, string>();
  private readonly taken = new Set<string>();

  /** `ids`: every id of the conversation, in order. */
  constructor(ids: Iterable<string>) {
    const all = [...ids];
    for (const id of all) if (isMistralToolCallId(id)) this.taken.add(id);
    for (const id of all) this.toMistral(id);
  }

  /** The id to send to Mistral for a client's id. */
  toMistral(id: string): string {
    if (isMistralToolCallId(id)) return id;
    const known = this.toMistralIds.get(id);
    if (known !== undefined) return known;
    let mapped = hashId(id);
    for (let attempt = 1; this.taken.has(mapped); attempt += 1) mapped = hashId(`${id}#${attempt}`);
    this.taken.add(mapped);
    this.toMistralIds.set(id, mapped);
    this.fromMistralIds.set(mapped, id);
    return mapped;
  }

  /** The client's id for an id Mistral sent: the original when it is one this map made, else the id itself. */
  fromMistral(id: string): string {
    return this.fromMistralIds.get(id) ?? id;
  }
}

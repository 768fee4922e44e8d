/** FNV-1a over the UTF-16 code units of a string: a 32-bit seed. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A deterministic unit vector for a text (or a token array, as in OpenAI's `input: number[]`): a hash
 * seeds xorshift32, so the same input always gives the same vector. With `float32`, every value is
 * rounded to a float32, so that a `float` and a `base64` encoding of one vector decode to the same
 * numbers. For providers and mocks that must answer embeddings without a model.
 */
export function deterministicEmbedding(
  input: string | readonly number[],
  dimensions: number,
  options: { float32?: boolean } = {},
): number[] {
  let state = hashText(typeof input === 'string' ? input : JSON.stringify(input)) || 1;
  const values: number[] = [];
  let norm = 0;
  for (let index = 0; index < dimensions; index += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const value = state / 0xffffffff - 0.5;
    values.push(value);
    norm += value * value;
  }
  const length = Math.sqrt(norm) || 1;
  return options.float32 === true ? values.map((value) => Math.fround(value / length)) : values.map((value) => value / length);
}

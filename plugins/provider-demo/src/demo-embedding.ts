/** The vector length when a request names no `dimensions`. */
export const defaultDemoEmbeddingDimensions = 16;

/** FNV-1a over the UTF-16 code units: a 32-bit seed. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A deterministic unit vector for a text (or token array), from a hash seeding xorshift32: same input, same vector. */
export function demoEmbedding(value: string | readonly number[], dimensions = defaultDemoEmbeddingDimensions): number[] {
  let state = hashText(typeof value === 'string' ? value : JSON.stringify(value)) || 1;
  const vector: number[] = [];
  let norm = 0;
  for (let index = 0; index < dimensions; index += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const component = state / 0xffffffff - 0.5;
    vector.push(component);
    norm += component * component;
  }
  const length = Math.sqrt(norm) || 1;
  return vector.map((component) => component / length);
}

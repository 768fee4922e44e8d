import { deterministicEmbedding } from '@modelgate/plugin-kit';

/** The vector length when a request names no `dimensions`. */
export const defaultDemoEmbeddingDimensions = 16;

/** The demo model's vector for a text (or token array): deterministic, unit length. */
export function demoEmbedding(value: string | readonly number[], dimensions = defaultDemoEmbeddingDimensions): number[] {
  return deterministicEmbedding(value, dimensions);
}

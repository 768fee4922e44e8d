import { deterministicEmbedding } from '@modelgate/plugin-kit';

/** The vector length when the request names no `dimensions` (that of `text-embedding-3-small`). */
export const defaultEmbeddingDimensions = 1536;

/**
 * The deterministic unit vector the mock answers for an input (a string, or a token array as in
 * OpenAI's `input: number[]`). Every value is a float32, so the `float` and `base64` encodings of
 * one input decode to the same numbers.
 */
export function mockEmbedding(input: string | readonly number[], dimensions = defaultEmbeddingDimensions): number[] {
  return deterministicEmbedding(input, dimensions, { float32: true });
}

/** Little-endian float32 bytes in base64, as OpenAI sends `encoding_format: 'base64'`. */
export function encodeEmbeddingBase64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

/** Splits an embeddings `input` into its items: a string, strings, a token array or token arrays. */
export function embeddingInputs(input: unknown): Array<string | number[]> {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  if (input.every((item) => typeof item === 'number')) return [input as number[]];
  return input.filter((item): item is string | number[] => typeof item === 'string' || Array.isArray(item));
}

function tokenCount(input: string | number[]): number {
  if (typeof input !== 'string') return input.length;
  return Math.max(1, input.split(/\s+/).filter(Boolean).length);
}

/** The `/v1/embeddings` answer for a request body. */
export function embeddingResponseBody(request: {
  model?: unknown;
  input?: unknown;
  dimensions?: unknown;
  encoding_format?: unknown;
}): Record<string, unknown> {
  const dimensions = typeof request.dimensions === 'number' && request.dimensions > 0 ? request.dimensions : defaultEmbeddingDimensions;
  const inputs = embeddingInputs(request.input);
  const promptTokens = inputs.reduce((sum, input) => sum + tokenCount(input), 0);
  return {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = mockEmbedding(input, dimensions);
      return {
        object: 'embedding',
        index,
        embedding: request.encoding_format === 'base64' ? encodeEmbeddingBase64(vector) : vector,
      };
    }),
    model: typeof request.model === 'string' ? request.model : 'text-embedding-3-small',
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

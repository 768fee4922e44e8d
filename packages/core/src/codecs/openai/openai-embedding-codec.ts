import type { EmbeddingCodecV1, EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { EmbeddingRequestV1, EmbeddingResponseV1 } from '../../specification/chat/embedding-v1.js';
import { validateRequest } from '../../validation/validate-request.js';
import type { OpenAIEmbeddingRequest, OpenAIEmbeddingResponse } from './openai-embedding-wire-types.js';
import { openAIErrorBodyOf } from './openai-error-body.js';
import { openAIEmbeddingRequestSchema } from './openai-request-schemas.js';
import { unmappedFields } from './unmapped-fields.js';

export interface OpenAIEmbeddingEncoding {
  format: 'float' | 'base64';
}

const mappedFields = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user']);

function valuesOf(input: OpenAIEmbeddingRequest['input']): EmbeddingRequestV1['values'] {
  if (typeof input === 'string') return [input];
  if (input.length > 0 && typeof input[0] === 'number') return [input as number[]];
  return input as string[] | number[][];
}

/** A vector as OpenAI's base64: the little-endian float32 bytes. */
function toBase64(vector: readonly number[]): string {
  const floats = Float32Array.from(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

/** `POST /v1/embeddings`. Providers return floats; base64 is encoded here when the client asks for it. */
export const openAIEmbeddingCodec: EmbeddingCodecV1<OpenAIEmbeddingEncoding> = {
  specificationVersion: 'v1',
  name: 'openai-embeddings',
  decode(body: unknown) {
    const wire = validateRequest(openAIEmbeddingRequestSchema, body) as OpenAIEmbeddingRequest;
    const request: EmbeddingRequestV1 = { model: wire.model, values: valuesOf(wire.input) };
    if (wire.dimensions !== undefined) request.dimensions = wire.dimensions;
    if (wire.user !== undefined) request.user = wire.user;
    const options = unmappedFields(wire, mappedFields);
    if (options !== undefined) request.providerOptions = { openai: options };
    return { request, encoding: { format: wire.encoding_format ?? 'float' } };
  },
  encodeResponse(response: EmbeddingResponseV1, context: EncodeContextV1<OpenAIEmbeddingEncoding>): OpenAIEmbeddingResponse {
    const base64 = context.encoding.format === 'base64';
    const inputTokens = response.usage?.inputTokens ?? 0;
    return {
      object: 'list',
      data: response.embeddings.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector })),
      model: response.model ?? context.model,
      usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
    };
  },
  encodeError: openAIErrorBodyOf,
};

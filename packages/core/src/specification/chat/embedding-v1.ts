import { z } from 'zod';
import { providerOptionsV1Schema } from './chat-content-v1.js';

/** Texts (or pre-tokenised inputs) to embed, in order. */
export const embeddingRequestV1Schema = z.strictObject({
  model: z.string().min(1),
  values: z.array(z.union([z.string(), z.array(z.number().int())])).min(1),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type EmbeddingRequestV1 = z.infer<typeof embeddingRequestV1Schema>;

/**
 * One vector per value, in the order of the request, as plain numbers: encoding them for a surface
 * (OpenAI's `encoding_format: base64`) is the codec's job, not the provider's.
 */
export const embeddingResponseV1Schema = z.strictObject({
  embeddings: z.array(z.array(z.number())),
  usage: z.strictObject({ inputTokens: z.number().int().nonnegative() }).optional(),
  /** The model that answered, as the provider names it. */
  model: z.string().optional(),
  providerMetadata: providerOptionsV1Schema.optional(),
});
export type EmbeddingResponseV1 = z.infer<typeof embeddingResponseV1Schema>;

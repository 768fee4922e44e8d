import { z } from 'zod';
import { providerOptionsV1Schema } from './chat/chat-content-v1.js';
import { responseMetadataV1Schema } from './chat/chat-response-v1.js';

/**
 * A rerank request in core's canonical model: score each document's relevance to the query. Documents are
 * plain texts; a surface that accepts structured documents (Cohere's `{text}` objects) flattens them first.
 */
export const rerankRequestV1Schema = z.strictObject({
  /** The public model name the client asked for (providers call their own deployment model). */
  model: z.string().min(1),
  query: z.string().min(1),
  documents: z.array(z.string()).min(1),
  /** How many results to return, best first; all documents when absent. */
  topN: z.number().int().positive().optional(),
  /** Each document is cut to this many tokens before it is scored, where the provider offers it. */
  maxTokensPerDocument: z.number().int().positive().optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type RerankRequestV1 = z.infer<typeof rerankRequestV1Schema>;

/** One scored document: `index` is its position in the request's `documents`. */
export const rerankScoreV1Schema = z.strictObject({
  index: z.number().int().nonnegative(),
  relevanceScore: z.number(),
});
export type RerankScoreV1 = z.infer<typeof rerankScoreV1Schema>;

/**
 * The scores, sorted by `relevanceScore`, highest first (at most `topN`). Usage is what the provider bills
 * by: search units (Cohere: one query with up to 100 documents) or input tokens; a count it did not report
 * is absent.
 */
export const rerankResponseV1Schema = z.strictObject({
  results: z.array(rerankScoreV1Schema),
  usage: z
    .strictObject({
      searchUnits: z.number().nonnegative().optional(),
      inputTokens: z.number().int().nonnegative().optional(),
    })
    .optional(),
  metadata: responseMetadataV1Schema,
  providerMetadata: providerOptionsV1Schema.optional(),
});
export type RerankResponseV1 = z.infer<typeof rerankResponseV1Schema>;

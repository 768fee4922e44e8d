import { z } from 'zod';
import type { CallOptions, UpstreamMetadata } from './provider-v1.js';
import { providerOptionsV1Schema } from './chat/chat-content-v1.js';

/** Inputs to classify; each is judged on its own. */
export const moderationRequestV1Schema = z.strictObject({
  model: z.string().min(1),
  inputs: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('text'), text: z.string() }),
        z.strictObject({ type: z.literal('image'), url: z.string() }),
      ]),
    )
    .min(1),
  /** The inputs are one piece of content (a text with its images): one result for all. Default: one result per input. */
  combined: z.boolean().optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type ModerationRequestV1 = z.infer<typeof moderationRequestV1Schema>;

export const moderationResultV1Schema = z.strictObject({
  flagged: z.boolean(),
  /** Category name (the provider's, e.g. `violence`, `self-harm/intent`) → whether it was flagged. */
  categories: z.record(z.string(), z.boolean()),
  /** Category name → the model's confidence, 0 to 1. */
  categoryScores: z.record(z.string(), z.number()),
  /** Category name → which input types led to it (`text`, `image`), when the provider says. */
  categoryInputTypes: z.record(z.string(), z.array(z.string())).optional(),
});
export type ModerationResultV1 = z.infer<typeof moderationResultV1Schema>;

export const moderationResponseV1Schema = z.strictObject({
  /** One result per input, in order; one result when the request was `combined`. */
  results: z.array(moderationResultV1Schema),
  id: z.string().optional(),
  model: z.string().optional(),
});
export type ModerationResponseV1 = z.infer<typeof moderationResponseV1Schema>;

export interface ModerationModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  moderate(request: ModerationRequestV1, options: CallOptions): Promise<{ response: ModerationResponseV1; upstream?: UpstreamMetadata }>;
}

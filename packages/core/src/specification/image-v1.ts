import { z } from 'zod';
import type { CallOptions, UpstreamMetadata } from './provider-v1.js';
import { providerOptionsV1Schema } from './chat/chat-content-v1.js';

/** Images to generate from a text prompt. */
export const imageRequestV1Schema = z.strictObject({
  model: z.string().min(1),
  prompt: z.string().min(1),
  /** How many images. Default 1. */
  count: z.number().int().positive().optional(),
  /** `WIDTHxHEIGHT` (`1024x1024`) or a provider's own word (`auto`). */
  size: z.string().optional(),
  quality: z.string().optional(),
  style: z.string().optional(),
  /** How the images come back: a URL the provider hosts, or the bytes as base64. Default: the provider's. */
  delivery: z.enum(['url', 'base64']).optional(),
  user: z.string().optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type ImageRequestV1 = z.infer<typeof imageRequestV1Schema>;

export const generatedImageV1Schema = z.strictObject({
  url: z.string().optional(),
  /** The image bytes, base64. */
  base64: z.string().optional(),
  mediaType: z.string().optional(),
  /** The prompt the model actually used, when it rewrote it. */
  revisedPrompt: z.string().optional(),
});
export type GeneratedImageV1 = z.infer<typeof generatedImageV1Schema>;

export const imageResponseV1Schema = z.strictObject({
  images: z.array(generatedImageV1Schema),
  /** Unix time in seconds. */
  created: z.number().int().optional(),
  /** Token counts, for models that bill images in tokens. */
  usage: z.strictObject({ inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative() }).optional(),
});
export type ImageResponseV1 = z.infer<typeof imageResponseV1Schema>;

export interface ImageModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  generate(request: ImageRequestV1, options: CallOptions): Promise<{ response: ImageResponseV1; upstream?: UpstreamMetadata }>;
}

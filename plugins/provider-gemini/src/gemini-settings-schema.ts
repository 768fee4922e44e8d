import { z } from 'zod';
import { mediaFetchSettingsSchema } from './gemini-media-settings.js';

/** The settings of one `providers:` entry of `type: gemini` (or `google`). */
export const geminiSettingsSchema = z.strictObject({
  /** The key; by default read at call time from `GEMINI_API_KEY`, else `GOOGLE_API_KEY`. */
  api_key: z.string().min(1).optional(),
  /** The API root, default `https://generativelanguage.googleapis.com/v1beta`. */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  /** Extra headers on every upstream request. */
  headers: z.record(z.string(), z.string()).optional(),
  media_fetch: mediaFetchSettingsSchema.optional(),
});

export type GeminiSettings = z.output<typeof geminiSettingsSchema>;

import { z } from 'zod';

/** The settings of one `providers:` entry served by this plugin (snake_case, as in the YAML). */
export const mistralSettingsSchema = z.strictObject({
  /** The key; by default `MISTRAL_API_KEY`, read at call time. */
  api_key: z.string().min(1).optional(),
  /** Default `https://api.mistral.ai/v1`. */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  /** Whether `MISTRAL_API_KEY` may be sent to a `base_url` that is not Mistral's. */
  environment_fallback: z.boolean().optional(),
  /** Extra headers on every upstream request. */
  headers: z.record(z.string(), z.string()).optional(),
});

export type MistralSettings = z.output<typeof mistralSettingsSchema>;

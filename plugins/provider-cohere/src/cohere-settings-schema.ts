import { z } from 'zod';

/** The settings of one `providers:` entry of `type: cohere` (snake_case, as in the YAML). */
export const cohereSettingsSchema = z.strictObject({
  /** Else read at call time from `CO_API_KEY`, then `COHERE_API_KEY` (only when calling Cohere's own host). */
  api_key: z.string().min(1).optional(),
  /** Default `https://api.cohere.com`; a private deployment or a proxy in front of it. */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  /** Sent as `X-Client-Name` (shown in Cohere's usage dashboard). */
  client_name: z.string().min(1).optional(),
  /** Extra headers on every upstream request. */
  headers: z.record(z.string(), z.string()).optional(),
});

export type CohereSettings = z.output<typeof cohereSettingsSchema>;

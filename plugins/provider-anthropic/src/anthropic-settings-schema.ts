import { z } from 'zod';

/** The settings of one `providers:` entry of `type: anthropic` (snake_case, as in the YAML). */
export const anthropicSettingsSchema = z.strictObject({
  /** Sent as `x-api-key`; by default read at call time from `ANTHROPIC_API_KEY`. */
  api_key: z.string().min(1).optional(),
  /** The API root without `/v1` (default `https://api.anthropic.com`). */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  /** The `anthropic-version` header (default `2023-06-01`). Under `2026-10-21` sampling settings are dropped with a warning. */
  anthropic_version: z.string().min(1).optional(),
  /** Beta flags sent as `anthropic-beta` (comma-joined) on every request. */
  beta: z.array(z.string().min(1)).optional(),
  /** `max_tokens` when the client sends no limit; by default the model's published maximum output, else 4096. */
  default_max_tokens: z.number().int().positive().optional(),
  /** Extra headers on every upstream request. */
  headers: z.record(z.string(), z.string()).optional(),
});

export type AnthropicSettings = z.output<typeof anthropicSettingsSchema>;

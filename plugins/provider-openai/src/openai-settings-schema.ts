import { openAICompatibleAbilities, type OpenAICompatibleAbility } from '@modelgate/plugin-kit';
import { z } from 'zod';

/** Per-instance overrides of the catalog's quirks (snake_case, as in the YAML). */
export const openAIQuirksSchema = z.strictObject({
  max_tokens_field: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
  supports_stream_options: z.boolean().optional(),
  unsupported_fields: z.array(z.string().min(1)).optional(),
  auth_header: z.enum(['authorization', 'api-key']).optional(),
  content_as_string: z.boolean().optional(),
});

/** The settings of one `providers:` entry served by this plugin. */
export const openAISettingsSchema = z.strictObject({
  /** Overrides the environment variable of the catalog entry (`OPENAI_API_KEY`, `GROQ_API_KEY`). */
  api_key: z.string().min(1).optional(),
  /** Overrides the catalog's base URL; required for hosts with an account or resource in the URL. */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  /** Sent as `OpenAI-Organization`. */
  organization: z.string().min(1).optional(),
  /** Sent as `OpenAI-Project`. */
  project: z.string().min(1).optional(),
  /** Extra headers on every upstream request. */
  headers: z.record(z.string(), z.string()).optional(),
  quirks: openAIQuirksSchema.optional(),
  /**
   * The endpoints besides chat, embeddings and models that the host serves (`text-completions`,
   * `images`, `speech`, `transcriptions`, `moderations`); replaces the catalog entry's list.
   */
  abilities: z.array(z.enum(openAICompatibleAbilities as [OpenAICompatibleAbility, ...OpenAICompatibleAbility[]])).optional(),
});

export type OpenAISettings = z.output<typeof openAISettingsSchema>;
export type OpenAIQuirksSettings = z.output<typeof openAIQuirksSchema>;

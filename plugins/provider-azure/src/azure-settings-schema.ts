import { z } from 'zod';

/** A dated Azure OpenAI API version: `2024-10-21`, `2025-04-01-preview`. */
const apiVersion = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:-preview)?$/, 'a dated API version such as 2024-10-21');

/** The settings of one `providers:` entry served by this plugin (snake_case, as in the YAML). */
export const azureSettingsSchema = z.strictObject({
  /** The resource endpoint, `https://my-resource.openai.azure.com` (a trailing `/openai` or `/openai/v1` is ignored). */
  base_url: z.url({ protocol: /^https?$/ }),
  /** The resource key, sent as `api-key`; by default `AZURE_OPENAI_API_KEY`. */
  api_key: z.string().min(1).optional(),
  /** A Microsoft Entra ID access token, sent as `Authorization: Bearer`; by default `AZURE_OPENAI_AD_TOKEN`. */
  azure_ad_token: z.string().min(1).optional(),
  /** Set: the classic deployment API with this `api-version`. Unset: the `/openai/v1` API. */
  api_version: apiVersion.optional(),
  /** For prices and limits: the OpenAI model each deployment runs, when its name does not say (`{ chat-prod: gpt-4.1 }`). */
  deployment_models: z.record(z.string().min(1), z.string().min(1)).optional(),
  /** Whether `AZURE_OPENAI_API_KEY` / `AZURE_OPENAI_AD_TOKEN` may be used for a `base_url` outside Azure's domains. */
  environment_fallback: z.boolean().optional(),
  /** Extra headers on every upstream request. */
  headers: z.record(z.string(), z.string()).optional(),
});

export type AzureSettings = z.output<typeof azureSettingsSchema>;

import { z } from 'zod';

/** How URL images and documents are downloaded (Bedrock takes only inline bytes or S3). */
export const bedrockMediaFetchSchema = z.strictObject({
  /** Allow loopback, private and link-local addresses. Off by default: a client must not make the gateway reach inside. */
  allow_private_network: z.boolean().optional(),
  /** Largest download accepted, in bytes. Default 20 MiB. */
  max_bytes: z.number().int().positive().optional(),
  /** Time allowed for one download, in ms. Default 10 000. */
  timeout_ms: z.number().int().positive().optional(),
});

/** The settings of one `providers:` entry of `type: bedrock`. */
export const bedrockSettingsSchema = z.strictObject({
  /** The AWS region (`us-east-1`); else `AWS_REGION`, then `AWS_DEFAULT_REGION`. */
  region: z
    .string()
    .regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/, 'an AWS region such as us-east-1')
    .optional(),
  /** SigV4 credentials; else `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`. */
  access_key_id: z.string().min(1).optional(),
  secret_access_key: z.string().min(1).optional(),
  session_token: z.string().min(1).optional(),
  /** A Bedrock API key, sent as `Authorization: Bearer`; else `AWS_BEARER_TOKEN_BEDROCK`. */
  api_key: z.string().min(1).optional(),
  /** `auto` (default): an API key when one is set, else SigV4. `sigv4` or `api_key` use only that one. */
  auth: z.enum(['auto', 'sigv4', 'api_key']).optional(),
  /** Overrides `https://bedrock-runtime.{region}.amazonaws.com` (a VPC endpoint, a proxy, a test mock). */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  /** Overrides the control plane `https://bedrock.{region}.amazonaws.com` (model listing, health). */
  control_plane_url: z.url({ protocol: /^https?$/ }).optional(),
  media_fetch: bedrockMediaFetchSchema.optional(),
});

export type BedrockSettings = z.output<typeof bedrockSettingsSchema>;
export type BedrockMediaFetchSettings = z.output<typeof bedrockMediaFetchSchema>;

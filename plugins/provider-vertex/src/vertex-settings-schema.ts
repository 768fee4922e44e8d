import { mediaFetchSettingsSchema } from '@modelgate/provider-gemini';
import { z } from 'zod';

/** The settings of one `providers:` entry of `type: vertex`. */
export const vertexSettingsSchema = z.strictObject({
  /** The Google Cloud project; default the service account's `project_id`. */
  project: z.string().min(1).optional(),
  /** A region (`us-central1`) or `global`. Default `us-central1`. */
  location: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'a location such as us-central1, europe-west4 or global')
    .optional(),
  /** The path of the service-account key file (relative to the working directory). */
  credentials_file: z.string().min(1).optional(),
  /** The service-account key itself, as an object or its JSON text. */
  credentials: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
  /** Overrides `https://{location}-aiplatform.googleapis.com/v1`. */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  media_fetch: mediaFetchSettingsSchema.optional(),
});

export type VertexSettings = z.output<typeof vertexSettingsSchema>;

import { fetchMedia, type FetchMediaOptions } from '@modelgate/plugin-kit';
import { z } from 'zod';
import type { GeminiMediaFetcher } from './convert-gemini-media.js';

/** `media_fetch:` — how image and document URLs that Google cannot read itself are downloaded. */
export const mediaFetchSettingsSchema = z.strictObject({
  /** Allow loopback, private and link-local addresses (off: a client cannot make the gateway fetch inside the network). */
  allow_private_network: z.boolean().optional(),
  /** Largest download, in bytes (default 20 MiB, Gemini's inline request limit). */
  max_bytes: z.number().int().positive().optional(),
  /** Time allowed for one download, in ms (default 10 000). */
  timeout_ms: z.number().int().positive().optional(),
});

export type MediaFetchSettings = z.output<typeof mediaFetchSettingsSchema>;

/** The media options of a library user, in camelCase. */
export interface GeminiMediaOptions {
  allowPrivateNetwork?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
}

export function mediaOptionsOf(settings: MediaFetchSettings | undefined): GeminiMediaOptions | undefined {
  if (settings === undefined) return undefined;
  return {
    ...(settings.allow_private_network === undefined ? {} : { allowPrivateNetwork: settings.allow_private_network }),
    ...(settings.max_bytes === undefined ? {} : { maxBytes: settings.max_bytes }),
    ...(settings.timeout_ms === undefined ? {} : { timeoutMs: settings.timeout_ms }),
  };
}

/** plugin-kit's `fetchMedia` with the operator's limits. */
export function createMediaFetcher(options: GeminiMediaOptions = {}): GeminiMediaFetcher {
  const fetchOptions: FetchMediaOptions = {
    ...(options.allowPrivateNetwork === undefined ? {} : { allowPrivateNetwork: options.allowPrivateNetwork }),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  return (url) => fetchMedia(url, fetchOptions);
}

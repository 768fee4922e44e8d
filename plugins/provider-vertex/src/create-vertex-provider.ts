import type { PluginLogger } from '@modelgate/core';
import { HttpPools, type UpstreamLimits } from '@modelgate/plugin-kit';
import { createMediaFetcher, GeminiClient, type GeminiMediaFetcher, type GeminiMediaOptions } from '@modelgate/provider-gemini';
import { VertexEndpoint } from './vertex-endpoint.js';
import { VertexProvider } from './vertex-provider.js';

export interface VertexProviderSettings {
  /** The instance name (default `vertex`). */
  name?: string;
  /** The Google Cloud project; default the service account's `project_id`. */
  project?: string;
  /** The region (`us-central1`, `europe-west4`…) or `global`. Default `us-central1`. */
  location?: string;
  /** The service-account key as an object or its JSON text. */
  credentials?: unknown;
  /** The path of the service-account key file. */
  credentialsFile?: string;
  /** Overrides `https://{location}-aiplatform.googleapis.com/v1` (project and location paths follow it). */
  baseURL?: string;
  headers?: Record<string, string>;
  /**
   * Whether `GOOGLE_APPLICATION_CREDENTIALS` may name the key file when the settings give none. By
   * default only when calls go to Google's own host.
   */
  environmentFallback?: boolean;
  environment?: Readonly<Record<string, string | undefined>>;
  mediaFetch?: GeminiMediaOptions;
  fetchMedia?: GeminiMediaFetcher;
  pools?: HttpPools;
  limits?: UpstreamLimits;
  logger?: PluginLogger;
  /** The clock of the token cache, in milliseconds (tests). */
  now?(): number;
  settingsPath?: string;
}

/** Creates a Vertex AI provider. Nothing is read or connected here: the key is read and a token fetched on the first call. */
export function createVertexProvider(settings: VertexProviderSettings = {}): VertexProvider {
  const name = settings.name ?? 'vertex';
  const settingsPath = settings.settingsPath ?? `providers.${name}`;
  const idleTimeoutMs = settings.limits?.idleTimeoutMs;
  const pools = settings.pools ?? new HttpPools(idleTimeoutMs === undefined ? {} : { bodyTimeout: idleTimeoutMs });
  const endpoint = new VertexEndpoint({
    provider: name,
    project: settings.project,
    location: settings.location ?? 'us-central1',
    baseURL: settings.baseURL,
    credentials: settings.credentials,
    credentialsFile: settings.credentialsFile,
    environmentFallback: settings.environmentFallback ?? settings.baseURL === undefined,
    environment: settings.environment ?? process.env,
    settingsPath,
    pools,
    ...(settings.now === undefined ? {} : { now: settings.now }),
  });
  return new VertexProvider({
    name,
    client: new GeminiClient(name, endpoint, pools, settings.headers, settings.limits),
    endpoint,
    fetchMedia: settings.fetchMedia ?? createMediaFetcher(settings.mediaFetch),
    pools,
    ownsPools: settings.pools === undefined,
    settingsPath,
  });
}

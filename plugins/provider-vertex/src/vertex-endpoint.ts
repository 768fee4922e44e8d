import { MissingCredentialError, type CallOptions } from '@modelgate/core';
import type { HttpPools } from '@modelgate/plugin-kit';
import type { GeminiEndpoint } from '@modelgate/provider-gemini';
import { GoogleAccessTokenSource } from './google-access-token-source.js';
import { readServiceAccountKey, type ServiceAccountCredentials } from './service-account-key.js';

export const credentialsVariable = 'GOOGLE_APPLICATION_CREDENTIALS';

export interface VertexEndpointOptions {
  provider: string;
  /** The project; default the key's `project_id`. */
  project?: string | undefined;
  location: string;
  /** Overrides `https://{location}-aiplatform.googleapis.com/v1`. */
  baseURL?: string | undefined;
  /** The key as an object or JSON text. */
  credentials?: unknown;
  /** The path of the key file. */
  credentialsFile?: string | undefined;
  /** Whether `GOOGLE_APPLICATION_CREDENTIALS` may name the key file. */
  environmentFallback: boolean;
  environment: Readonly<Record<string, string | undefined>>;
  settingsPath: string;
  pools: HttpPools;
  now?(): number;
}

/** Vertex AI's host for a location: regional `{location}-aiplatform.googleapis.com`, or `aiplatform.googleapis.com` for `global`. */
export function defaultVertexBaseURL(location: string): string {
  return location === 'global' ? 'https://aiplatform.googleapis.com/v1' : `https://${location}-aiplatform.googleapis.com/v1`;
}

/**
 * Vertex AI: `{base}/projects/{project}/locations/{location}/publishers/google/models/{model}:{method}`,
 * authenticated with a service account's access token. The key is read on the first call (from the
 * settings, else the file `GOOGLE_APPLICATION_CREDENTIALS` names) and kept.
 */
export class VertexEndpoint implements GeminiEndpoint {
  readonly baseURL: string;
  readonly tokens: GoogleAccessTokenSource;
  private credentials: ServiceAccountCredentials | undefined;

  constructor(private readonly options: VertexEndpointOptions) {
    this.baseURL = (options.baseURL ?? defaultVertexBaseURL(options.location)).replace(/\/+$/, '');
    this.tokens = new GoogleAccessTokenSource({
      provider: options.provider,
      credentials: () => this.serviceAccount(),
      pools: options.pools,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  }

  /** `projects/{project}/locations/{location}`. */
  locationPath(): string {
    return `projects/${encodeURIComponent(this.project())}/locations/${encodeURIComponent(this.options.location)}`;
  }

  modelURL(modelId: string, method: string): string {
    // A full resource name (a tuned model's endpoint, another publisher's model) is used as given.
    if (modelId.startsWith('projects/')) return `${this.baseURL}/${modelId}:${method}`;
    const model = modelId.startsWith('publishers/') ? modelId : `publishers/google/models/${modelId}`;
    return `${this.baseURL}/${this.locationPath()}/${model}:${method}`;
  }

  async credentialHeaders(_call: CallOptions): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.tokens.token()}` };
  }

  /** Whether a key is configured or named by the environment (read now, without opening it). */
  hasCredentials(): boolean {
    return this.keySource() !== undefined;
  }

  project(): string {
    return this.options.project ?? this.serviceAccount().projectId ?? this.missing();
  }

  serviceAccount(): ServiceAccountCredentials {
    if (this.credentials !== undefined) return this.credentials;
    const source = this.keySource();
    if (source === undefined) return this.missing();
    this.credentials = readServiceAccountKey(source.from, source.where);
    return this.credentials;
  }

  private keySource(): { from: { json: unknown } | { file: string }; where: string } | undefined {
    const path = this.options.settingsPath;
    if (this.options.credentials !== undefined) return { from: { json: this.options.credentials }, where: `${path}.credentials` };
    if (this.options.credentialsFile !== undefined)
      return { from: { file: this.options.credentialsFile }, where: `${path}.credentials_file` };
    const file = this.options.environmentFallback ? this.options.environment[credentialsVariable] : undefined;
    if (file !== undefined && file.trim() !== '') return { from: { file: file.trim() }, where: credentialsVariable };
    return undefined;
  }

  private missing(): never {
    throw new MissingCredentialError({
      provider: this.options.provider,
      setting: `${this.options.settingsPath}.credentials_file`,
      environmentVariable: credentialsVariable,
    });
  }
}

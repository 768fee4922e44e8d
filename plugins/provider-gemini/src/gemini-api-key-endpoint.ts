import { MissingCredentialError, type CallOptions } from '@modelgate/core';
import type { GeminiEndpoint } from './gemini-client.js';
import { geminiModelName } from './gemini-embedding-model.js';

export const defaultGeminiBaseURL = 'https://generativelanguage.googleapis.com/v1beta';

/**
 * The environment variables a Gemini key is read from, in order. `GEMINI_API_KEY` is the one Google's
 * Gemini docs name; `GOOGLE_API_KEY` is the one Google's SDKs also read, so a machine set up for them works.
 */
export const geminiKeyVariables = ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] as const;

export interface GeminiApiKeyEndpointOptions {
  provider: string;
  baseURL: string;
  apiKey?: string | undefined;
  /** Whether the environment may supply the key (only for Google's own host, unless the operator allows it). */
  environmentFallback: boolean;
  environment: Readonly<Record<string, string | undefined>>;
  /** The settings path of the key, for the missing-key error. */
  apiKeySetting: string;
}

function present(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** The Gemini Developer API: `{baseURL}/models/{model}:{method}`, the key in `x-goog-api-key`. */
export class GeminiApiKeyEndpoint implements GeminiEndpoint {
  readonly baseURL: string;

  constructor(private readonly options: GeminiApiKeyEndpointOptions) {
    this.baseURL = options.baseURL.replace(/\/+$/, '');
  }

  modelURL(modelId: string, method: string): string {
    return `${this.baseURL}/${geminiModelName(modelId)}:${method}`;
  }

  /** The key from the settings, else from the environment, read now. */
  apiKey(): string | undefined {
    if (present(this.options.apiKey)) return this.options.apiKey.trim();
    if (!this.options.environmentFallback) return undefined;
    for (const name of geminiKeyVariables) {
      const value = this.options.environment[name];
      if (present(value)) return value.trim();
    }
    return undefined;
  }

  async credentialHeaders(_call: CallOptions): Promise<Record<string, string>> {
    const key = this.apiKey();
    if (key === undefined) {
      throw new MissingCredentialError({
        provider: this.options.provider,
        setting: this.options.apiKeySetting,
        environmentVariable: geminiKeyVariables[0],
      });
    }
    return { 'x-goog-api-key': key };
  }
}

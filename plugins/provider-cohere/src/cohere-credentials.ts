import { MissingCredentialError, type CredentialStateV1 } from '@modelgate/core';

/** Cohere's SDKs read `CO_API_KEY`; much other tooling (LangChain, LlamaIndex) reads `COHERE_API_KEY`. Both count, in that order. */
export const cohereApiKeyEnvironmentVariables = ['CO_API_KEY', 'COHERE_API_KEY'] as const;

export interface CohereCredentialSettings {
  /** The provider instance name, for messages. */
  name: string;
  apiKey?: string | undefined;
  /** Whether the environment variables may supply a missing key (only towards Cohere's own host by default). */
  environmentFallback: boolean;
  environment?: Readonly<Record<string, string | undefined>> | undefined;
  /** The settings path of the key (`providers.cohere.api_key`). */
  setting: string;
}

function present(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function fromEnvironment(settings: CohereCredentialSettings): string | undefined {
  if (!settings.environmentFallback) return undefined;
  const environment = settings.environment ?? process.env;
  for (const variable of cohereApiKeyEnvironmentVariables) {
    const value = environment[variable];
    if (present(value)) return value.trim();
  }
  return undefined;
}

/** The key, read now (on every call, never at start-up): the setting, else `CO_API_KEY`, else `COHERE_API_KEY`. */
export function loadCohereApiKey(settings: CohereCredentialSettings): string {
  if (present(settings.apiKey)) return settings.apiKey.trim();
  const key = fromEnvironment(settings);
  if (key !== undefined) return key;
  throw new MissingCredentialError({
    provider: settings.name,
    setting: settings.setting,
    ...(settings.environmentFallback ? { environmentVariable: cohereApiKeyEnvironmentVariables[0] } : {}),
  });
}

export function describeCohereCredentials(settings: CohereCredentialSettings): CredentialStateV1 {
  const named = {
    ...(settings.environmentFallback ? { environmentVariable: cohereApiKeyEnvironmentVariables[0] } : {}),
    setting: settings.setting,
  };
  return present(settings.apiKey) || fromEnvironment(settings) !== undefined ? { state: 'set', ...named } : { state: 'missing', ...named };
}

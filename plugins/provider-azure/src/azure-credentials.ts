import { MissingCredentialError, type CredentialStateV1 } from '@modelgate/core';

export const azureApiKeyVariable = 'AZURE_OPENAI_API_KEY';
export const azureTokenVariable = 'AZURE_OPENAI_AD_TOKEN';

/** Azure's own hosts: the built-in environment variables are sent only there unless the operator says otherwise. */
const azureHost =
  /(?:^|\.)(?:openai\.azure\.com|services\.ai\.azure\.com|cognitiveservices\.azure\.com|openai\.azure\.us|openai\.azure\.cn)$/i;

export function isAzureHost(baseURL: string): boolean {
  try {
    return azureHost.test(new URL(baseURL).hostname);
  } catch {
    return false;
  }
}

export interface AzureCredentialSettings {
  provider: string;
  /** Where the settings sit in the config (`providers.azure`). */
  settingsPath: string;
  apiKey?: string | undefined;
  entraToken?: string | undefined;
  /** Whether the environment variables may supply a missing credential. */
  environmentFallback: boolean;
  environment: Readonly<Record<string, string | undefined>>;
}

function present(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

type AzureCredential = { kind: 'api-key' | 'entra-token'; value: string };

/** The credential to use now: the key, then the Entra ID token, from the settings, then from the environment. */
function findCredential(settings: AzureCredentialSettings): AzureCredential | undefined {
  const key = present(settings.apiKey);
  if (key !== undefined) return { kind: 'api-key', value: key };
  const token = present(settings.entraToken);
  if (token !== undefined) return { kind: 'entra-token', value: token };
  if (!settings.environmentFallback) return undefined;
  const environmentKey = present(settings.environment[azureApiKeyVariable]);
  if (environmentKey !== undefined) return { kind: 'api-key', value: environmentKey };
  const environmentToken = present(settings.environment[azureTokenVariable]);
  return environmentToken === undefined ? undefined : { kind: 'entra-token', value: environmentToken };
}

/** The credential headers of one request: `api-key`, or `Authorization: Bearer` for an Entra ID token. */
export function azureCredentialHeaders(settings: AzureCredentialSettings): Record<string, string> {
  const credential = findCredential(settings);
  if (credential === undefined) {
    throw new MissingCredentialError({
      provider: settings.provider,
      setting: `${settings.settingsPath}.api_key`,
      ...(settings.environmentFallback ? { environmentVariable: azureApiKeyVariable } : {}),
    });
  }
  return credential.kind === 'api-key' ? { 'api-key': credential.value } : { authorization: `Bearer ${credential.value}` };
}

export function describeAzureCredentials(settings: AzureCredentialSettings): CredentialStateV1 {
  return {
    state: findCredential(settings) === undefined ? 'missing' : 'set',
    ...(settings.environmentFallback ? { environmentVariable: azureApiKeyVariable } : {}),
    setting: `${settings.settingsPath}.api_key`,
  };
}

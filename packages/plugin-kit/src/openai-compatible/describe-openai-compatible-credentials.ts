import type { CredentialStateV1 } from '@modelgate/core';
import type { OpenAICompatibleProviderSettings } from './openai-compatible-settings.js';

function present(value: string | undefined): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** The credential state of an OpenAI-compatible provider: its key from the settings, else its environment variable, read now. */
export function describeOpenAICompatibleCredentials(settings: OpenAICompatibleProviderSettings): CredentialStateV1 {
  const environmentVariable = settings.apiKeyEnvironmentVariable;
  const named = {
    ...(environmentVariable === undefined ? {} : { environmentVariable }),
    setting: settings.apiKeySetting ?? `providers.${settings.name}.api_key`,
  };
  const environment = settings.environment ?? process.env;
  if (present(settings.apiKey) || (environmentVariable !== undefined && present(environment[environmentVariable]))) {
    return { state: 'set', ...named };
  }
  return { state: settings.apiKeyRequired === false ? 'not-required' : 'missing', ...named };
}

import { describe, expect, it } from 'vitest';
import { azureSettingsSchema } from './azure-settings-schema.js';

describe('azure settings', () => {
  it('take the resource endpoint, a key or an Entra ID token, and a dated api_version', () => {
    const settings = azureSettingsSchema.parse({
      base_url: 'https://my-resource.openai.azure.com',
      api_key: 'k',
      azure_ad_token: 't',
      api_version: '2025-04-01-preview',
      deployment_models: { 'chat-prod': 'gpt-4.1' },
    });
    expect(settings.api_version).toBe('2025-04-01-preview');
  });

  it('refuse a missing base_url, an undated api_version and unknown keys, naming the field', () => {
    const paths = (input: unknown) => azureSettingsSchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({})).toEqual(['base_url']);
    expect(paths({ base_url: 'https://r.openai.azure.com', api_version: 'latest' })).toEqual(['api_version']);
    expect(paths({ base_url: 'https://r.openai.azure.com', deployment: 'x' })).toEqual(['']);
  });
});

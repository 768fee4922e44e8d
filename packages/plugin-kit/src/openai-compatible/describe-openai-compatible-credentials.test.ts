import { describe, expect, it } from 'vitest';
import { describeOpenAICompatibleCredentials } from './describe-openai-compatible-credentials.js';

const base = { name: 'anthropic', baseURL: 'https://example.test/v1', apiKeyEnvironmentVariable: 'ANTHROPIC_API_KEY' };

describe('describeOpenAICompatibleCredentials', () => {
  it('is missing when neither the settings nor the environment have the key', () => {
    expect(describeOpenAICompatibleCredentials({ ...base, environment: { ANTHROPIC_API_KEY: ' ' } })).toEqual({
      state: 'missing',
      environmentVariable: 'ANTHROPIC_API_KEY',
      setting: 'providers.anthropic.api_key',
    });
  });

  it('is set from the environment variable or the settings', () => {
    expect(describeOpenAICompatibleCredentials({ ...base, environment: { ANTHROPIC_API_KEY: 'sk-a' } }).state).toBe('set');
    expect(describeOpenAICompatibleCredentials({ ...base, apiKey: 'sk-b', environment: {} }).state).toBe('set');
    expect(describeOpenAICompatibleCredentials({ ...base, environment: { OTHER: 'sk-a' } }).state).toBe('missing');
  });

  it('needs no key for local servers', () => {
    expect(describeOpenAICompatibleCredentials({ ...base, apiKeyRequired: false, environment: {} }).state).toBe('not-required');
  });
});

import { MissingCredentialError } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { loadApiKey } from './load-api-key.js';

const base = { provider: 'groq', setting: 'providers.groq.api_key', environmentVariable: 'GROQ_API_KEY' };

describe('loadApiKey', () => {
  it('prefers the setting over the environment', () => {
    expect(loadApiKey({ ...base, apiKey: 'from-settings', environment: { GROQ_API_KEY: 'from-env' } })).toBe('from-settings');
  });

  it('falls back to the environment variable (trimmed)', () => {
    expect(loadApiKey({ ...base, environment: { GROQ_API_KEY: ' from-env\n' } })).toBe('from-env');
  });

  it('reads the environment at call time', () => {
    const environment: Record<string, string | undefined> = {};
    expect(() => loadApiKey({ ...base, environment })).toThrow(MissingCredentialError);
    environment.GROQ_API_KEY = 'later';
    expect(loadApiKey({ ...base, environment })).toBe('later');
  });

  it('throws MissingCredentialError naming the setting and the variable; empty values do not count', () => {
    let caught: unknown;
    try {
      loadApiKey({ ...base, apiKey: '  ', environment: { GROQ_API_KEY: '' } });
    } catch (error) {
      caught = error;
    }
    expect(MissingCredentialError.isInstance(caught)).toBe(true);
    const error = caught as MissingCredentialError;
    expect(error.setting).toBe('providers.groq.api_key');
    expect(error.environmentVariable).toBe('GROQ_API_KEY');
    expect(error.message).toContain('providers.groq.api_key');
    expect(error.message).toContain('GROQ_API_KEY');
    expect(error.message).toContain('"groq"');
  });

  it('names only the setting when there is no variable', () => {
    expect(() => loadApiKey({ provider: 'azure', setting: 'providers.azure.api_key', environment: {} })).toThrow(
      /set `providers.azure.api_key` in its settings\./,
    );
  });
});

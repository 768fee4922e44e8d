import { describe, expect, it } from 'vitest';
import { allowsEnvironmentFallback } from './allows-environment-fallback.js';

describe('allowsEnvironmentFallback', () => {
  it('allows the fallback for the default host only', () => {
    expect(allowsEnvironmentFallback(undefined, 'https://api.openai.com/v1')).toBe(true);
    expect(allowsEnvironmentFallback('https://api.openai.com/v1/', 'https://api.openai.com/v1')).toBe(true);
    expect(allowsEnvironmentFallback('https://llm.internal.example:8443/v1', 'https://api.openai.com/v1')).toBe(false);
    expect(allowsEnvironmentFallback('https://api.openai.com.evil.example/v1', 'https://api.openai.com/v1')).toBe(false);
    expect(allowsEnvironmentFallback('https://api.groq.com/openai/v1', undefined)).toBe(false);
  });

  it('lets a placeholder match one label, and {host} any host', () => {
    const azure = 'https://{resource}.openai.azure.com/openai/v1';
    expect(allowsEnvironmentFallback('https://team.openai.azure.com/openai/v1', azure)).toBe(true);
    expect(allowsEnvironmentFallback('https://team.evil.example/x.openai.azure.com', azure)).toBe(false);
    expect(allowsEnvironmentFallback('https://a.b.openai.azure.com/openai/v1', azure)).toBe(false);
    expect(allowsEnvironmentFallback('http://10.0.0.5:8000/v1', 'http://{host}/v1')).toBe(true);
  });
});

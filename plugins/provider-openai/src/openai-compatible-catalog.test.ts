import { describe, expect, it } from 'vitest';
import { findOpenAICompatibleCatalogEntry, needsBaseURL, openAICompatibleCatalog } from './openai-compatible-catalog.js';

describe('openAICompatibleCatalog', () => {
  it('has at least 40 entries with unique kebab-case ids', () => {
    expect(openAICompatibleCatalog.length).toBeGreaterThanOrEqual(40);
    const ids = openAICompatibleCatalog.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has valid base URLs without a trailing slash (once placeholders are filled)', () => {
    for (const entry of openAICompatibleCatalog) {
      const url = new URL(entry.baseURL.replace(/\{[^}]+\}/g, 'x'));
      expect(['http:', 'https:']).toContain(url.protocol);
      expect(entry.baseURL.endsWith('/')).toBe(false);
    }
  });

  it('asks a key of every hosted entry and none of local servers', () => {
    for (const entry of openAICompatibleCatalog) {
      const local = /localhost|\{host\}/.test(entry.baseURL);
      if (local) expect(entry.apiKeyRequired, entry.id).toBe(false);
      else expect(entry.apiKeyEnvironmentVariable, entry.id).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
  });

  it('knows the usual hosts and their quirks', () => {
    expect(findOpenAICompatibleCatalogEntry('openai')).toMatchObject({
      baseURL: 'https://api.openai.com/v1',
      apiKeyEnvironmentVariable: 'OPENAI_API_KEY',
    });
    expect(findOpenAICompatibleCatalogEntry('groq')?.baseURL).toBe('https://api.groq.com/openai/v1');
    expect(findOpenAICompatibleCatalogEntry('ollama')).toMatchObject({ baseURL: 'http://localhost:11434/v1', apiKeyRequired: false });
    expect(findOpenAICompatibleCatalogEntry('azure-openai')?.quirks?.authHeader).toBe('api-key');
    expect(findOpenAICompatibleCatalogEntry('mistral-openai')?.quirks?.supportsStreamOptions).toBe(false);
    expect(needsBaseURL(findOpenAICompatibleCatalogEntry('cloudflare')!)).toBe(true);
    expect(needsBaseURL(findOpenAICompatibleCatalogEntry('together')!)).toBe(false);
    expect(findOpenAICompatibleCatalogEntry('unknown')).toBeUndefined();
  });
});

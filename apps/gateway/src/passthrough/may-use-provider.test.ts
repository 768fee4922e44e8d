import { parseConfig, type Principal } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { mayUseProvider } from './may-use-provider.js';

const { config } = parseConfig({
  providers: { oai: { type: 'openai', api_key: 'sk-x' }, other: { type: 'openai', api_key: 'sk-y' } },
  models: [
    { name: 'smart', deployments: [{ provider: 'oai', model: 'gpt-4.1' }] },
    { name: 'cheap', deployments: [{ provider: 'other', model: 'gpt-4o-mini' }] },
  ],
});

function scoped(models: string[] | undefined): Principal {
  return { id: 'k', kind: 'key', role: 'member', scopes: models === undefined ? {} : { models } };
}

describe('mayUseProvider', () => {
  it('lets a principal without model scopes (or no authentication) use any provider', () => {
    expect(mayUseProvider(null, 'oai', config)).toBe(true);
    expect(mayUseProvider(scoped(undefined), 'other', config)).toBe(true);
    expect(mayUseProvider(scoped(['*']), 'other', config)).toBe(true);
  });

  it('lets a scoped principal use only the providers its allowed models route to', () => {
    expect(mayUseProvider(scoped(['smart']), 'oai', config)).toBe(true);
    expect(mayUseProvider(scoped(['smart']), 'other', config)).toBe(false);
    expect(mayUseProvider(scoped([]), 'oai', config)).toBe(false);
  });

  it('counts an allowed direct id `provider/model`', () => {
    expect(mayUseProvider(scoped(['other/gpt-4o']), 'other', config)).toBe(true);
    expect(mayUseProvider(scoped(['other/gpt-4o']), 'oai', config)).toBe(false);
  });
});

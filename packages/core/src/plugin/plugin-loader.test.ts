import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import type { ProviderV1 } from '../specification/provider-v1.js';
import { definePlugin } from './define-plugin.js';
import { GatewayContainer } from './gateway-container.js';
import { PluginLoader } from './plugin-loader.js';
import { providerRegistryToken, tokenFor } from './tokens.js';

const fixtures = fileURLToPath(new URL('../test-fixtures/', import.meta.url));

function fakeProvider(name: string): ProviderV1 {
  return {
    specificationVersion: 'v1',
    name,
    chat: () => {
      throw new Error('not used');
    },
  };
}

const registered = definePlugin({
  kind: 'provider',
  name: 'fake',
  specificationVersion: 'v1',
  aliases: ['fake-alias'],
  settingsSchema: z.strictObject({ api_key: z.string().optional(), region: z.enum(['eu', 'us']).default('eu') }),
  create: (settings, context) => Object.assign(fakeProvider(context.instanceName), { settings, type: context.type }),
});

describe('plugin loader', () => {
  it('loads a third-party plugin from a local path relative to the config folder', async () => {
    const loader = new PluginLoader({ baseDirectory: fixtures, source: 'gateway.yaml' });
    const provider = await loader.instantiate({
      kind: 'provider',
      instanceName: 'mine',
      plugin: './echo-provider/index.js',
      settings: { greeting: 'hi' },
      configPath: ['providers', 'mine'],
    });
    expect(provider.name).toBe('mine');
    const result = await provider
      .chat('echo-1')
      .generate({ model: 'x', messages: [{ role: 'user', content: [{ type: 'text', text: 'there' }] }] }, {});
    expect(result.response.content).toEqual([{ type: 'text', text: 'hi: there' }]);
  });

  it('resolves a type by registered name and alias, and passes the type to create', async () => {
    const loader = new PluginLoader({ plugins: [registered] });
    const byName = await loader.instantiate({
      kind: 'provider',
      instanceName: 'a',
      type: 'fake',
      settings: {},
      configPath: ['providers', 'a'],
    });
    const byAlias = await loader.instantiate({
      kind: 'provider',
      instanceName: 'b',
      type: 'fake-alias',
      settings: { region: 'us' },
      configPath: ['providers', 'b'],
    });
    expect(byName).toMatchObject({ name: 'a', type: 'fake', settings: { region: 'eu' } });
    expect(byAlias).toMatchObject({ name: 'b', type: 'fake-alias', settings: { region: 'us' } });
  });

  it('defaults the type to the instance name', async () => {
    const loader = new PluginLoader({ plugins: [registered] });
    const provider = await loader.instantiate({ kind: 'provider', instanceName: 'fake', settings: {}, configPath: ['providers', 'fake'] });
    expect(provider.name).toBe('fake');
  });

  it('names the package, the source and the settings path when settings are invalid', async () => {
    const loader = new PluginLoader({ plugins: [registered], source: 'config/gateway.yaml' });
    const attempt = loader.instantiate({
      kind: 'provider',
      instanceName: 'a',
      type: 'fake',
      settings: { region: 'mars', extra: 1 },
      configPath: ['providers', 'a'],
    });
    await expect(attempt).rejects.toSatisfy((error: unknown) => ConfigError.isInstance(error));
    await expect(attempt).rejects.toThrow(/provider "a" \(plugin fake\) in config\/gateway\.yaml/);
    await expect(attempt).rejects.toThrow(/providers\.a\.region: /);
    await expect(attempt).rejects.toThrow(/providers\.a: unknown key "extra"/);
  });

  it('names every package it tried for an unknown type, the catalog last', async () => {
    const imported: string[] = [];
    const loader = new PluginLoader({
      source: 'gateway.yaml',
      importModule: async (specifier) => {
        imported.push(specifier);
        if (specifier === '@modelgate/provider-openai') return { default: registered };
        throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
      },
    });
    await expect(
      loader.instantiate({ kind: 'provider', instanceName: 'x', type: 'nonesuch', settings: {}, configPath: ['providers', 'x'] }),
    ).rejects.toThrow(
      'gateway.yaml: providers.x.type: unknown provider type "nonesuch"; tried @modelgate/provider-nonesuch, modelgate-provider-nonesuch, @modelgate/provider-openai (catalog)',
    );
    expect(imported).toEqual(['@modelgate/provider-nonesuch', 'modelgate-provider-nonesuch', '@modelgate/provider-openai']);
  });

  it('finds a catalog alias in the catalog package', async () => {
    const loader = new PluginLoader({
      importModule: async (specifier) => {
        if (specifier === '@modelgate/provider-openai') return { default: registered };
        throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
      },
    });
    const provider = await loader.instantiate({
      kind: 'provider',
      instanceName: 'g',
      type: 'fake-alias',
      settings: {},
      configPath: ['providers', 'g'],
    });
    expect(provider).toMatchObject({ name: 'g', type: 'fake-alias' });
  });

  it('rejects a module without a plugin definition', async () => {
    const loader = new PluginLoader({ baseDirectory: fixtures });
    await expect(
      loader.instantiate({
        kind: 'provider',
        instanceName: 'x',
        plugin: './not-a-plugin/index.js',
        settings: {},
        configPath: ['providers', 'x'],
      }),
    ).rejects.toThrow('"./not-a-plugin/index.js" loaded, but it is not a plugin: the default export is an object with keys hello.');
  });

  it('rejects a plugin of another kind', async () => {
    const storage = { ...registered, kind: 'storage' as const, name: 'store' };
    const loader = new PluginLoader({ baseDirectory: fixtures, importModule: async () => ({ default: storage }) });
    await expect(
      loader.instantiate({ kind: 'provider', instanceName: 'x', plugin: 'some-package', settings: {}, configPath: ['providers', 'x'] }),
    ).rejects.toThrow('Plugin some-package is a storage plugin, but a provider plugin is needed here.');
  });

  it('rejects an unsupported specification version', async () => {
    const future = { ...registered, specificationVersion: 'v9' };
    const loader = new PluginLoader({ importModule: async () => ({ default: future }) });
    await expect(
      loader.instantiate({ kind: 'provider', instanceName: 'x', plugin: 'future-plugin', settings: {}, configPath: ['providers', 'x'] }),
    ).rejects.toThrow('Plugin future-plugin implements specification "v9", but this core supports v1.');
  });

  it('names a missing explicit plugin', async () => {
    const loader = new PluginLoader({ baseDirectory: fixtures, source: 'g.yaml' });
    await expect(
      loader.instantiate({
        kind: 'provider',
        instanceName: 'x',
        plugin: 'modelgate-provider-missing-for-sure',
        settings: {},
        configPath: ['providers', 'x'],
      }),
    ).rejects.toThrow('g.yaml: providers.x.plugin: plugin "modelgate-provider-missing-for-sure" is not installed; looked in');
  });

  it('wraps a failure inside create with the plugin name', async () => {
    const broken = definePlugin({
      ...registered,
      name: 'broken',
      aliases: [],
      create: () => {
        throw new Error('boom');
      },
    });
    const loader = new PluginLoader({ plugins: [broken] });
    await expect(
      loader.instantiate({ kind: 'provider', instanceName: 'x', type: 'broken', settings: {}, configPath: ['providers', 'x'] }),
    ).rejects.toThrow('(inline): plugin broken failed to create provider "x": boom');
  });
});

describe('gateway container', () => {
  it('registers products under Symbol.for tokens, providers in a keyed registry, per container', () => {
    const first = new GatewayContainer();
    const second = new GatewayContainer();
    first.add('provider', fakeProvider('one'), 'one');
    first.add('provider', fakeProvider('two'), 'two');
    expect([...first.providerRegistry.keys()]).toEqual(['one', 'two']);
    expect(first.container.resolve(providerRegistryToken).get('two')?.name).toBe('two');
    expect(tokenFor('provider')).toBe(Symbol.for('modelgate:provider'));
    expect(second.providerRegistry.size).toBe(0);
    expect(second.resolve('router-strategy')).toBeUndefined();
  });
});

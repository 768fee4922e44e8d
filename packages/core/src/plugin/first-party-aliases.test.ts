import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import { definePlugin } from './define-plugin.js';
import { PluginLoader } from './plugin-loader.js';

/** A stand-in for the Gemini plugin package: it records the context it was created with. */
const gemini = definePlugin({
  kind: 'provider',
  name: 'gemini',
  specificationVersion: 'v1',
  settingsSchema: z.strictObject({ api_key: z.string().optional() }),
  aliases: ['google'],
  create: (_settings, context) =>
    ({
      specificationVersion: 'v1',
      name: context.instanceName,
      type: context.type,
      chat: () => {
        throw new Error('not used');
      },
    }) as never,
});

function notFound(specifier: string): Error {
  return Object.assign(new Error(`Cannot find package '${specifier}' imported from the test`), { code: 'ERR_MODULE_NOT_FOUND' });
}

function loader(imported: string[]): PluginLoader {
  return new PluginLoader({
    source: 'gateway.yaml',
    baseDirectory: '/nonexistent-modelgate-test-folder',
    importModule: async (specifier) => {
      imported.push(specifier);
      if (specifier === '@modelgate/provider-gemini') return { default: gemini };
      throw notFound(specifier);
    },
  });
}

describe('first-party aliases', () => {
  it('loads @modelgate/provider-gemini for type google, keeping the type the config asked for', async () => {
    const imported: string[] = [];
    const provider = await loader(imported).instantiate({
      kind: 'provider',
      instanceName: 'my-google',
      type: 'google',
      settings: { api_key: 'k' },
      configPath: ['providers', 'my-google'],
    });
    expect(provider).toMatchObject({ name: 'my-google', type: 'google' });
    expect(imported).toEqual(['@modelgate/provider-gemini']);
  });

  it('names the packages it tried when the aliased package is not installed', async () => {
    const imported: string[] = [];
    const error = await new PluginLoader({
      source: 'gateway.yaml',
      baseDirectory: '/nonexistent-modelgate-test-folder',
      importModule: async (specifier) => {
        imported.push(specifier);
        throw notFound(specifier);
      },
    })
      .instantiate({ kind: 'provider', instanceName: 'g', type: 'google', settings: {}, configPath: ['providers', 'g'] })
      .catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'unknown provider type "google"; tried @modelgate/provider-gemini, modelgate-provider-gemini',
    );
    expect(imported.slice(0, 2)).toEqual(['@modelgate/provider-gemini', 'modelgate-provider-gemini']);
  });
});

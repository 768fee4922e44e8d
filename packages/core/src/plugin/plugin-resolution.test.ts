import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { PluginLoader } from './plugin-loader.js';
import { resolvePackage } from './resolve-package.js';

/** A provider plugin written as an outsider would: ESM only, no dependency on the workspace. */
const pluginSource = `
const settingsSchema = {
  safeParse(value) {
    return typeof value.greeting === 'string' || value.greeting === undefined
      ? { success: true, data: { greeting: value.greeting ?? 'hello' } }
      : { success: false, error: { issues: [{ path: ['greeting'], message: 'expected a string' }] } };
  },
};
export default {
  kind: 'provider',
  name: 'esm-only',
  specificationVersion: 'v1',
  settingsSchema,
  create(settings, context) {
    return { specificationVersion: 'v1', name: context.instanceName, greeting: settings.greeting, chat() { throw new Error('not used'); } };
  },
};
`;

let root: string;
let configDirectory: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function esmOnlyPackage(name: string, entry: string, source: string): void {
  write(
    `node_modules/${name}/package.json`,
    JSON.stringify({ name, version: '1.0.0', type: 'module', exports: { '.': { import: `./${entry}` } } }),
  );
  write(`node_modules/${name}/${entry}`, source);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'modelgate-plugins-'));
  configDirectory = join(root, 'config');
  mkdirSync(configDirectory);
  esmOnlyPackage('modelgate-provider-esm-only', 'dist/index.js', pluginSource);
  esmOnlyPackage('@acme/modelgate-provider-scoped', 'index.js', pluginSource);
  esmOnlyPackage('modelgate-provider-broken-syntax', 'dist/index.js', "import './broken.js';\nexport default {};\n");
  write('node_modules/modelgate-provider-broken-syntax/dist/broken.js', 'export const settings = {\n  retries: 2,\n  timeout: = 5,\n};\n');
  esmOnlyPackage('modelgate-provider-throws', 'index.js', "throw new Error('boom at import');\n");
  esmOnlyPackage('modelgate-provider-not-a-plugin', 'index.js', "export default { hello: 'world' };\n");
  esmOnlyPackage('modelgate-provider-named-only', 'index.js', 'export const plugin = 1;\n');
  write('node_modules/modelgate-provider-require-only/package.json', JSON.stringify({ name: 'x', exports: { require: './index.cjs' } }));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function loader(): PluginLoader {
  return new PluginLoader({ baseDirectory: configDirectory, source: 'config/gateway.yaml' });
}

function instantiate(options: { type?: string; plugin?: string }) {
  return loader().instantiate({
    kind: 'provider',
    instanceName: 'mine',
    ...options,
    settings: { greeting: 'hi' },
    configPath: ['providers', 'mine'],
  });
}

async function failure(options: { type?: string; plugin?: string }): Promise<string> {
  const error = await instantiate(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ConfigError.isInstance(error)).toBe(true);
  return (error as Error).message;
}

describe('plugins by package name', () => {
  it('resolves an ESM-only package from the node_modules above the config folder', () => {
    const resolved = resolvePackage('modelgate-provider-esm-only', configDirectory);
    expect(resolved?.packageDirectory).toBe(join(root, 'node_modules', 'modelgate-provider-esm-only'));
    expect(resolved?.url).toMatch(/node_modules\/modelgate-provider-esm-only\/dist\/index\.js$/);
  });

  it('loads an ESM-only package named by type', async () => {
    const provider = await instantiate({ type: 'esm-only' });
    expect(provider).toMatchObject({ name: 'mine', greeting: 'hi' });
  });

  it('loads an ESM-only scoped package named by plugin', async () => {
    const provider = await instantiate({ plugin: '@acme/modelgate-provider-scoped' });
    expect(provider).toMatchObject({ name: 'mine', greeting: 'hi' });
  });

  it('says where it looked when the package is not installed', async () => {
    const message = await failure({ plugin: 'modelgate-provider-absent' });
    expect(message).toContain('config/gateway.yaml: providers.mine.plugin: plugin "modelgate-provider-absent" is not installed');
    expect(message).toContain(join(configDirectory, 'node_modules'));
    expect(message).toContain(`${process.cwd()}/node_modules`);
  });

  it('says which packages it tried and where for an unknown type', async () => {
    const message = await failure({ type: 'absent' });
    expect(message).toContain(
      'providers.mine.type: unknown provider type "absent"; tried @modelgate/provider-absent, modelgate-provider-absent',
    );
    expect(message).toContain(join(configDirectory, 'node_modules'));
  });

  it('gives the file and line of a syntax error inside an installed package', async () => {
    const message = await failure({ type: 'broken-syntax' });
    expect(message).toContain(
      `plugin "modelgate-provider-broken-syntax" is installed (at ${join(root, 'node_modules', 'modelgate-provider-broken-syntax')}) but failed to load`,
    );
    expect(message).toContain('SyntaxError');
    expect(message).toMatch(/broken\.js:3/);
  });

  it('gives the error thrown while an installed package loads', async () => {
    const message = await failure({ plugin: 'modelgate-provider-throws' });
    expect(message).toContain('plugin "modelgate-provider-throws" is installed');
    expect(message).toContain('but failed to load: Error: boom at import');
  });

  it('says when a package exports nothing for import', async () => {
    const message = await failure({ plugin: 'modelgate-provider-require-only' });
    expect(message).toContain('is installed');
    expect(message).toContain('has no entry for "." under the "import" or "default" condition');
  });

  it('says what the default export was when a package is not a plugin', async () => {
    expect(await failure({ plugin: 'modelgate-provider-not-a-plugin' })).toContain(
      '"modelgate-provider-not-a-plugin" loaded, but it is not a plugin: the default export is an object with keys hello.',
    );
    expect(await failure({ plugin: 'modelgate-provider-named-only' })).toContain(
      'it is not a plugin: it has no default export (named exports: plugin)',
    );
  });

  it('says when a path names no file', async () => {
    expect(await failure({ plugin: './plugins/nothing-here.js' })).toContain(
      `is not installed; no file at ${join(configDirectory, 'plugins', 'nothing-here.js')}`,
    );
  });
});

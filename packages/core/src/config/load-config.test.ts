import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { loadConfigFile, parseConfig, parseConfigText } from './load-config.js';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const minimal = `
providers:
  openai: { type: openai, api_key: sk-test }
models:
  - name: smart
    deployments:
      - { provider: openai, model: gpt-4.1 }
`;

describe('config loader', () => {
  it('fills defaults for everything left out', () => {
    const { config } = parseConfigText(minimal);
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 4000,
      body_limit_bytes: 10 * 1024 * 1024,
      workers: 1,
      log_level: 'info',
      headers_timeout_ms: 10_000,
      request_timeout_ms: 30_000,
      keep_alive_timeout_ms: 5_000,
      max_connections: 10_000,
      shutdown_grace_seconds: 30,
    });
    expect(config.router).toEqual({ strategy: 'weighted', retries: 2, timeout_ms: 600_000, fallbacks: {} });
    expect(config.models[0]!.deployments[0]).toEqual({ provider: 'openai', model: 'gpt-4.1', weight: 1 });
    expect(config.auth.disabled).toBe(false);
  });

  it('interpolates ${VAR} and ${VAR:-default}, typing whole-scalar references', () => {
    const { config, missingVariables } = parseConfigText(
      `server: { host: "\${HOST:-0.0.0.0}", port: \${PORT} }
auth: { master_key: "prefix-\${KEY}" }
providers:
  openai: { type: openai, api_key: \${OPENAI_API_KEY} }`,
      { environment: { PORT: '8123', KEY: 'abc' } },
    );
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.server.port).toBe(8123);
    expect(config.auth.master_key).toBe('prefix-abc');
    expect(config.providers.openai).toEqual({ type: 'openai' });
    expect(missingVariables).toEqual(['OPENAI_API_KEY']);
  });

  it('keeps $${ as a literal ${', () => {
    const { config } = parseConfigText(`auth: { master_key: "a$\${NOT_A_VAR}b" }`, { environment: {} });
    expect(config.auth.master_key).toBe('a${NOT_A_VAR}b');
  });

  it('names an unknown key by its path', () => {
    const message = messageOf(() => parseConfigText('server: { hots: 1 }', { source: 'gateway.yaml' }));
    expect(message).toContain('gateway.yaml');
    expect(message).toContain('server: unknown key "hots"');
  });

  it('names an unknown top-level key', () => {
    expect(messageOf(() => parseConfig({ modles: [] }))).toContain('(root): unknown key "modles"');
  });

  it('names a wrong type with its full path', () => {
    const message = messageOf(() => parseConfig({ server: { port: 'eighty' } }));
    expect(message).toMatch(/server\.port: .*number/);
  });

  it('names a deployment that points at an unknown provider', () => {
    const message = messageOf(() =>
      parseConfig({ providers: {}, models: [{ name: 'smart', deployments: [{ provider: 'nope', model: 'x' }] }] }),
    );
    expect(message).toContain('models[0].deployments[0].provider: unknown provider "nope"');
  });

  it('rejects duplicate model names and unknown fallback targets', () => {
    const message = messageOf(() =>
      parseConfig({
        providers: { p: {} },
        models: [
          { name: 'a', deployments: [{ provider: 'p', model: 'x' }] },
          { name: 'a', deployments: [{ provider: 'p', model: 'y' }] },
        ],
        router: { fallbacks: { a: ['ghost'] } },
      }),
    );
    expect(message).toContain('models[1].name: duplicate model name "a"');
    expect(message).toContain('router.fallbacks.a[0]: unknown model "ghost"');
  });

  it('requires at least one deployment per model', () => {
    expect(messageOf(() => parseConfig({ models: [{ name: 'a', deployments: [] }] }))).toContain('models[0].deployments');
  });

  it('reports YAML syntax errors with the file name', () => {
    const message = messageOf(() => parseConfigText('server: { host: [', { source: 'broken.yaml' }));
    expect(message).toContain('Invalid YAML in broken.yaml');
  });

  it('rejects duplicate keys in YAML', () => {
    expect(messageOf(() => parseConfigText('server: {}\nserver: {}\n'))).toContain('Invalid YAML');
  });

  it('loads a file and remembers its folder for relative plugin paths', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'modelgate-config-'));
    const path = join(folder, 'gateway.yaml');
    await writeFile(path, minimal);
    const loaded = await loadConfigFile(path);
    expect(loaded.baseDirectory).toBe(folder);
    expect(loaded.source).toBe(path);
    expect(loaded.config.models[0]!.name).toBe('smart');
  });

  it('names a file that cannot be read', async () => {
    await expect(loadConfigFile('/nonexistent/modelgate.yaml')).rejects.toThrow(/Cannot read config file \/nonexistent\/modelgate.yaml/);
  });
});

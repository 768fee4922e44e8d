import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let directory: string;

function captureIo() {
  const output = { stdout: '', stderr: '' };
  return {
    output,
    io: { stdout: (text: string) => void (output.stdout += text), stderr: (text: string) => void (output.stderr += text) },
  };
}

async function configFile(name: string, text: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, text);
  return path;
}

const goodConfig = `
server: { host: 127.0.0.1, port: 4000 }
auth: { master_key: \${CLI_TEST_MASTER_KEY:-sk-cli} }
providers:
  upstream: { type: openai, base_url: http://127.0.0.1:9/v1, api_key: test }
  local: { type: ollama }
models:
  - name: smart
    deployments:
      - { provider: upstream, model: gpt-4.1 }
      - { provider: local, model: llama3.2 }
`;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'modelgate-cli-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('modelgate check-config', () => {
  it('prints ok and a summary for a good config', async () => {
    const { io, output } = captureIo();
    const code = await runCli(['check-config', await configFile('good.yaml', goodConfig)], io);
    expect(output.stderr).toBe('');
    expect(code).toBe(0);
    expect(output.stdout).toMatch(/^ok: /);
    expect(output.stdout).toContain('providers: upstream (openai), local (ollama)');
    expect(output.stdout).toContain('smart → upstream/gpt-4.1, local/llama3.2');
    expect(output.stdout).toContain('auth: master key');
  });

  it('names the bad key of an invalid config, without a stack, and exits 1', async () => {
    const { io, output } = captureIo();
    const path = await configFile('unknown-key.yaml', `${goodConfig}\nrouter: { retries: 2, retry_forever: true }\n`);
    const code = await runCli(['check-config', path], io);
    expect(code).toBe(1);
    expect(output.stdout).toBe('');
    expect(output.stderr).toContain('router');
    expect(output.stderr).toContain('retry_forever');
    expect(output.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a plugin that cannot be found', async () => {
    const { io, output } = captureIo();
    const path = await configFile('bad-plugin.yaml', 'providers:\n  x: { type: no-such-provider-anywhere }\n');
    expect(await runCli(['check-config', path], io)).toBe(1);
    expect(output.stderr).toContain('no-such-provider-anywhere');
  });

  it('reports bad plugin settings by path', async () => {
    const { io, output } = captureIo();
    const path = await configFile('bad-settings.yaml', 'providers:\n  up: { type: openai, base_url: 42 }\n');
    expect(await runCli(['check-config', path], io)).toBe(1);
    expect(output.stderr).toContain('base_url');
  });

  it('reports a YAML syntax error and a missing file', async () => {
    const first = captureIo();
    expect(await runCli(['check-config', await configFile('broken.yaml', 'server: { host: [\n')], first.io)).toBe(1);
    expect(first.output.stderr).toContain('Invalid YAML');
    const second = captureIo();
    expect(await runCli(['check-config', join(directory, 'missing.yaml')], second.io)).toBe(1);
    expect(second.output.stderr).toContain('Cannot read config file');
  });

  it('refuses a public address without a master key', async () => {
    const { io, output } = captureIo();
    const path = await configFile('open.yaml', 'server: { host: 0.0.0.0 }\nproviders: {}\n');
    expect(await runCli(['check-config', path], io)).toBe(1);
    expect(output.stderr).toContain('Refusing to listen on 0.0.0.0 without authentication');
  });
});

describe('modelgate serve', () => {
  it('says plainly that the port is taken', async () => {
    const { createServer } = await import('node:net');
    const occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    const port = (occupant.address() as { port: number }).port;
    try {
      const { io, output } = captureIo();
      const path = await configFile('serve-taken.yaml', 'providers: {}\n');
      expect(await runCli(['serve', '--config', path, '--port', String(port)], io)).toBe(1);
      expect(output.stderr).toContain(`Cannot listen on 127.0.0.1:${port}: it is already in use`);
    } finally {
      await new Promise((resolve) => occupant.close(resolve));
    }
  });

  it('exits 1 with the message for a bad config', async () => {
    const { io, output } = captureIo();
    const path = await configFile('serve-bad.yaml', 'server: { port: "not a port" }\n');
    expect(await runCli(['serve', '--config', path], io)).toBe(1);
    expect(output.stderr).toContain('server.port');
  });

  it('rejects a bad --port and a missing --config', async () => {
    const first = captureIo();
    expect(await runCli(['serve', '--config', 'x.yaml', '--port', 'abc'], first.io)).toBe(1);
    expect(first.output.stderr).toContain('Expected an integer');
    const second = captureIo();
    expect(await runCli(['serve'], second.io)).toBe(1);
    expect(second.output.stderr).toContain('--config');
  });

  it('prints help with exit code 0', async () => {
    const { io, output } = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(output.stdout).toContain('check-config');
  });
});

describe('modelgate help and version', () => {
  it('prints the version of the gateway package', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const { io, output } = captureIo();
      expect(await runCli([flag], io)).toBe(0);
      expect(output.stdout).toBe(`${manifest.version}\n`);
    }
  });

  it('prints the commands for "help" and the options for "<command> --help"', async () => {
    const help = captureIo();
    expect(await runCli(['help'], help.io)).toBe(0);
    expect(help.output.stdout).toContain('serve');
    expect(help.output.stdout).toContain('check-config');
    const serveHelp = captureIo();
    expect(await runCli(['serve', '--help'], serveHelp.io)).toBe(0);
    expect(serveHelp.output.stdout).toContain('--config <file>');
    expect(serveHelp.output.stdout).toContain('--quiet');
    const helpServe = captureIo();
    expect(await runCli(['help', 'check-config'], helpServe.io)).toBe(0);
    expect(helpServe.output.stdout).toContain('Usage: modelgate check-config');
  });

  it('points at help after an unknown command', async () => {
    const { io, output } = captureIo();
    expect(await runCli(['serv'], io)).toBe(1);
    expect(output.stderr).toContain('modelgate help');
  });
});

describe('modelgate check-config messages', () => {
  it('says "1 retry" and lists models under their own line', async () => {
    const { io, output } = captureIo();
    const path = await configFile('one-retry.yaml', `${goodConfig}\nrouter: { retries: 1 }\n`);
    expect(await runCli(['check-config', path], io)).toBe(0);
    expect(output.stdout).toContain('1 retry,');
    expect(output.stdout).toContain('  models:\n    smart → ');
    expect(output.stdout).not.toMatch(/models: \n/);
  });

  it('names the file, the config path and the unset variable behind a missing base_url', async () => {
    const { io, output } = captureIo();
    const path = await configFile(
      'unset-base-url.yaml',
      'providers:\n  local: { type: azure-openai, base_url: ${CLI_TEST_UNSET_BASE_URL} }\n',
    );
    const environment = { ...process.env };
    delete environment.CLI_TEST_UNSET_BASE_URL;
    const { checkConfig } = await import('./check-config-command.js');
    expect(await checkConfig(path, io, { environment })).toBe(1);
    expect(output.stderr).toContain(`${path}: providers.local.base_url is required`);
    expect(output.stderr).toContain('providers.local.base_url is ${CLI_TEST_UNSET_BASE_URL}, and CLI_TEST_UNSET_BASE_URL is not set');
  });

  it('names the unset variable behind a schema error', async () => {
    const { io, output } = captureIo();
    const path = await configFile('unset-port.yaml', 'server: { port: "p${CLI_TEST_UNSET_PORT}" }\n');
    expect(await runCli(['check-config', path], io)).toBe(1);
    expect(output.stderr).toContain(`Invalid config ${path}`);
    expect(output.stderr).toContain('server.port is ${CLI_TEST_UNSET_PORT}, and CLI_TEST_UNSET_PORT is not set');
  });
});

// The systems under test. Each target starts as its own process (or process tree) on 127.0.0.1 and
// is described by { name, kind, url, headers, pid, child }.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_WITH_PARENT, LOOPBACK_LISTEN, forkScript, freePort, spawnNode, waitUntilServing } from './children.js';
import { chatBody } from './load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BENCH_DIR = path.resolve(here, '..');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const CONFIG_DIR = path.join(BENCH_DIR, 'configs');
export const MODELGATE_CLI = path.join(REPO_ROOT, 'apps/gateway/dist/cli.js');

export const MASTER_KEY = 'sk-bench-master-0123456789';
export const UPSTREAM_API_KEY = 'sk-mock-upstream-key';

const require = createRequire(import.meta.url);

export function portkeyServerPath() {
  const packageJson = require.resolve('@portkey-ai/gateway/package.json');
  return path.join(path.dirname(packageJson), 'build/start-server.js');
}

export async function startMock(logFile) {
  const { child, port } = await forkScript('mock', path.join(here, 'mock-upstream.js'), [], { logFile });
  return { child, port, url: `http://127.0.0.1:${port}` };
}

export async function startDirect(mock) {
  return {
    name: 'direct (mock)',
    kind: 'direct',
    url: mock.url,
    headers: { authorization: `Bearer ${UPSTREAM_API_KEY}` },
    pid: mock.child.pid,
    child: mock.child,
  };
}

export async function startThinProxy(mock, logFile, { nodeOptions = [] } = {}) {
  const { child, port } = await forkScript(
    'thin-proxy',
    path.join(here, 'thin-proxy.js'),
    ['--upstream', mock.url, '--api-key', UPSTREAM_API_KEY, '--master-key', MASTER_KEY],
    { logFile, execArgv: nodeOptions },
  );
  const target = {
    name: 'thin proxy (fastify+undici)',
    kind: 'thin-proxy',
    url: `http://127.0.0.1:${port}`,
    headers: { authorization: `Bearer ${MASTER_KEY}` },
    pid: child.pid,
    child,
  };
  await waitUntilServing(child, target.url, target.headers, chatBody(false));
  return target;
}

/** Every YAML file in bench/configs is a modelgate target; minimal.yaml comes first. */
export function modelgateConfigs() {
  return readdirSync(CONFIG_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort((a, b) => (a.startsWith('minimal.') ? -1 : b.startsWith('minimal.') ? 1 : a.localeCompare(b)))
    .map((file) => ({ id: file.replace(/\.ya?ml$/, ''), file: path.join(CONFIG_DIR, file) }));
}

export function modelgateAvailable() {
  return existsSync(MODELGATE_CLI);
}

export async function startModelgate(mock, config, { workers = 1, logFile, nodeOptions = [], env = {} } = {}) {
  const port = await freePort();
  const child = spawnNode(
    `modelgate:${config.id}`,
    [
      '--import',
      EXIT_WITH_PARENT,
      ...nodeOptions,
      MODELGATE_CLI,
      'serve',
      '--config',
      config.file,
      '--port',
      String(port),
      '--workers',
      String(workers),
    ],
    {
      logFile,
      cwd: BENCH_DIR,
      env: {
        MOCK_BASE_URL: `${mock.url}/v1`,
        MOCK_API_KEY: UPSTREAM_API_KEY,
        MODELGATE_MASTER_KEY: MASTER_KEY,
        NODE_ENV: 'production',
        ...env,
      },
    },
  );
  const name = workers === 1 ? `modelgate ${config.id}` : `modelgate ${config.id} (${workers} workers)`;
  const target = {
    name,
    kind: 'modelgate',
    config: config.id,
    workers,
    url: `http://127.0.0.1:${port}`,
    headers: { authorization: `Bearer ${MASTER_KEY}` },
    pid: child.pid,
    child,
  };
  await waitUntilServing(child, target.url, target.headers, chatBody(false));
  if (workers > 1) {
    // Let every worker come up before measuring (the first answer proves only one of them).
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  return target;
}

export async function startPortkey(mock, logFile) {
  const port = await freePort();
  const child = spawnNode(
    'portkey',
    ['--import', EXIT_WITH_PARENT, '--import', LOOPBACK_LISTEN, portkeyServerPath(), `--port=${port}`, '--headless'],
    {
      logFile,
      env: { NODE_ENV: 'production' },
    },
  );
  const target = {
    name: 'portkey gateway 1.15.2',
    kind: 'portkey',
    url: `http://127.0.0.1:${port}`,
    headers: {
      authorization: `Bearer ${UPSTREAM_API_KEY}`,
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `${mock.url}/v1`,
    },
    pid: child.pid,
    child,
  };
  await waitUntilServing(child, target.url, target.headers, chatBody(false));
  return target;
}

#!/usr/bin/env node
// Proves the artefacts, not the workspace: packs every public package, installs the tarballs into a scratch
// project outside the repository together with a third-party provider package, starts `modelgate serve` there
// with a config that loads that provider by name, gets a chat answer (plain and streamed) over HTTP, and runs
// the checks a library author would: publint and Are The Types Wrong. Run after `pnpm build`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outsider = join(root, 'tests', 'fixtures', 'modelgate-provider-outsider');
const keep = process.argv.includes('--keep');
const failures = [];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function check(name, action) {
  try {
    action();
    console.log(`ok: ${name}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAILED: ${name}\n${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The workspace's public packages: every package.json under the workspace folders that is not private. */
function publicPackages() {
  const folders = [];
  for (const parent of ['packages', 'plugins', 'apps']) {
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      const directory = join(root, parent, entry.name);
      if (!entry.isDirectory() || !existsSync(join(directory, 'package.json'))) continue;
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      if (manifest.private !== true) folders.push({ directory, manifest });
    }
  }
  return folders;
}

function packInto(directory, destination, tool) {
  const before = new Set(readdirSync(destination));
  if (tool === 'pnpm') run('pnpm', ['pack', '--pack-destination', destination], { cwd: directory });
  else run('npm', ['pack', '--pack-destination', destination, '--silent'], { cwd: directory });
  const created = readdirSync(destination).filter((file) => file.endsWith('.tgz') && !before.has(file));
  if (created.length !== 1) throw new Error(`packing ${directory} made ${created.length} tarballs`);
  return join(destination, created[0]);
}

async function waitForUrl(child, output) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = /listening on (http:\/\/\S+)/.exec(output.text);
    if (match) return match[1];
    if (child.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`modelgate serve did not report a URL:\n${output.text}`);
}

async function chat(url, body) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`);
  return text;
}

async function serveAndAsk(project) {
  const output = { text: '' };
  const bin = join(project, 'node_modules', '.bin', 'modelgate');
  const child = spawn(bin, ['serve', '--config', 'config/gateway.yaml', '--port', '0'], {
    cwd: project,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? project },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (data) => (output.text += data));
  child.stderr.on('data', (data) => (output.text += data));
  try {
    const url = await waitForUrl(child, output);
    if (!output.text.includes('outsider (outsider)') && !output.text.includes('outsider:')) {
      throw new Error(`the banner does not name the outsider provider:\n${output.text}`);
    }
    const answer = JSON.parse(await chat(url, { model: 'echo', messages: [{ role: 'user', content: 'hello from outside' }] }));
    const content = answer.choices?.[0]?.message?.content;
    if (content !== 'outsider says: hello from outside') throw new Error(`unexpected answer: ${JSON.stringify(answer)}`);
    const streamed = await chat(url, { model: 'echo', stream: true, messages: [{ role: 'user', content: 'stream please' }] });
    const words = streamed
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice(6)).choices?.[0]?.delta?.content ?? '')
      .join('');
    if (words !== 'outsider says: stream please' || !streamed.includes('data: [DONE]')) throw new Error(`unexpected stream:\n${streamed}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done)));
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'modelgate-verify-'));
try {
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  const packages = publicPackages();
  for (const { directory, manifest } of packages) {
    if (!existsSync(join(directory, 'dist'))) throw new Error(`${manifest.name} has no dist/: run pnpm build first`);
  }
  const packed = packages.map(({ directory, manifest }) => ({ name: manifest.name, tarball: packInto(directory, tarballs, 'pnpm') }));
  const outsiderTarball = packInto(outsider, tarballs, 'npm');
  console.log(`packed ${packed.map((item) => item.name).join(', ')} and modelgate-provider-outsider`);

  const project = join(scratch, 'project');
  mkdirSync(join(project, 'config'), { recursive: true });
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(
    join(project, 'config', 'gateway.yaml'),
    [
      'server: { host: 127.0.0.1, port: 0, log_level: warn }',
      'providers:',
      '  outsider: { type: outsider }',
      'models:',
      '  - name: echo',
      '    deployments:',
      '      - { provider: outsider, model: echo-1 }',
      '',
    ].join('\n'),
  );
  check('install the tarballs outside the workspace', () => {
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel=error',
        ...packed.map((item) => item.tarball),
        outsiderTarball,
      ],
      {
        cwd: project,
      },
    );
  });
  if (failures.length === 0) {
    try {
      await serveAndAsk(project);
      console.log('ok: modelgate serve loads the outsider provider by name and answers through it');
    } catch (error) {
      failures.push('serve');
      console.log(`FAILED: serve\n${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const publint = join(root, 'node_modules', '.bin', 'publint');
  const attw = join(root, 'node_modules', '.bin', 'attw');
  for (const { name, tarball } of packed) {
    check(`contents of ${name}`, () => {
      const files = run('tar', ['-tzf', tarball]).split('\n');
      if (!files.includes('package/LICENSE')) throw new Error('no LICENSE');
      const maps = files.filter((file) => file.endsWith('.js.map'));
      if (maps.length > 0 && !files.some((file) => file.startsWith('package/src/'))) throw new Error('source maps without their sources');
      const leaked = files.filter((file) => /\.test\.|test-fixtures/.test(file));
      if (leaked.length > 0) throw new Error(`tests shipped: ${leaked.slice(0, 5).join(', ')}`);
    });
    check(`publint ${name}`, () => run(publint, ['run', '--strict', tarball]));
    check(`attw ${name}`, () => run(attw, ['--profile', 'esm-only', '--no-color', '--no-emoji', tarball]));
  }
} finally {
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

console.log(failures.length === 0 ? 'packages verified' : `package checks failed: ${failures.join(', ')}`);
process.exit(failures.length === 0 ? 0 : 1);

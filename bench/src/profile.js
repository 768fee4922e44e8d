// CPU profile of modelgate under load: `pnpm --filter @modelgate/bench run profile [--config minimal] [--seconds 10]
// [--only json|stream] [--target modelgate|thin]`.
// Starts the mock and one modelgate process with --cpu-prof, runs non-streaming then streaming load at 50
// connections, stops modelgate gracefully (the profile is written at exit) and prints the functions with the
// most self time, and self time grouped by package. Writes bench/results/profile-latest.md (profile-thin-latest.md
// for `--target thin`, the thin proxy profiled the same way: the other side of the ratios).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installCleanup, killAll, stopChild } from './children.js';
import { chatBody, runLoad } from './load.js';
import { BENCH_DIR, REPO_ROOT, modelgateAvailable, modelgateConfigs, startMock, startModelgate, startThinProxy } from './targets.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    config: { type: 'string', default: 'minimal' },
    seconds: { type: 'string', default: '10' },
    top: { type: 'string', default: '30' },
    // `json` or `stream` profiles one kind of request only, so that its costs are not mixed with the other's.
    only: { type: 'string' },
    target: { type: 'string', default: 'modelgate' },
    // Content events per streamed answer (the mock's default is 8): long answers weigh the per-event costs.
    'stream-pieces': { type: 'string' },
  },
});
if (values.target !== 'modelgate' && values.target !== 'thin') throw new Error('--target takes modelgate or thin');
const thin = values.target === 'thin';
installCleanup();
if (!modelgateAvailable()) throw new Error('apps/gateway/dist/cli.js is missing: run `pnpm build` at the repo root');
const config = modelgateConfigs().find((candidate) => candidate.id === values.config);
if (!config) throw new Error(`no bench/configs/${values.config}.yaml`);

const directory = mkdtempSync(path.join(os.tmpdir(), 'modelgate-profile-'));
const mock = await startMock(path.join(directory, 'mock.log'));
const nodeOptions = ['--cpu-prof', '--cpu-prof-dir', directory];
const target = thin
  ? await startThinProxy(mock, path.join(directory, 'thin-proxy.log'), { nodeOptions })
  : await startModelgate(mock, config, { logFile: path.join(directory, 'modelgate.log'), nodeOptions });
if (values['stream-pieces'] !== undefined) {
  const streamPieces = Number(values['stream-pieces']);
  await fetch(`${mock.url}/__control`, { method: 'POST', body: JSON.stringify({ streamPieces }) }).then((response) => response.text());
}
const seconds = Number(values.seconds);
const load = async (stream) =>
  runLoad({ url: target.url, headers: target.headers, body: chatBody(stream), connections: 50, durationSeconds: seconds });
if (values.only !== undefined && values.only !== 'json' && values.only !== 'stream') throw new Error('--only takes json or stream');
await load(values.only === 'stream'); // warm-up, profiled too but dwarfed by the rest
const nonStream = values.only === 'stream' ? undefined : await load(false);
const stream = values.only === 'json' ? undefined : await load(true);
await stopChild(target.child, 10_000);
await stopChild(mock.child);
killAll();

const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no .cpuprofile written in ${directory}`);
const profile = JSON.parse(readFileSync(path.join(directory, file), 'utf8'));

const selfTime = new Map();
profile.samples.forEach((nodeId, index) => selfTime.set(nodeId, (selfTime.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const total = [...selfTime.values()].reduce((sum, value) => sum + value, 0);

function where(url) {
  if (!url) return '(native / V8)';
  const clean = url.replace(/^file:\/\//, '');
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean);
  if (pnpm) return pnpm[1];
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean);
  if (modules) return modules[1];
  if (clean.startsWith(REPO_ROOT)) return path.relative(REPO_ROOT, clean).split('/').slice(0, 2).join('/');
  if (clean.startsWith('node:')) return 'node core';
  return clean;
}

const byFunction = new Map();
const byPackage = new Map();
for (const node of profile.nodes) {
  const time = selfTime.get(node.id) ?? 0;
  if (!time) continue;
  const frame = node.callFrame;
  const file = frame.url
    ? frame.url
        .replace(/^file:\/\//, '')
        .replace(`${REPO_ROOT}/`, '')
        .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    : '';
  const key = `${frame.functionName || '(anonymous)'}  ${file}${file ? `:${frame.lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  const pkg = where(frame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
}
const percent = (time) => `${((time / total) * 100).toFixed(1)}%`;
const top = Number(values.top);
const lines = [
  thin ? `# thin proxy CPU profile (${new Date().toISOString()})` : `# modelgate CPU profile (${config.id}, ${new Date().toISOString()})`,
  '',
  `Load: ${seconds} s warm-up${nonStream ? `, ${seconds} s non-streaming (${nonStream.rps.toFixed(0)} rps)` : ''}${stream ? `, ${seconds} s streaming (${stream.rps.toFixed(0)} rps)` : ''}, 50 connections. Self time over the whole profile (${(total / 1e6).toFixed(1)} s sampled).`,
  '',
  '## Self time by package / area',
  '',
  '| where | self time |',
  '|---|---:|',
  ...[...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([name, time]) => `| ${name} | ${percent(time)} |`),
  '',
  `## Top ${top} functions by self time`,
  '',
  '| function | self time |',
  '|---|---:|',
  ...[...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, time]) => `| \`${name.replace(/\|/g, '\\|')}\` | ${percent(time)} |`),
];
const text = lines.join('\n');
writeFileSync(path.join(BENCH_DIR, 'results', thin ? 'profile-thin-latest.md' : 'profile-latest.md'), `${text}\n`);
process.stdout.write(`${text}\n\n(profile: ${path.join(directory, file)})\n`);
process.exit(0);

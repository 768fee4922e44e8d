// The modelgate benchmark harness. `pnpm bench` (full) or `pnpm bench --quick` from the repo root.
//
// One mock upstream process, every target as its own process, autocannon (load) and undici (TTFT) in this
// process. Targets are measured interleaved, round-robin per round; figures are medians over rounds.
// See bench/README.md for what each figure means.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { installCleanup, killAll, stopChild } from './children.js';
import { chatBody, measureTtft, runLoad } from './load.js';
import { cpuTimeMs, processTree, rssMb, sampleRss } from './proc-stats.js';
import { checks, markdown, summarise } from './report.js';
import {
  BENCH_DIR,
  MODELGATE_CLI,
  REPO_ROOT,
  modelgateAvailable,
  modelgateConfigs,
  startDirect,
  startMock,
  startModelgate,
  startPortkey,
  startThinProxy,
} from './targets.js';

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    'phase-seconds': { type: 'string' },
    only: { type: 'string' },
    'no-portkey': { type: 'boolean', default: false },
    'no-soak': { type: 'boolean', default: false },
    'no-workers': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  process.stdout.write(`usage: pnpm bench [--quick] [--rounds N] [--phase-seconds S] [--only a,b] [--no-portkey] [--no-soak] [--no-workers]
  --quick            under a minute: 1 round, short phases, scaled-down RSS soak (also BENCH_QUICK=1)
  --only a,b         run only targets whose name contains one of the words (direct always runs)
`);
  process.exit(0);
}
const truthy = (value) => value !== undefined && value !== '' && value !== '0' && value !== 'false';
const quick = flags.quick || truthy(process.env.npm_config_quick) || truthy(process.env.BENCH_QUICK);

const settings = quick
  ? {
      mode: 'quick',
      rounds: 1,
      phaseSeconds: 2,
      delaySeconds: 1,
      warmupSeconds: 1,
      ttftSamples: 50,
      ttftWarmup: 10,
      soak: [5_000, 20_000],
      soakMaxSeconds: 8,
    }
  : {
      mode: 'full',
      rounds: 3,
      phaseSeconds: 5,
      delaySeconds: 4,
      warmupSeconds: 2,
      ttftSamples: 200,
      ttftWarmup: 30,
      soak: [100_000, 1_000_000],
      soakMaxSeconds: 450,
    };
// autocannon counts its duration in whole seconds.
if (flags.rounds) settings.rounds = Number(flags.rounds);
if (flags['phase-seconds']) settings.phaseSeconds = Math.max(1, Math.round(Number(flags['phase-seconds'])));
const CONNECTIONS = 50;
const DELAY_CONNECTIONS = 10;
const UPSTREAM_DELAY_MS = 50;

const log = (message) => process.stderr.write(`${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

installCleanup();
const logDir = mkdtempSync(path.join(os.tmpdir(), 'modelgate-bench-'));

function version(name) {
  try {
    const require = createRequire(path.join(BENCH_DIR, 'package.json'));
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function gitRevision() {
  try {
    const revision = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() ? '+dirty' : '';
    return revision + dirty;
  } catch {
    return 'unknown';
  }
}

let mock;
async function setUpstream(update) {
  const response = await request(`${mock.url}/__control`, { method: 'POST', body: JSON.stringify(update) });
  await response.body.text();
}

/** One load phase with the target's CPU time and peak RSS around it. */
async function measuredLoad(target, options) {
  const pids = processTree(target.pid);
  const sampler = sampleRss(pids);
  const cpuBefore = cpuTimeMs(pids);
  const result = await runLoad({ url: target.url, headers: target.headers, ...options });
  const cpuAfter = cpuTimeMs(processTree(target.pid));
  result.peakRssMb = sampler.stop();
  result.cpuMsPerRequest = result.ok ? (cpuAfter - cpuBefore) / result.ok : null;
  return result;
}

async function measureRound(target) {
  const round = {};
  round.nonStream = await measuredLoad(target, { body: chatBody(false), connections: CONNECTIONS, durationSeconds: settings.phaseSeconds });
  round.stream = await measuredLoad(target, { body: chatBody(true), connections: CONNECTIONS, durationSeconds: settings.phaseSeconds });
  await setUpstream({ delayMs: UPSTREAM_DELAY_MS });
  try {
    round.delay = await measuredLoad(target, {
      body: chatBody(false),
      connections: DELAY_CONNECTIONS,
      durationSeconds: settings.delaySeconds,
    });
  } finally {
    await setUpstream({ delayMs: 0 });
  }
  round.ttft = await measureTtft({ url: target.url, headers: target.headers, samples: settings.ttftSamples, warmup: settings.ttftWarmup });
  round.peakRssMb = Math.max(round.nonStream.peakRssMb, round.stream.peakRssMb, round.delay.peakRssMb);
  return round;
}

/** Non-streaming load until `count` requests in all, in time-bounded pieces; then the tree's RSS. */
async function soakTo(target, state, count, deadline) {
  const sampler = sampleRss(processTree(target.pid), 250);
  while (state.requests < count && Date.now() < deadline) {
    const remaining = count - state.requests;
    const seconds = Math.max(1, Math.min(30, (deadline - Date.now()) / 1000));
    const result = await runLoad({
      url: target.url,
      headers: target.headers,
      body: chatBody(false),
      connections: CONNECTIONS,
      amount: remaining,
      maxSeconds: seconds,
    });
    state.requests += result.requests;
    state.errors += result.errors + result.non2xx;
    if (result.requests === 0) break;
  }
  state.peakRssMb = Math.max(state.peakRssMb ?? 0, sampler.stop());
  return rssMb(processTree(target.pid));
}

/** Fraction of all CPUs busy over `ms` (from /proc/stat), before anything of ours runs. */
async function machineBusy(ms) {
  const read = () => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
  };
  const before = read();
  await sleep(ms);
  const after = read();
  return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
}

const label = (count) => (count >= 1_000_000 ? `${count / 1_000_000}M` : `${count / 1000}k`);

async function main() {
  const notes = [
    `${os.cpus().length} cores shared by the mock upstream, the target and the load generator (autocannon in the harness process): absolute figures are lower than on a dedicated load rig, and every target runs under the same conditions (all processes stay up, only the target under test gets load).`,
  ];
  const busyAtStart = await machineBusy(1000);
  if (busyAtStart > 0.1)
    notes.push(
      `The machine was ${(busyAtStart * 100).toFixed(0)}% busy before the run started: other work competed for CPU too (it affects all targets alike only on average; compare ratios, and rerun on an idle machine for figures to quote).`,
    );
  if (quick)
    notes.push(
      `Quick mode: ${settings.rounds} round (no median), ${settings.phaseSeconds} s phases, ${settings.ttftSamples} TTFT samples, and a scaled-down RSS soak (${label(settings.soak[0])} / ${label(settings.soak[1])} requests instead of 100k / 1M). Use the full run for figures to quote.`,
    );
  log(`bench: ${settings.mode} run, logs in ${logDir}`);

  mock = await startMock(path.join(logDir, 'mock.log'));
  log(`bench: mock upstream on ${mock.url} (pid ${mock.child.pid})`);

  const wanted = flags.only ? flags.only.split(',').map((word) => word.trim().toLowerCase()) : null;
  const include = (name) => !wanted || wanted.some((word) => name.toLowerCase().includes(word));

  const plans = [{ name: 'direct', start: () => startDirect(mock) }];
  if (include('thin proxy')) plans.push({ name: 'thin proxy', start: () => startThinProxy(mock, path.join(logDir, 'thin-proxy.log')) });
  if (modelgateAvailable()) {
    for (const config of modelgateConfigs()) {
      if (include(`modelgate ${config.id}`)) {
        plans.push({
          name: `modelgate ${config.id}`,
          start: () => startModelgate(mock, config, { logFile: path.join(logDir, `modelgate-${config.id}.log`) }),
          soak: true,
        });
      }
      if (config.id === 'minimal' && !flags['no-workers'] && include('modelgate minimal workers')) {
        plans.push({
          name: 'modelgate minimal (2 workers)',
          start: () => startModelgate(mock, config, { workers: 2, logFile: path.join(logDir, `modelgate-${config.id}-w2.log`) }),
        });
      }
    }
  } else {
    notes.push(`modelgate not measured: ${path.relative(REPO_ROOT, MODELGATE_CLI)} is missing (run \`pnpm build\` at the repo root).`);
    log(
      `bench: WARNING ${path.relative(REPO_ROOT, MODELGATE_CLI)} is missing; run \`pnpm build\` first. Measuring the other targets only.`,
    );
  }
  if (!flags['no-portkey'] && include('portkey'))
    plans.push({ name: 'portkey', start: () => startPortkey(mock, path.join(logDir, 'portkey.log')) });

  const targets = [];
  for (const plan of plans) {
    try {
      const target = await plan.start();
      target.soakPlanned = Boolean(plan.soak);
      target.rounds = [];
      target.idleRssMb = rssMb(processTree(target.pid));
      targets.push(target);
      log(
        `bench: ${elapsed()} started ${target.name} on ${target.url} (pid ${target.pid}, ${processTree(target.pid).length} process(es), ${target.idleRssMb.toFixed(1)} MB)`,
      );
    } catch (error) {
      log(`bench: ${plan.name} failed to start: ${error.message}`);
      targets.push({ name: plan.name, kind: plan.name.split(' ')[0], failed: error.message, rounds: [] });
    }
  }
  const running = targets.filter((target) => !target.failed);

  log(`bench: ${elapsed()} warm-up`);
  for (const target of running) {
    for (const stream of [false, true]) {
      await runLoad({
        url: target.url,
        headers: target.headers,
        body: chatBody(stream),
        connections: CONNECTIONS,
        durationSeconds: settings.warmupSeconds,
      });
    }
  }

  for (let roundIndex = 0; roundIndex < settings.rounds; roundIndex++) {
    // Rotate the order each round so that no target always runs first or last.
    const order = running.map((_, index) => running[(index + roundIndex) % running.length]);
    for (const target of order) {
      if (target.failed) continue;
      try {
        const round = await measureRound(target);
        target.rounds.push(round);
        log(
          `bench: ${elapsed()} round ${roundIndex + 1}/${settings.rounds} ${target.name}: ${round.nonStream.rps.toFixed(0)} rps, stream ${round.stream.rps.toFixed(0)} rps, ` +
            `50ms-upstream p50 ${round.delay.p50?.toFixed(2)} ms, TTFT p50 ${round.ttft.p50?.toFixed(3)} ms, ${round.nonStream.cpuMsPerRequest?.toFixed(3)} ms CPU/req, peak ${round.peakRssMb.toFixed(1)} MB`,
        );
      } catch (error) {
        log(`bench: ${target.name} failed in round ${roundIndex + 1}: ${error.stack ?? error.message}`);
        target.failed = error.message;
      }
    }
  }

  if (!flags['no-soak']) {
    for (const target of running.filter((candidate) => candidate.soakPlanned && !candidate.failed)) {
      const [first, second] = settings.soak;
      const state = { requests: 0, errors: 0 };
      const deadline = Date.now() + settings.soakMaxSeconds * 1000;
      log(
        `bench: ${elapsed()} RSS soak ${target.name}: ${label(first)} then ${label(second)} requests (at most ${settings.soakMaxSeconds} s)`,
      );
      const rssAfterFirstMb = await soakTo(target, state, first, deadline);
      const requestsAtFirst = state.requests;
      const rssAfterSecondMb = await soakTo(target, state, second, deadline);
      target.soak = {
        firstLabel: label(first),
        secondLabel: label(second),
        scaledDown: quick,
        requestsAtFirst,
        requestsAtSecond: state.requests,
        completed: state.requests >= second,
        errors: state.errors,
        rssAfterFirstMb,
        rssAfterSecondMb,
        peakRssMb: state.peakRssMb,
      };
      if (!target.soak.completed)
        notes.push(`${target.name}: RSS soak stopped at ${state.requests} requests (time cap ${settings.soakMaxSeconds} s).`);
      log(
        `bench: ${elapsed()} ${target.name}: RSS ${rssAfterFirstMb.toFixed(1)} MB after ${requestsAtFirst}, ${rssAfterSecondMb.toFixed(1)} MB after ${state.requests} requests`,
      );
    }
  }

  const direct = targets.find((target) => target.kind === 'direct');
  if (direct && !direct.failed) direct.summary = summarise(direct, null);
  for (const target of targets) if (!target.failed && target !== direct) target.summary = summarise(target, direct);

  const date = new Date().toISOString();
  const results = {
    meta: {
      date,
      mode: settings.mode,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machineBusyBeforeStart: Number(busyAtStart.toFixed(3)),
      loadAverageAtEnd: os.loadavg().map((value) => Number(value.toFixed(2))),
      settings: { ...settings, connections: CONNECTIONS, delayConnections: DELAY_CONNECTIONS, upstreamDelayMs: UPSTREAM_DELAY_MS },
      soakLabels: settings.soak.map(label),
      loadGenerator: `autocannon ${version('autocannon')} (in the harness process; targets and the mock are separate processes)`,
      machine: {
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
      },
      versions: {
        modelgate: `${version('@modelgate/gateway')} (${gitRevision()})`,
        '@portkey-ai/gateway': version('@portkey-ai/gateway'),
        fastify: version('fastify'),
        undici: version('undici'),
        autocannon: version('autocannon'),
      },
      notes,
    },
    targets: targets.map(({ child, ...rest }) => rest),
  };
  results.checks = checks(results);

  const resultsDir = path.join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const text = markdown(results);
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, 'latest.md'), `${text}\n`);
  // A copy named after the date, the Node.js release and the mode, so that runs on different lines sit side by side.
  const stamp = `${date.slice(0, 19).replace(/[:T]/g, '-')}-node-${process.versions.node}${quick ? '-quick' : ''}`;
  copyFileSync(path.join(resultsDir, 'latest.json'), path.join(resultsDir, `${stamp}.json`));
  copyFileSync(path.join(resultsDir, 'latest.md'), path.join(resultsDir, `${stamp}.md`));

  for (const target of running) await stopChild(target.child).catch(() => {});
  await stopChild(mock.child).catch(() => {});
  killAll('SIGKILL');

  process.stdout.write(`${text}\n`);
  log(`bench: done in ${elapsed()}; results in ${path.relative(process.cwd(), resultsDir) || '.'}/latest.{json,md}`);
}

await main();
process.exit(0);

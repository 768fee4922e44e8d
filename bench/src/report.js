// Summaries, target checks and the markdown report.
import { median } from './load.js';

const fixed = (value, digits = 0) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—');
const signed = (value, digits = 2) =>
  typeof value === 'number' && Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : '—';

/** Median over rounds of every per-round figure of one target. */
export function summarise(target, direct) {
  const rounds = target.rounds;
  const pick = (get) =>
    median(
      rounds.map((round) => {
        try {
          return get(round);
        } catch {
          return null;
        }
      }),
    );
  const summary = {
    rps: pick((round) => round.nonStream.rps),
    p50: pick((round) => round.nonStream.p50),
    p99: pick((round) => round.nonStream.p99),
    cpuMsPerRequest: pick((round) => round.nonStream.cpuMsPerRequest),
    streamRps: pick((round) => round.stream.rps),
    streamP50: pick((round) => round.stream.p50),
    streamP99: pick((round) => round.stream.p99),
    streamCpuMsPerRequest: pick((round) => round.stream.cpuMsPerRequest),
    delayP50: pick((round) => round.delay.p50),
    delayP99: pick((round) => round.delay.p99),
    ttftP50: pick((round) => round.ttft.p50),
    peakRssMb: Math.max(...rounds.map((round) => round.peakRssMb ?? 0), target.soak?.peakRssMb ?? 0) || null,
    idleRssMb: target.idleRssMb ?? null,
    rssAfterFirstMb: target.soak?.rssAfterFirstMb ?? null,
    rssAfterSecondMb: target.soak?.rssAfterSecondMb ?? null,
    errors: rounds.reduce(
      (sum, round) =>
        sum +
        (round.nonStream?.errors ?? 0) +
        (round.nonStream?.non2xx ?? 0) +
        (round.stream?.errors ?? 0) +
        (round.stream?.non2xx ?? 0) +
        (round.delay?.errors ?? 0) +
        (round.delay?.non2xx ?? 0),
      0,
    ),
  };
  if (direct && target !== direct) {
    summary.addedDelayP50 = summary.delayP50 - direct.summary.delayP50;
    summary.addedTtft = summary.ttftP50 - direct.summary.ttftP50;
  }
  return summary;
}

export function checks(results) {
  const byKind = (kind, predicate = () => true) =>
    results.targets.find((target) => target.kind === kind && !target.failed && predicate(target));
  const modelgate = byKind('modelgate', (target) => target.config === 'minimal' && target.workers === 1);
  const thin = byKind('thin-proxy');
  const portkey = byKind('portkey');
  if (!modelgate)
    return [
      { check: 'modelgate minimal', target: 'runs', measured: 'not run (no apps/gateway/dist/cli.js or it failed to start)', pass: false },
    ];
  const m = modelgate.summary;
  const list = [];
  if (thin) {
    const ratio = m.rps / thin.summary.rps;
    list.push({
      check: 'RPS vs thin proxy (non-streaming, 50c)',
      target: '>= 0.85x',
      measured: `${ratio.toFixed(2)}x (${fixed(m.rps)} vs ${fixed(thin.summary.rps)})`,
      value: ratio,
      pass: ratio >= 0.85,
    });
    const streamRatio = m.streamRps / thin.summary.streamRps;
    list.push({
      check: 'RPS vs thin proxy (streaming, 50c)',
      target: '(info) >= 0.85x',
      measured: `${streamRatio.toFixed(2)}x (${fixed(m.streamRps)} vs ${fixed(thin.summary.streamRps)})`,
      value: streamRatio,
      pass: streamRatio >= 0.85,
    });
  }
  if (portkey) {
    const ratio = m.rps / portkey.summary.rps;
    list.push({
      check: 'RPS vs Portkey (non-streaming, 50c)',
      target: '>= 10x',
      measured: `${ratio.toFixed(1)}x (${fixed(m.rps)} vs ${fixed(portkey.summary.rps)})`,
      value: ratio,
      pass: ratio >= 10,
    });
  }
  list.push({
    check: 'added p50 latency vs 50 ms upstream (10c)',
    target: '<= 1.5 ms',
    measured: `${fixed(m.addedDelayP50, 2)} ms`,
    value: m.addedDelayP50,
    pass: m.addedDelayP50 <= 1.5,
  });
  list.push({
    check: 'added time to first token (c1)',
    target: '<= 1 ms',
    measured: `${fixed(m.addedTtft, 2)} ms`,
    value: m.addedTtft,
    pass: m.addedTtft <= 1,
  });
  list.push({
    check: 'peak RSS under load',
    target: '<= 150 MB',
    measured: `${fixed(m.peakRssMb, 1)} MB`,
    value: m.peakRssMb,
    pass: m.peakRssMb <= 150,
  });
  if (m.rssAfterFirstMb && m.rssAfterSecondMb) {
    const growth = m.rssAfterSecondMb / m.rssAfterFirstMb - 1;
    const soak = modelgate.soak;
    list.push({
      check: `RSS after ${soak.secondLabel} vs after ${soak.firstLabel} requests`,
      target: soak.scaledDown ? 'within 10% (scaled down: quick mode)' : 'within 10%',
      measured: `${signed(growth * 100, 1)}% (${fixed(m.rssAfterFirstMb, 1)} → ${fixed(m.rssAfterSecondMb, 1)} MB)`,
      value: growth,
      pass: Math.abs(growth) <= 0.1,
    });
  }
  return list;
}

export function markdown(results) {
  const { meta } = results;
  const lines = [];
  lines.push(`# modelgate benchmark — ${meta.mode} run, ${meta.date}`);
  lines.push('');
  lines.push(
    `Machine: ${meta.machine.cpuModel}, ${meta.machine.cores} cores, ${meta.machine.memoryGb} GB RAM, ${meta.machine.os}; Node ${meta.machine.node}.`,
  );
  lines.push(
    `Versions: ${Object.entries(meta.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
  );
  lines.push(
    `Settings: ${meta.settings.rounds} round(s), interleaved round-robin${meta.settings.rounds > 1 ? ', median of rounds' : ''}; ${meta.settings.phaseSeconds} s per throughput phase, ${meta.settings.delaySeconds} s for the 50 ms-upstream phase (${meta.settings.warmupSeconds} s non-streaming + ${meta.settings.warmupSeconds} s streaming warm-up per target); ${meta.settings.ttftSamples} TTFT samples; load generator: ${meta.loadGenerator}.`,
  );
  for (const note of meta.notes) lines.push(`- ${note}`);
  lines.push('');
  lines.push(
    '| target | RPS 50c | p50 / p99 ms | RPS stream 50c | stream p50 / p99 ms | added p50 @ 50 ms upstream, 10c | added TTFT c1 | CPU ms/req (json / stream) | peak RSS MB | RSS after ' +
      (meta.soakLabels ? `${meta.soakLabels[0]} / ${meta.soakLabels[1]}` : '100k / 1M') +
      ' MB |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const target of results.targets) {
    if (target.failed) {
      lines.push(`| ${target.name} | failed: ${target.failed.split('\n')[0].slice(0, 120)} |||||||||`);
      continue;
    }
    const s = target.summary;
    const isDirect = target.kind === 'direct';
    lines.push(
      `| ${target.name} | ${fixed(s.rps)} | ${fixed(s.p50, 2)} / ${fixed(s.p99, 2)} | ${fixed(s.streamRps)} | ${fixed(s.streamP50, 2)} / ${fixed(s.streamP99, 2)} | ` +
        `${isDirect ? `(p50 ${fixed(s.delayP50, 2)})` : `${signed(s.addedDelayP50)} ms`} | ${isDirect ? `(p50 ${fixed(s.ttftP50, 3)})` : `${signed(s.addedTtft)} ms`} | ` +
        `${fixed(s.cpuMsPerRequest, 3)} / ${fixed(s.streamCpuMsPerRequest, 3)} | ${fixed(s.peakRssMb, 1)} | ${s.rssAfterFirstMb ? `${fixed(s.rssAfterFirstMb, 1)} / ${fixed(s.rssAfterSecondMb, 1)}` : '—'} |`,
    );
  }
  const errored = results.targets.filter((target) => target.summary?.errors);
  if (errored.length) {
    lines.push('');
    lines.push(`Errors or non-2xx answers during load: ${errored.map((target) => `${target.name}: ${target.summary.errors}`).join('; ')}.`);
  }
  lines.push('');
  lines.push('## Targets (modelgate minimal, 1 worker)');
  lines.push('');
  lines.push('| check | target | measured | |');
  lines.push('|---|---|---|---|');
  for (const check of results.checks)
    lines.push(`| ${check.check} | ${check.target} | ${check.measured} | ${check.pass ? 'met' : '**missed**'} |`);
  lines.push('');
  lines.push(
    'Direct row: the mock upstream itself (its RPS is the ceiling of this machine, its CPU/RSS are the mock\'s). "added" figures are target p50 minus direct p50. CPU ms/req = utime+stime of the target process tree during the phase / requests answered. RSS sums VmRSS over the process tree (primary + workers).',
  );
  return lines.join('\n');
}

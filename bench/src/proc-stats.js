// CPU time and memory of a process tree, read from /proc (Linux only).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep the usual 100
}

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces and parentheses). */
function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** The pid and every live descendant (cluster workers are children of the primary). */
export function processTree(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(statFields(entry)[1]));
    } catch {
      // the process went away while we looked
    }
  }
  const tree = [rootPid];
  for (let index = 0; index < tree.length; index++) {
    for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
  }
  return tree;
}

/** utime + stime of the tree, in milliseconds. */
export function cpuTimeMs(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = statFields(pid);
      // fields[0] is state (field 3 of stat); utime is field 14, stime field 15.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return (ticks * 1000) / clockTicks;
}

function statusKb(pid, key) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/** A /proc/<pid>/status field (in kB) summed over the tree, in MB; processes that are gone count 0. */
function sumStatusMb(pids, field) {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += statusKb(pid, field);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** Summed VmRSS of the tree, in MB. */
export function rssMb(pids) {
  return sumStatusMb(pids, 'VmRSS');
}

/** Summed VmHWM (peak resident set) of the tree, in MB. */
export function hwmMb(pids) {
  return sumStatusMb(pids, 'VmHWM');
}

/**
 * Samples the summed RSS of a process tree every `intervalMs` until stopped; `stop()` returns the peak (MB).
 * The tree is resolved once at start (worker processes do not change during a phase).
 */
export function sampleRss(pids, intervalMs = 100) {
  let peak = rssMb(pids);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pids));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pids));
    },
  };
}

// Child processes of the harness: started with a log file, killed on every way out (normal exit, error,
// SIGINT, SIGTERM). Each child also runs the exit-with-parent preload, so that a SIGKILLed harness leaves
// nothing behind.
import { fork, spawn } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

export const EXIT_WITH_PARENT = fileURLToPath(new URL('./preload/exit-with-parent.js', import.meta.url));
export const LOOPBACK_LISTEN = fileURLToPath(new URL('./preload/loopback-listen.js', import.meta.url));

const live = new Set();

export function killAll(signal = 'SIGKILL') {
  for (const child of live) {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

let installed = false;
export function installCleanup() {
  if (installed) return;
  installed = true;
  process.on('exit', () => killAll('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping children\n`);
      killAll('SIGKILL');
      process.exit(130);
    });
  }
  process.on('uncaughtException', (error) => {
    process.stderr.write(`bench: ${error.stack ?? error}\n`);
    killAll('SIGKILL');
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    process.stderr.write(`bench: ${error?.stack ?? error}\n`);
    killAll('SIGKILL');
    process.exit(1);
  });
}

function track(child, name, logFile) {
  live.add(child);
  child.benchName = name;
  child.logFile = logFile;
  child.once('exit', (code, signal) => {
    live.delete(child);
    child.exited = { code, signal };
  });
  return child;
}

export function logTail(child, lines = 30) {
  try {
    return readFileSync(child.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Forks one of the bench's own scripts; resolves with the port it reports over IPC. */
export function forkScript(name, script, args, { logFile, env = {}, execArgv = [] } = {}) {
  const fd = openSync(logFile, 'a');
  const child = track(fork(script, args, { stdio: ['ignore', fd, fd, 'ipc'], env: { ...process.env, ...env }, execArgv }), name, logFile);
  closeSync(fd);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 20 s\n${logTail(child)}`)), 20_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve({ child, port: message.port });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}\n${logTail(child)}`));
    });
  });
}

/** Spawns `node <nodeArgs...>` with its output in a log file. */
export function spawnNode(name, nodeArgs, { logFile, env = {}, cwd } = {}) {
  const fd = openSync(logFile, 'a');
  const child = track(
    spawn(process.execPath, nodeArgs, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env }, cwd }),
    name,
    logFile,
  );
  closeSync(fd);
  return child;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls a chat completion until it answers 200 (or the child dies, or the time runs out). */
export async function waitUntilServing(child, url, headers, body, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = '';
  while (Date.now() < deadline) {
    if (child.exited) throw new Error(`${child.benchName} exited (${JSON.stringify(child.exited)})\n${logTail(child)}`);
    try {
      const response = await request(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        headersTimeout: 5000,
        bodyTimeout: 5000,
      });
      const text = await response.body.text();
      if (response.statusCode === 200) return text;
      lastProblem = `HTTP ${response.statusCode}: ${text.slice(0, 300)}`;
    } catch (error) {
      lastProblem = error.code ?? error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${child.benchName} not serving after ${timeoutMs} ms (${lastProblem})\n${logTail(child)}`);
}

export async function stopChild(child, graceMs = 3000) {
  if (!child || child.exited) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

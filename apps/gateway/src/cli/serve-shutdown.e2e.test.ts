import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The built CLI (`pnpm build`): workers are forked from it, so these tests run the real process. */
const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const masterKey = 'sk-shutdown-test-master';

let directory: string;
let mock: MockOpenAIServer;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'modelgate-shutdown-'));
  mock = await startMockOpenAI();
});

afterAll(async () => {
  await mock.close();
  await rm(directory, { recursive: true, force: true });
});

async function configFile(): Promise<string> {
  const path = join(directory, 'gateway.yaml');
  await writeFile(
    path,
    `server: { host: 127.0.0.1, log_level: silent, shutdown_grace_seconds: 3, keep_alive_timeout_ms: 60000 }
auth: { master_key: ${masterKey} }
providers:
  mock: { type: openai, base_url: "${mock.baseURL}", api_key: sk-mock }
models:
  - { name: smart, deployments: [{ provider: mock, model: gpt-4o-mini }] }
`,
  );
  return path;
}

interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startCli(args: string[]): Child {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function listeningPort(child: Child): Promise<number> {
  // Up to 30 s: starting two workers on a busy 2-core machine can take more than 10.
  for (let round = 0; round < 600; round += 1) {
    const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(child.stdout());
    if (match) return Number(match[1]);
    if (child.process.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the CLI did not start: ${child.stderr()}`);
}

/** Resolves once the response headers are in, with the promise of the whole body. */
function stream(agent: Agent, port: number): Promise<{ body: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/chat/completions',
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (data: string) => (body += data));
        resolve({ body: new Promise((settle) => response.on('end', () => settle(body))) });
      },
    );
    call.on('error', reject);
    call.end(JSON.stringify({ model: 'smart', stream: true, messages: [{ role: 'user', content: 'hi' }] }));
  });
}

describe.skipIf(!existsSync(cliPath))('modelgate serve and SIGTERM', { timeout: 60_000 }, () => {
  for (const workers of [1, 2]) {
    it(`finishes 20 streams from keep-alive clients and exits 0 (${workers} worker${workers > 1 ? 's' : ''})`, async () => {
      const child = startCli(['serve', '--config', await configFile(), '--port', '0', '--workers', String(workers)]);
      const port = await listeningPort(child);
      mock.reset();
      for (let index = 0; index < 20; index += 1)
        mock.enqueue({ type: 'text', content: 'one two three four five six seven', chunkDelayMs: 40 });
      const agent = new Agent({ keepAlive: true, maxSockets: 20 });
      const streams = await Promise.all(Array.from({ length: 20 }, () => stream(agent, port)));
      child.process.kill('SIGTERM');
      for (const body of await Promise.all(streams.map((each) => each.body))) expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
      expect(await child.exited).toBe(0);
      agent.destroy();
    });
  }

  it('ends streams still open after shutdown_grace_seconds with an error event and exits 0 (2 workers)', async () => {
    const child = startCli(['serve', '--config', await configFile(), '--port', '0', '--workers', '2']);
    const port = await listeningPort(child);
    mock.reset();
    for (let index = 0; index < 4; index += 1) mock.enqueue({ type: 'hang', afterChunks: 2 });
    const agent = new Agent({ keepAlive: true });
    const streams = await Promise.all(Array.from({ length: 4 }, () => stream(agent, port)));
    child.process.kill('SIGTERM');
    for (const body of await Promise.all(streams.map((each) => each.body))) {
      expect(body).toContain('"code":"server_shutting_down"');
      expect(body).not.toContain('[DONE]');
    }
    expect(await child.exited).toBe(0);
    agent.destroy();
  });

  it('exits 1 with one message when the port is taken, with workers', async () => {
    const occupant: Server = createServer();
    await new Promise<void>((resolve) => occupant.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (occupant.address() as { port: number }).port;
    try {
      const child = startCli(['serve', '--config', await configFile(), '--port', String(port), '--workers', '2']);
      expect(await child.exited).toBe(1);
      const lines = child.stderr().trim().split('\n');
      expect(lines).toEqual([
        `Cannot listen on 127.0.0.1:${port}: it is already in use (is another server running there? choose another with --port).`,
      ]);
    } finally {
      await new Promise((resolve) => occupant.close(resolve));
    }
  });
});

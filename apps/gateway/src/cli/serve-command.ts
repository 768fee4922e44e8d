import cluster, { type Worker } from 'node:cluster';
import { loadConfigFile, type LoadedConfig } from '@modelgate/core';
import { createAppGateway } from '../create-app-gateway.js';
import { assertSafeBinding, startServer, type RunningServer } from '../server.js';
import { messageOf, type CliIo } from './cli-io.js';
import { gatewayVersion } from './gateway-version.js';
import { buildStartupBanner } from './startup-banner.js';

export interface ServeOptions {
  config: string;
  host?: string;
  port?: number;
  workers?: number;
  /** Print only the listening line, no banner. */
  quiet?: boolean;
}

/** How long a graceful shutdown may take before the process exits anyway. */
const shutdownDeadlineMs = 30_000;

function onShutdownSignal(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => handler(signal));
}

function forceExitLater(): void {
  setTimeout(() => process.exit(1), shutdownDeadlineMs).unref();
}

/** One process serving: stops accepting on SIGTERM/SIGINT, finishes in-flight requests, closes the gateway. */
async function serveInProcess(options: ServeOptions, io: CliIo, loaded?: LoadedConfig): Promise<RunningServer> {
  const server = await startServer({
    ...(loaded === undefined ? { configPath: options.config } : { config: loaded }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  if (!cluster.isWorker) {
    const banner = options.quiet !== true && loaded !== undefined;
    io.stdout(banner ? buildStartupBanner({ version: gatewayVersion(), loaded, url: server.url, host: server.host, provider: (name) => server.gateway.provider(name) }) : `modelgate listening on ${server.url}\n`);
  }
  onShutdownSignal(() => {
    forceExitLater();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        io.stderr(`${messageOf(error)}\n`);
        process.exit(1);
      },
    );
  });
  return server;
}

/**
 * The primary of a cluster: forks `count` workers that listen on the same port, replaces a
 * worker that dies after it was listening, and forwards SIGTERM/SIGINT for a graceful stop.
 * A worker that dies before listening (port taken, bad plugin) stops the whole cluster.
 */
function runPrimary(count: number, io: CliIo, announce?: (url: string, host: string) => string): void {
  let shuttingDown = false;
  const listening = new WeakSet<Worker>();
  let announced = false;

  const stopAll = (exitCode: number) => {
    shuttingDown = true;
    forceExitLater();
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    if (workers.length === 0) process.exit(exitCode);
    let remaining = workers.length;
    for (const worker of workers) {
      worker.once('exit', () => {
        remaining -= 1;
        if (remaining === 0) process.exit(exitCode);
      });
      worker.process.kill('SIGTERM');
    }
  };

  cluster.on('listening', (worker, address) => {
    listening.add(worker);
    if (!announced && Object.values(cluster.workers ?? {}).every((each) => each !== undefined && listening.has(each))) {
      announced = true;
      const host = address.address ?? '127.0.0.1';
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      io.stdout(announce?.(url, host) ?? `modelgate listening on ${url} with ${count} workers\n`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (shuttingDown) return;
    if (!listening.has(worker)) {
      io.stderr(`A worker exited before it was listening (code ${code ?? signal}); stopping.\n`);
      stopAll(1);
      return;
    }
    io.stderr(`Worker ${worker.process.pid} died (${signal ?? `code ${code}`}); starting another.\n`);
    cluster.fork();
  });
  onShutdownSignal(() => stopAll(0));
  for (let index = 0; index < count; index += 1) cluster.fork();
}

/** `modelgate serve`: one process, or a node:cluster of workers. Returns the exit code of start-up. */
export async function serve(options: ServeOptions, io: CliIo): Promise<number> {
  try {
    if (cluster.isWorker) {
      await serveInProcess(options, io);
      return 0;
    }
    const loaded = await loadConfigFile(options.config);
    const workers = options.workers ?? loaded.config.server.workers;
    if (workers <= 1) {
      await serveInProcess(options, io, loaded);
      return 0;
    }
    // Check everything once here, so that a bad config is one clear error, not one per worker.
    assertSafeBinding(loaded.config, options.host ?? loaded.config.server.host);
    const checked = await createAppGateway(loaded);
    await checked.close();
    const announce = options.quiet === true
      ? undefined
      : (url: string, host: string) => buildStartupBanner({ version: gatewayVersion(), loaded, url, host, workers, provider: (name) => checked.provider(name) });
    runPrimary(workers, io, announce);
    return 0;
  } catch (error) {
    io.stderr(`${messageOf(error)}\n`);
    return 1;
  }
}

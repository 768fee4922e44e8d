import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:net';
import { loadConfigFile, type LoadedConfig } from '@modelgate/core';
import { createAppGateway } from '../create-app-gateway.js';
import { JsonLineLogger } from '../logging/json-line-logger.js';
import { startupWarnings } from '../startup-warnings.js';
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

/** Beyond the grace period, what closing the app and the gateway may take before the process exits anyway. */
const shutdownMarginMs = 5_000;

function onShutdownSignal(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => handler(signal));
}

function forceExitLater(graceSeconds: number): void {
  setTimeout(() => process.exit(1), graceSeconds * 1000 + shutdownMarginMs).unref();
}

/** Resolves once `host:port` could be listened on (and is free again), or rejects with the listen error. */
function checkPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * One process serving. On SIGTERM/SIGINT: stops accepting at once, lets in-flight requests and
 * streams finish within `server.shutdown_grace_seconds`, ends what is left with an error event,
 * closes the gateway and exits 0.
 */
async function serveInProcess(options: ServeOptions, io: CliIo, loaded?: LoadedConfig): Promise<RunningServer> {
  const server = await startServer({
    ...(loaded === undefined ? { configPath: options.config } : { config: loaded }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  if (!cluster.isWorker) {
    const banner = options.quiet !== true && loaded !== undefined;
    io.stdout(
      banner
        ? buildStartupBanner({
            version: gatewayVersion(),
            loaded,
            url: server.url,
            host: server.host,
            provider: (name) => server.gateway.provider(name),
          })
        : `modelgate listening on ${server.url}\n`,
    );
  }
  const graceSeconds = server.gateway.config.server.shutdown_grace_seconds;
  onShutdownSignal(() => {
    forceExitLater(graceSeconds);
    server.shutdown(graceSeconds).then(
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
function runPrimary(count: number, io: CliIo, graceSeconds: number, announce?: (url: string, host: string) => string): void {
  let shuttingDown = false;
  const listening = new WeakSet<Worker>();
  let announced = false;

  /** Asks every live worker to stop gracefully and exits once all of them have exited. */
  const stopAll = (exitCode: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    forceExitLater(graceSeconds);
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
    if (workers.length === 0) process.exit(exitCode);
    let remaining = workers.length;
    let failed = false;
    for (const worker of workers) {
      worker.once('exit', (code) => {
        remaining -= 1;
        if (code !== 0) failed = true;
        if (remaining === 0) process.exit(failed && exitCode === 0 ? 1 : exitCode);
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
    const host = options.host ?? loaded.config.server.host;
    assertSafeBinding(loaded.config, host);
    const checked = await createAppGateway(loaded);
    await checked.close();
    // A taken port is one message from the primary, not one per worker.
    await checkPortFree(host, options.port ?? loaded.config.server.port);
    const logger = new JsonLineLogger(loaded.config.server.log_level);
    for (const warning of startupWarnings(loaded)) logger.warn(warning);
    const announce =
      options.quiet === true
        ? undefined
        : (url: string, bound: string) =>
            buildStartupBanner({
              version: gatewayVersion(),
              loaded,
              url,
              host: bound,
              workers,
              provider: (name) => checked.provider(name),
            });
    runPrimary(workers, io, loaded.config.server.shutdown_grace_seconds, announce);
    return 0;
  } catch (error) {
    io.stderr(`${messageOf(error)}\n`);
    return 1;
  }
}

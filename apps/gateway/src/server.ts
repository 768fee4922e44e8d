import cluster from 'node:cluster';
import {
  ConfigError,
  createSecretRedactor,
  loadConfigFile,
  type Gateway,
  type LoadedConfig,
  type MiddlewareV1,
  type PluginDefinition,
} from '@modelgate/core';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from './app.js';
import { createAppGateway } from './create-app-gateway.js';
import { JsonLineLogger } from './logging/json-line-logger.js';
import type { ShutdownOutcome } from './plugins/graceful-shutdown-plugin.js';
import { startupWarnings } from './startup-warnings.js';
import { isLoopbackHost } from './security/is-loopback-host.js';

export interface StartServerOptions extends BuildAppOptions {
  /** A config file to load, or an already loaded config. */
  configPath?: string;
  config?: LoadedConfig;
  /** Override `server.host` / `server.port`. */
  host?: string;
  port?: number;
  environment?: Readonly<Record<string, string | undefined>>;
  /** Extra plugins for `createGateway`. */
  plugins?: readonly PluginDefinition[];
  /** Chat hooks for every request. */
  middleware?: readonly MiddlewareV1[];
}

export interface RunningServer {
  app: FastifyInstance;
  gateway: Gateway;
  host: string;
  port: number;
  /** `http://host:port`. */
  url: string;
  /** Stops accepting, lets in-flight requests finish, then closes the gateway. */
  close(): Promise<void>;
  /**
   * The graceful stop of SIGTERM: see `app.shutdown`. The grace period defaults to
   * `server.shutdown_grace_seconds`; the gateway is closed afterwards (for at most a few seconds).
   */
  shutdown(graceSeconds?: number): Promise<ShutdownOutcome>;
}

function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms).unref();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/**
 * Refuses to serve without authentication on an address other machines can reach: a gateway
 * with provider keys behind it would be open to anyone.
 */
export function assertSafeBinding(config: LoadedConfig['config'], host: string, masterKey?: string | null): void {
  const hasKey = masterKey === undefined ? config.auth.master_key !== undefined : masterKey !== null;
  if (hasKey || config.auth.disabled || isLoopbackHost(host)) return;
  throw new ConfigError(
    `Refusing to listen on ${host} without authentication: set auth.master_key (for example ` +
      '`master_key: ${MODELGATE_MASTER_KEY}`), listen on 127.0.0.1, or set auth.disabled: true to serve openly on purpose.',
  );
}

async function loadedConfigOf(options: StartServerOptions): Promise<LoadedConfig> {
  if (options.config) return options.config;
  if (options.configPath === undefined) throw new ConfigError('No config: pass configPath or config.');
  return loadConfigFile(options.configPath, options.environment ? { environment: options.environment } : {});
}

/** Loads the config, creates the gateway, builds the app and listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const loaded = await loadedConfigOf(options);
  const host = options.host ?? loaded.config.server.host;
  const port = options.port ?? loaded.config.server.port;
  assertSafeBinding(loaded.config, host, options.masterKey);
  // One logger for the server and its plugins: a plugin's warning lands in the same JSON lines, redacted.
  const logger = options.logger ?? new JsonLineLogger(options.logLevel ?? loaded.config.server.log_level);
  const redactor = options.redactor ?? createSecretRedactor(loaded.config, options.environment ?? process.env);
  logger.redactWith(redactor);
  const gateway = await createAppGateway(loaded, {
    logger,
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.plugins === undefined ? {} : { plugins: options.plugins }),
    ...(options.middleware === undefined ? {} : { middleware: options.middleware }),
  });
  // Workers stay quiet: their primary already warned once.
  if (!cluster.isWorker) for (const warning of startupWarnings(loaded)) logger.warn(warning);
  const app = buildApp(gateway, { ...options, logger, redactor, bufferAccessLog: options.bufferAccessLog ?? options.logger === undefined });
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    await gateway.close();
    throw error;
  }
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    app,
    gateway,
    host,
    port: boundPort,
    url: `http://${urlHost}:${boundPort}`,
    close: () => {
      closing ??= app.close().then(() => gateway.close());
      return closing;
    },
    shutdown: async (graceSeconds = loaded.config.server.shutdown_grace_seconds) => {
      const outcome = await app.shutdown(graceSeconds * 1000);
      // Upstream calls of answers cut at the deadline were cancelled; do not wait long on their pools.
      await settleWithin(gateway.close(), 2_000);
      return outcome;
    },
  };
}

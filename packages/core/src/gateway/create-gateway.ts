import { findUnsetCredentials } from '../config/find-unset-credentials.js';
import { parseConfig, type LoadedConfig } from '../config/load-config.js';
import type { GatewayConfigInput } from '../config/gateway-config-schema.js';
import { ModelRegistry } from '../models/model-registry.js';
import type { PluginDefinition, PluginLogger } from '../plugin/define-plugin.js';
import { GatewayContainer } from '../plugin/gateway-container.js';
import type { ImportModule } from '../plugin/import-module.js';
import { PluginLoader } from '../plugin/plugin-loader.js';
import { Router } from '../router/router.js';
import { weightedStrategy } from '../router/weighted-strategy.js';
import type { MiddlewareV1 } from '../specification/middleware-v1.js';
import type { RouterStrategyV1 } from '../specification/router-strategy-v1.js';
import { Gateway } from './gateway.js';

export interface CreateGatewayOptions {
  /** Plugins to use without an import: bundled apps, tests, catalogs. */
  plugins?: readonly PluginDefinition[];
  /** How plugin packages are imported; the app passes its own so that its dependencies resolve. */
  importModule?: ImportModule;
  environment?: Readonly<Record<string, string | undefined>>;
  logger?: PluginLogger;
  /** Hooks around every chat call, in order (guardrails, redaction, logging callbacks). */
  middleware?: readonly MiddlewareV1[];
  /** Randomness for the router (tests pass a seeded one). */
  random?: () => number;
}

const builtInStrategies: Readonly<Record<string, RouterStrategyV1>> = { weighted: weightedStrategy };

function isLoadedConfig(value: unknown): value is LoadedConfig {
  return typeof value === 'object' && value !== null && 'config' in value && 'source' in value && 'baseDirectory' in value;
}

/**
 * Builds a gateway from a config (a `loadConfigFile` result or a plain object in the YAML shape):
 * loads every plugin, checks its settings and wires the router. Throws `ConfigError` naming the
 * config path of whatever is wrong.
 */
export async function createGateway(input: GatewayConfigInput | LoadedConfig, options: CreateGatewayOptions = {}): Promise<Gateway> {
  const environment = options.environment ?? process.env;
  const loaded = isLoadedConfig(input) ? input : parseConfig(input, { environment });
  const { config } = loaded;
  const loader = new PluginLoader({
    plugins: options.plugins,
    importModule: options.importModule,
    baseDirectory: loaded.baseDirectory,
    source: loaded.source,
    logger: options.logger,
    environment,
    unsetReferences: loaded.unsetReferences,
    upstreamLimits: { maxResponseBytes: config.upstream.max_response_bytes, idleTimeoutMs: config.upstream.idle_timeout_ms },
  });
  const container = new GatewayContainer();
  const closers: (() => Promise<void>)[] = [];

  try {
    for (const [name, settings] of Object.entries(config.providers)) {
      const { type, plugin, ...rest } = settings as { type?: string; plugin?: string };
      const provider = await loader.instantiate({
        kind: 'provider',
        instanceName: name,
        type,
        plugin,
        settings: rest,
        configPath: ['providers', name],
      });
      container.add('provider', provider, name);
      if (provider.close) closers.push(() => provider.close!());
    }
    for (const middleware of options.middleware ?? []) container.add('middleware', middleware, middleware.name);
    let strategy = builtInStrategies[config.router.strategy];
    if (!strategy) {
      strategy = await loader.instantiate({
        kind: 'router-strategy',
        instanceName: config.router.strategy,
        settings: {},
        configPath: ['router', 'strategy'],
      });
    }
    container.add('router-strategy', strategy, strategy.name);
  } catch (error) {
    await Promise.allSettled(closers.map((close) => close()));
    throw error;
  }

  const registry = new ModelRegistry(config, {
    credentialsOf: (name) => container.providerRegistry.get(name)?.describeCredentials?.(),
  });
  const router = new Router({
    registry,
    strategy: container.resolve('router-strategy')!,
    retries: config.router.retries,
    timeoutMs: config.router.timeout_ms,
    fallbacks: config.router.fallbacks,
    ...(config.router.request_timeout_ms === undefined ? {} : { requestTimeoutMs: config.router.request_timeout_ms }),
    unavailableProviders: findUnsetCredentials(config, loaded.unsetReferences),
    ...(options.random ? { random: options.random } : {}),
  });
  return new Gateway({
    config,
    registry,
    router,
    providers: container.providerRegistry,
    middleware: container.resolveAll('middleware'),
    close: async () => {
      await Promise.allSettled(closers.map((close) => close()));
    },
  });
}

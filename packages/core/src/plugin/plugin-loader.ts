import { ConfigError } from '../errors/config-error.js';
import { formatZodIssues } from '../config/format-zod-issues.js';
import {
  pluginKinds,
  type PluginContext,
  type PluginDefinition,
  type PluginKind,
  type PluginLogger,
  type PluginProducts,
} from './define-plugin.js';
import { importFromDirectory, type ImportModule } from './import-module.js';

export interface PluginLoaderOptions {
  /** Plugins available without an import (and their aliases). */
  plugins?: readonly PluginDefinition[];
  importModule?: ImportModule;
  /** Folder that relative plugin paths start from. */
  baseDirectory?: string;
  /** Where the config came from, for error messages. */
  source?: string;
  logger?: PluginLogger;
  environment?: Readonly<Record<string, string | undefined>>;
  /** Passed to every plugin as `context.upstreamLimits`. */
  upstreamLimits?: { maxResponseBytes: number; idleTimeoutMs: number };
}

export interface InstanceRequest {
  kind: PluginKind;
  /** The config name of the instance (`openai`, `my-vllm`). */
  instanceName: string;
  /** `type:` from the config; defaults to the instance name. */
  type?: string;
  /** `plugin:` from the config: a package name or a path. */
  plugin?: string;
  /** Everything else under the instance. */
  settings: Record<string, unknown>;
  /** Where the settings sit in the config, for error messages (`['providers', 'openai']`). */
  configPath: readonly PropertyKey[];
}

const silentLogger: PluginLogger = { debug() {}, info() {}, warn() {}, error() {} };
const defaultImport: ImportModule = (specifier) => import(specifier);

/** Packages whose aliases are searched when no package carries a type's own name (the catalog). */
const catalogPackages: Partial<Record<PluginKind, string>> = { provider: '@modelgate/provider-openai' };

function packagePrefix(kind: PluginKind): string {
  return kind === 'router-strategy' ? 'router' : kind;
}

function isPluginDefinition(value: unknown): value is PluginDefinition {
  const candidate = value as Partial<PluginDefinition> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.kind === 'string' &&
    typeof candidate.name === 'string' &&
    typeof candidate.create === 'function' &&
    typeof (candidate.settingsSchema as { safeParse?: unknown } | undefined)?.safeParse === 'function'
  );
}

/**
 * Finds, checks and instantiates plugins. A `type` resolves to a plugin registered by name or alias,
 * else to the package `@modelgate/<kind>-<type>`, else to `modelgate-<kind>-<type>`, else to an alias
 * of the catalog package; `plugin:` names a package or path explicitly.
 */
export class PluginLoader {
  private readonly byName = new Map<string, PluginDefinition>();
  private readonly importModule: ImportModule;
  private readonly baseDirectory: string;
  private readonly source: string;
  private readonly logger: PluginLogger;
  private readonly environment: Readonly<Record<string, string | undefined>>;
  private readonly upstreamLimits: { maxResponseBytes: number; idleTimeoutMs: number } | undefined;

  constructor(options: PluginLoaderOptions = {}) {
    this.importModule = options.importModule ?? defaultImport;
    this.baseDirectory = options.baseDirectory ?? process.cwd();
    this.source = options.source ?? '(inline)';
    this.logger = options.logger ?? silentLogger;
    this.environment = options.environment ?? process.env;
    this.upstreamLimits = options.upstreamLimits;
    for (const plugin of options.plugins ?? []) this.register(plugin, '(registered)');
  }

  /** Makes a plugin available by its name and aliases. */
  register(plugin: PluginDefinition, origin: string): void {
    this.check(plugin, origin);
    for (const name of [plugin.name, ...(plugin.aliases ?? [])]) {
      const key = `${plugin.kind}:${name}`;
      if (!this.byName.has(key)) this.byName.set(key, plugin);
    }
  }

  async instantiate<K extends PluginKind>(request: InstanceRequest & { kind: K }): Promise<PluginProducts[K]> {
    const type = request.type ?? request.instanceName;
    const { definition, origin } = await this.resolve(request.kind, type, request.plugin, request.configPath);
    const parsed = definition.settingsSchema.safeParse(request.settings);
    if (!parsed.success) {
      const lines = formatZodIssues(parsed.error, request.configPath).map((issue) => `  ${issue.path}: ${issue.message}`);
      throw new ConfigError(
        `Invalid settings for ${request.kind} "${request.instanceName}" (plugin ${origin}) in ${this.source}:\n${lines.join('\n')}`,
      );
    }
    const context: PluginContext = {
      instanceName: request.instanceName,
      type,
      logger: this.logger,
      environment: this.environment,
      ...(this.upstreamLimits === undefined ? {} : { upstreamLimits: this.upstreamLimits }),
    };
    try {
      return (await definition.create(parsed.data, context)) as PluginProducts[K];
    } catch (error) {
      if (ConfigError.isInstance(error)) throw error;
      throw new ConfigError(
        `Plugin ${origin} failed to create ${request.kind} "${request.instanceName}": ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  private async resolve(
    kind: PluginKind,
    type: string,
    explicit: string | undefined,
    configPath: readonly PropertyKey[],
  ): Promise<{ definition: PluginDefinition; origin: string }> {
    if (explicit !== undefined) {
      const definition = await this.load(explicit, kind);
      if (definition === undefined) {
        throw new ConfigError(`${this.source}: ${[...configPath, 'plugin'].join('.')}: cannot find plugin "${explicit}" (is it installed, or is the path right?)`);
      }
      return { definition, origin: explicit };
    }
    const registered = this.byName.get(`${kind}:${type}`);
    if (registered) return { definition: registered, origin: registered.name };

    const tried: string[] = [];
    for (const specifier of [`@modelgate/${packagePrefix(kind)}-${type}`, `modelgate-${packagePrefix(kind)}-${type}`]) {
      tried.push(specifier);
      const definition = await this.load(specifier, kind);
      if (definition) {
        this.register(definition, specifier);
        return { definition, origin: specifier };
      }
    }
    const catalog = catalogPackages[kind];
    if (catalog !== undefined && !tried.includes(catalog)) {
      tried.push(`${catalog} (catalog)`);
      const definition = await this.load(catalog, kind);
      if (definition) {
        this.register(definition, catalog);
        const aliased = this.byName.get(`${kind}:${type}`);
        if (aliased) return { definition: aliased, origin: catalog };
      }
    }
    throw new ConfigError(
      `${this.source}: ${[...configPath, 'type'].join('.')}: unknown ${kind} type "${type}"; tried ${tried.join(', ')}. ` +
        `Install the package, or name one with "plugin:".`,
    );
  }

  private async load(specifier: string, kind: PluginKind): Promise<PluginDefinition | undefined> {
    let module: unknown;
    try {
      module = await importFromDirectory(specifier, this.baseDirectory, this.importModule);
    } catch (error) {
      throw new ConfigError(`Cannot load plugin ${specifier}: ${(error as Error).message}`, { cause: error });
    }
    if (module === undefined) return undefined;
    const definition = (module as { default?: unknown }).default;
    if (!isPluginDefinition(definition)) {
      throw new ConfigError(
        `Plugin ${specifier} has no plugin definition as its default export (export default definePlugin({...})).`,
      );
    }
    if (definition.kind !== kind) {
      throw new ConfigError(`Plugin ${specifier} is a ${definition.kind} plugin, but a ${kind} plugin is needed here.`);
    }
    this.check(definition, specifier);
    return definition;
  }

  private check(plugin: PluginDefinition, origin: string): void {
    if (!pluginKinds.includes(plugin.kind)) {
      throw new ConfigError(`Plugin ${origin} has unknown kind "${plugin.kind}"; known kinds: ${pluginKinds.join(', ')}.`);
    }
    if (plugin.specificationVersion !== 'v1') {
      throw new ConfigError(
        `Plugin ${origin} implements specification "${String(plugin.specificationVersion)}", but this core supports v1.`,
      );
    }
  }
}

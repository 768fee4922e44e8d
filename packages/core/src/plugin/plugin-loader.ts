import { ConfigError } from '../errors/config-error.js';
import { formatZodIssues } from '../config/format-zod-issues.js';
import { describeUnsetReferences, type UnsetReference } from '../config/unset-reference.js';
import {
  pluginKinds,
  type PluginContext,
  type PluginDefinition,
  type PluginKind,
  type PluginLogger,
  type PluginProducts,
} from './define-plugin.js';
import { checkPluginProduct } from './check-plugin-product.js';
import { describeDefaultExport } from './describe-default-export.js';
import { importFromDirectory, isPathSpecifier, ModuleImportFailure, type ImportModule } from './import-module.js';
import { locateSyntaxError } from './locate-syntax-error.js';

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
  /** Unset `${VAR}` references in the config, so that a plugin's complaint about a key names the variable. */
  unsetReferences?: readonly UnsetReference[];
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

/**
 * Other names of first-party packages, for a type that a provider's own name does not cover
 * (docs/decisions/0002): `type: google` loads `@modelgate/provider-gemini`, the Gemini API plugin.
 */
export const firstPartyAliases: Partial<Record<PluginKind, Readonly<Record<string, string>>>> = { provider: { google: 'gemini' } };

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
 * else to the package `@modelgate/<kind>-<type>`, else to `modelgate-<kind>-<type>` (a first-party
 * alias such as `google` stands for its package's own type there), else to an alias of the catalog
 * package; `plugin:` names a package or path explicitly.
 */
export class PluginLoader {
  private readonly byName = new Map<string, PluginDefinition>();
  private readonly importModule: ImportModule;
  private readonly baseDirectory: string;
  private readonly source: string;
  private readonly logger: PluginLogger;
  private readonly environment: Readonly<Record<string, string | undefined>>;
  private readonly unsetReferences: readonly UnsetReference[];
  private readonly upstreamLimits: { maxResponseBytes: number; idleTimeoutMs: number } | undefined;

  constructor(options: PluginLoaderOptions = {}) {
    this.importModule = options.importModule ?? defaultImport;
    this.baseDirectory = options.baseDirectory ?? process.cwd();
    this.source = options.source ?? '(inline)';
    this.logger = options.logger ?? silentLogger;
    this.environment = options.environment ?? process.env;
    this.unsetReferences = options.unsetReferences ?? [];
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
      const issues = parsed.error.issues;
      const lines = formatZodIssues(parsed.error, request.configPath).flatMap((issue, index) => [
        `  ${issue.path}: ${issue.message}`,
        ...describeUnsetReferences(this.unsetReferences, [...request.configPath, ...issues[index]!.path]).map((hint) => `    ${hint}`),
      ]);
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
    let product: unknown;
    try {
      product = await definition.create(parsed.data, context);
    } catch (error) {
      const hints = describeUnsetReferences(this.unsetReferences, request.configPath)
        .map((hint) => `\n  ${hint}`)
        .join('');
      if (ConfigError.isInstance(error)) {
        const named = error.message.startsWith(this.source) ? error.message : `${this.source}: ${error.message}`;
        throw new ConfigError(`${named}${hints}`, { cause: error });
      }
      throw new ConfigError(
        `${this.source}: plugin ${origin} failed to create ${request.kind} "${request.instanceName}": ${(error as Error).message}${hints}`,
        { cause: error },
      );
    }
    checkPluginProduct(request.kind, product, origin, request.instanceName);
    return product as PluginProducts[K];
  }

  private async resolve(
    kind: PluginKind,
    type: string,
    explicit: string | undefined,
    configPath: readonly PropertyKey[],
  ): Promise<{ definition: PluginDefinition; origin: string }> {
    if (explicit !== undefined) {
      const where = `${this.source}: ${[...configPath, 'plugin'].join('.')}`;
      const loaded = await this.load(explicit, kind, where);
      if (!loaded.found) {
        throw new ConfigError(`${where}: plugin "${explicit}" is not installed; ${describeSearch(explicit, loaded.searched)}.`);
      }
      return { definition: loaded.definition, origin: explicit };
    }
    const registered = this.byName.get(`${kind}:${type}`);
    if (registered) return { definition: registered, origin: registered.name };

    const where = `${this.source}: ${[...configPath, 'type'].join('.')}`;
    const tried: string[] = [];
    let searched: string[] = [];
    const packageType = firstPartyAliases[kind]?.[type] ?? type;
    for (const specifier of [`@modelgate/${packagePrefix(kind)}-${packageType}`, `modelgate-${packagePrefix(kind)}-${packageType}`]) {
      tried.push(specifier);
      const loaded = await this.load(specifier, kind, where);
      if (loaded.found) {
        this.register(loaded.definition, specifier);
        return { definition: loaded.definition, origin: specifier };
      }
      searched = loaded.searched;
    }
    const catalog = catalogPackages[kind];
    if (catalog !== undefined && !tried.includes(catalog)) {
      tried.push(`${catalog} (catalog)`);
      const loaded = await this.load(catalog, kind, where);
      if (loaded.found) {
        this.register(loaded.definition, catalog);
        const aliased = this.byName.get(`${kind}:${type}`);
        if (aliased) return { definition: aliased, origin: catalog };
      }
    }
    throw new ConfigError(
      `${where}: unknown ${kind} type "${type}"; tried ${tried.join(', ')}. ` +
        `None of the packages is installed (${describeSearch('<package>', searched)}). Install the package, or name one with "plugin:".`,
    );
  }

  private async load(
    specifier: string,
    kind: PluginKind,
    where: string,
  ): Promise<{ found: true; definition: PluginDefinition } | { found: false; searched: string[] }> {
    let imported: Awaited<ReturnType<typeof importFromDirectory>>;
    try {
      imported = await importFromDirectory(specifier, this.baseDirectory, this.importModule);
    } catch (error) {
      if (!(error instanceof ModuleImportFailure)) throw error;
      const cause = error.cause as Error | null;
      const at = error.packageDirectory === undefined ? '' : ` (at ${error.packageDirectory})`;
      const syntax = locateSyntaxError(cause, error.url);
      const location = syntax === undefined ? '' : `\n  at ${syntax.location}${syntax.excerpt === '' ? '' : `\n${syntax.excerpt}`}`;
      throw new ConfigError(
        `${where}: plugin "${specifier}" is installed${at} but failed to load: ${cause?.name ?? 'Error'}: ${error.message}${location}`,
        { cause },
      );
    }
    if (!imported.found) return imported;
    const definition = (imported.module as { default?: unknown } | null)?.default;
    if (!isPluginDefinition(definition)) {
      throw new ConfigError(
        `${where}: "${specifier}" loaded, but it is not a plugin: ${describeDefaultExport(imported.module)}. ` +
          `A plugin's default export is definePlugin({ kind, name, specificationVersion, settingsSchema, create }).`,
      );
    }
    if (definition.kind !== kind) {
      throw new ConfigError(`Plugin ${specifier} is a ${definition.kind} plugin, but a ${kind} plugin is needed here.`);
    }
    this.check(definition, specifier);
    return { found: true, definition };
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

function describeSearch(specifier: string, searched: readonly string[]): string {
  if (isPathSpecifier(specifier)) return `no file at ${searched.join(', ')}`;
  const folders = searched.map((directory) => `${directory}/node_modules`).join(', ');
  return `looked in the gateway's own dependencies, then in ${folders} and the node_modules of their parent folders`;
}

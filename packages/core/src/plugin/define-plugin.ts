import type { z } from 'zod';
import type { MiddlewareV1 } from '../specification/middleware-v1.js';
import type { ProviderV1 } from '../specification/provider-v1.js';
import type { RouterStrategyV1 } from '../specification/router-strategy-v1.js';

/** What each kind of plugin creates. */
export interface PluginProducts {
  provider: ProviderV1;
  'router-strategy': RouterStrategyV1;
  middleware: MiddlewareV1;
}

export type PluginKind = keyof PluginProducts;

export const pluginKinds: readonly PluginKind[] = ['provider', 'router-strategy', 'middleware'];

export interface PluginLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What `create` receives besides its settings. */
export interface PluginContext {
  /** The instance name from the config (`openai`, `my-vllm`); the plugin name when unnamed. */
  instanceName: string;
  /** The `type:` the config asked for (`groq` for a catalog entry served by the OpenAI plugin). */
  type: string;
  logger: PluginLogger;
  /** Environment variables, read at call time (tests pass their own). */
  environment: Readonly<Record<string, string | undefined>>;
  /** Bounds on upstream responses (`upstream:` in the config); providers apply them to their HTTP calls. */
  upstreamLimits?: { maxResponseBytes: number; idleTimeoutMs: number };
}

export interface PluginDefinition<K extends PluginKind = PluginKind, S extends z.ZodType = z.ZodType> {
  readonly kind: K;
  readonly name: string;
  readonly specificationVersion: 'v1';
  readonly settingsSchema: S;
  /** Other `type:` names this plugin serves (catalog entries such as `groq`, `ollama`). */
  readonly aliases?: readonly string[];
  create(settings: z.output<S>, context: PluginContext): PluginProducts[K] | Promise<PluginProducts[K]>;
}

/** The default export of a plugin package. Type-checks the definition; adds nothing at run time. */
export function definePlugin<K extends PluginKind, S extends z.ZodType>(definition: PluginDefinition<K, S>): PluginDefinition<K, S> {
  return Object.freeze({ ...definition });
}

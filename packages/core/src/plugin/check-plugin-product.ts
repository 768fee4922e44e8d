import { ConfigError } from '../errors/config-error.js';
import type { PluginKind } from './define-plugin.js';

/** The methods each kind of product must have, so that a wrong `create` fails at start-up, not on the first call. */
const requiredMethods: Readonly<Record<PluginKind, readonly string[]>> = {
  provider: ['chat'],
  'router-strategy': ['select'],
  middleware: [],
};

/** Throws `ConfigError` naming the plugin when `create` returned something that is not a product of its kind. */
export function checkPluginProduct(kind: PluginKind, product: unknown, origin: string, instanceName: string): void {
  const where = `Plugin ${origin} (${kind} "${instanceName}")`;
  if (typeof product !== 'object' || product === null) {
    throw new ConfigError(`${where}: create() returned ${product === null ? 'null' : typeof product}, not a ${kind}.`);
  }
  const candidate = product as Record<string, unknown>;
  if (candidate.specificationVersion !== 'v1') {
    throw new ConfigError(
      `${where}: create() returned an object whose specificationVersion is ${JSON.stringify(candidate.specificationVersion)}, not "v1".`,
    );
  }
  const missing = requiredMethods[kind].filter((method) => typeof candidate[method] !== 'function');
  if (missing.length > 0)
    throw new ConfigError(`${where}: create() returned an object without ${missing.map((name) => `${name}()`).join(', ')}.`);
}

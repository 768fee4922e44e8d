import type { InjectionToken } from 'tsyringe';
import type { PluginKind, PluginProducts } from './define-plugin.js';

/** The container token of each plugin kind: `Symbol.for('modelgate:<Kind>')`. */
export function tokenFor<K extends PluginKind>(kind: K): InjectionToken<PluginProducts[K]> {
  return Symbol.for(`modelgate:${kind}`);
}

/** Keyed registry of provider instances, by config name. */
export const providerRegistryToken: InjectionToken<ReadonlyMap<string, PluginProducts['provider']>> =
  Symbol.for('modelgate:ProviderRegistry');

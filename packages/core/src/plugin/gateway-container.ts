import 'reflect-metadata';
import { container, type DependencyContainer } from 'tsyringe';
import type { PluginKind, PluginProducts } from './define-plugin.js';
import { providerRegistryToken, tokenFor } from './tokens.js';

/**
 * A child container per gateway: no module-level default instance, so that two gateways in one
 * process never share plugins.
 */
export class GatewayContainer {
  readonly container: DependencyContainer = container.createChildContainer();
  private readonly providers = new Map<string, PluginProducts['provider']>();

  constructor() {
    this.container.register(providerRegistryToken, { useValue: this.providers });
  }

  add<K extends PluginKind>(kind: K, product: PluginProducts[K], instanceName: string): void {
    if (kind === 'provider') this.providers.set(instanceName, product as PluginProducts['provider']);
    this.container.register(tokenFor(kind), { useValue: product });
  }

  /** The last registered product of a kind (storage, state, strategy). */
  resolve<K extends PluginKind>(kind: K): PluginProducts[K] | undefined {
    const token = tokenFor(kind);
    return this.container.isRegistered(token, false) ? this.container.resolve(token) : undefined;
  }

  /** Every registered product of a kind, in config order (auth, middleware). */
  resolveAll<K extends PluginKind>(kind: K): PluginProducts[K][] {
    const token = tokenFor(kind);
    return this.container.isRegistered(token, false) ? this.container.resolveAll(token) : [];
  }

  get providerRegistry(): ReadonlyMap<string, PluginProducts['provider']> {
    return this.container.resolve(providerRegistryToken);
  }
}

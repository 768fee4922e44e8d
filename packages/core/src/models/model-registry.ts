import type { GatewayConfig } from '../config/gateway-config-schema.js';
import type { DeploymentV1 } from '../specification/router-strategy-v1.js';

export interface ModelGroup {
  /** The public name clients ask for. */
  name: string;
  deployments: readonly DeploymentV1[];
  /** True for a `provider/model` name that is not a configured group. */
  direct: boolean;
}

/**
 * Public model names → deployments. A configured group wins; otherwise `<provider>/<model>` goes
 * straight to that provider instance (the model part may itself contain slashes).
 */
export class ModelRegistry {
  private readonly groups = new Map<string, ModelGroup>();
  private readonly providers: ReadonlySet<string>;

  constructor(config: Pick<GatewayConfig, 'models' | 'providers'>) {
    this.providers = new Set(Object.keys(config.providers));
    for (const model of config.models) {
      const seen = new Map<string, number>();
      const deployments = model.deployments.map((deployment) => {
        const base = `${deployment.provider}/${deployment.model}`;
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        return Object.freeze({
          id: count === 0 ? base : `${base}#${count}`,
          provider: deployment.provider,
          model: deployment.model,
          weight: deployment.weight,
          ...(deployment.rpm === undefined ? {} : { rpm: deployment.rpm }),
          ...(deployment.tpm === undefined ? {} : { tpm: deployment.tpm }),
        });
      });
      this.groups.set(model.name, Object.freeze({ name: model.name, deployments, direct: false }));
    }
  }

  resolve(name: string): ModelGroup | undefined {
    const group = this.groups.get(name);
    if (group) return group;
    const slash = name.indexOf('/');
    if (slash <= 0 || slash === name.length - 1) return undefined;
    const provider = name.slice(0, slash);
    if (!this.providers.has(provider)) return undefined;
    const model = name.slice(slash + 1);
    return { name, deployments: [{ id: name, provider, model, weight: 1 }], direct: true };
  }

  /** The configured groups, in config order. */
  list(): ModelGroup[] {
    return [...this.groups.values()];
  }
}

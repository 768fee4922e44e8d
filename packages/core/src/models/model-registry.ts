import type { GatewayConfig } from '../config/gateway-config-schema.js';
import type { DeploymentV1 } from '../specification/router-strategy-v1.js';
import { deploymentOverrides } from './deployment-overrides.js';
import { selectUsableDeployments, type CredentialStateLookup } from './select-usable-deployments.js';

export interface ModelGroup {
  /** The public name clients ask for. */
  name: string;
  deployments: readonly DeploymentV1[];
  /** True for a `provider/model` name that is not a configured group. */
  direct: boolean;
}

export interface ModelRegistryOptions {
  /**
   * The credential state of each provider instance: a group keeps only the deployments that
   * `selectUsableDeployments` picks. Without it every configured deployment is kept.
   */
  credentialsOf?: CredentialStateLookup;
}

/**
 * Public model names → deployments. A configured group wins; otherwise `<provider>/<model>` goes
 * straight to that provider instance (the model part may itself contain slashes). A group's
 * deployments are fixed at start-up: those whose provider lacks its credentials are left out.
 */
export class ModelRegistry {
  private readonly groups = new Map<string, ModelGroup>();
  private readonly providers: ReadonlySet<string>;

  constructor(config: Pick<GatewayConfig, 'models' | 'providers'>, options: ModelRegistryOptions = {}) {
    this.providers = new Set(Object.keys(config.providers));
    const credentialsOf = options.credentialsOf;
    for (const model of config.models) {
      const seen = new Map<string, number>();
      const all = model.deployments.map((deployment) => {
        const overrides = deploymentOverrides(deployment);
        const base = `${deployment.provider}/${deployment.model}`;
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        const frozen: DeploymentV1 = Object.freeze({
          id: count === 0 ? base : `${base}#${count}`,
          provider: deployment.provider,
          model: deployment.model,
          weight: deployment.weight,
          ...(deployment.rpm === undefined ? {} : { rpm: deployment.rpm }),
          ...(deployment.tpm === undefined ? {} : { tpm: deployment.tpm }),
          ...(deployment.strict === true ? { strict: true } : {}),
          ...(overrides === undefined ? {} : { overrides }),
        });
        return { provider: deployment.provider, standby: deployment.standby === true, deployment: frozen };
      });
      // Ids are given before the selection, so that a deployment keeps its id whichever keys are set.
      const chosen = credentialsOf === undefined ? all : selectUsableDeployments(all, credentialsOf);
      const deployments = chosen.map((candidate) => candidate.deployment);
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

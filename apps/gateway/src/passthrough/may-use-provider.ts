import type { GatewayConfig, Principal } from '@modelgate/core';

/**
 * Whether a principal may send pass-through requests to a provider instance: one without model scopes
 * (the master key, or no authentication) may use any; one with model scopes only a provider that one of its
 * allowed models routes to (a deployment of an allowed model group, or an allowed direct id `provider/model`).
 * A pass-through request names no model the gateway could check, so the provider is the finest grain there is.
 */
export function mayUseProvider(principal: Principal | null | undefined, provider: string, config: GatewayConfig): boolean {
  const allowed = principal?.scopes.models;
  if (allowed === undefined || allowed.includes('*')) return true;
  if (allowed.some((model) => model.startsWith(`${provider}/`))) return true;
  return config.models.some(
    (group) => allowed.includes(group.name) && group.deployments.some((deployment) => deployment.provider === provider),
  );
}

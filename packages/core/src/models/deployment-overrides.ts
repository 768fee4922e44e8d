import type { DeploymentConfig } from '../config/gateway-config-schema.js';
import type { ModelMetadataOverridesV1 } from '../specification/model-metadata-v1.js';

/** The limits and prices a deployment entry of the config gives, in the specification's terms; `undefined` for none. */
export function deploymentOverrides(deployment: DeploymentConfig): ModelMetadataOverridesV1 | undefined {
  const overrides: ModelMetadataOverridesV1 = {};
  if (deployment.context_window !== undefined) overrides.contextWindow = deployment.context_window;
  if (deployment.max_output_tokens !== undefined) overrides.maxOutputTokens = deployment.max_output_tokens;
  const prices: NonNullable<ModelMetadataOverridesV1['prices']> = {};
  if (deployment.input_cost_per_million !== undefined) prices.inputPerMillion = deployment.input_cost_per_million;
  if (deployment.output_cost_per_million !== undefined) prices.outputPerMillion = deployment.output_cost_per_million;
  if (deployment.cached_input_cost_per_million !== undefined) prices.cachedInputPerMillion = deployment.cached_input_cost_per_million;
  if (deployment.cache_write_cost_per_million !== undefined) prices.cacheWritePerMillion = deployment.cache_write_cost_per_million;
  if (deployment.cost_per_search_unit !== undefined) prices.perSearchUnit = deployment.cost_per_search_unit;
  if (Object.keys(prices).length > 0) overrides.prices = prices;
  return Object.keys(overrides).length > 0 ? Object.freeze(overrides) : undefined;
}

import type { ModelCapabilitiesV1, ModelMetadataOverridesV1, ModelMetadataV1 } from '../specification/model-metadata-v1.js';
import type { CallPrices } from './compute-call-cost.js';

/** What the gateway knows of a deployment's model: the provider's metadata with the config's overrides applied. */
export interface DeploymentModelFacts {
  contextWindow?: number;
  maxOutputTokens?: number;
  prices?: CallPrices;
  capabilities?: ModelCapabilitiesV1;
}

/**
 * Merges a deployment's overrides over its provider's metadata, field by field (a single price given in
 * the config replaces only that price). `undefined` when neither says anything.
 */
export function deploymentModelFacts(
  metadata: ModelMetadataV1 | undefined,
  overrides: ModelMetadataOverridesV1 | undefined,
): DeploymentModelFacts | undefined {
  if (metadata === undefined && overrides === undefined) return undefined;
  const facts: DeploymentModelFacts = {};
  const contextWindow = overrides?.contextWindow ?? metadata?.contextWindow;
  if (contextWindow !== undefined) facts.contextWindow = contextWindow;
  const maxOutputTokens = overrides?.maxOutputTokens ?? metadata?.maxOutputTokens;
  if (maxOutputTokens !== undefined) facts.maxOutputTokens = maxOutputTokens;
  if (metadata?.prices !== undefined || overrides?.prices !== undefined) {
    const prices: CallPrices = {};
    for (const key of ['inputPerMillion', 'outputPerMillion', 'cachedInputPerMillion', 'cacheWritePerMillion', 'perSearchUnit'] as const) {
      const price = overrides?.prices?.[key] ?? metadata?.prices?.[key];
      if (price !== undefined) prices[key] = price;
    }
    facts.prices = prices;
  }
  if (metadata?.capabilities !== undefined) facts.capabilities = metadata.capabilities;
  return facts;
}

import type { DeploymentModelFacts } from '../cost/deployment-model-facts.js';

/** What `GET /v1/models` adds to OpenAI's model object, in the wire's snake case (the config's price names). */
export interface PublicModelFacts {
  context_window?: number;
  max_output_tokens?: number;
  capabilities?: { tools?: boolean; vision?: boolean; reasoning?: boolean; json_schema?: boolean; embeddings?: boolean; rerank?: boolean };
  /** US dollars per million tokens. */
  pricing?: {
    input_cost_per_million?: number;
    output_cost_per_million?: number;
    cached_input_cost_per_million?: number;
    cache_write_cost_per_million?: number;
    /** US dollars per search unit (rerank models). */
    cost_per_search_unit?: number;
  };
}

/** A deployment's model facts as `GET /v1/models` shows them; only what is known appears. */
export function publicModelFacts(facts: DeploymentModelFacts | undefined): PublicModelFacts {
  if (facts === undefined) return {};
  const shown: PublicModelFacts = {};
  if (facts.contextWindow !== undefined) shown.context_window = facts.contextWindow;
  if (facts.maxOutputTokens !== undefined) shown.max_output_tokens = facts.maxOutputTokens;
  const capabilities = facts.capabilities;
  if (capabilities !== undefined) {
    shown.capabilities = {
      ...(capabilities.tools === undefined ? {} : { tools: capabilities.tools }),
      ...(capabilities.vision === undefined ? {} : { vision: capabilities.vision }),
      ...(capabilities.reasoning === undefined ? {} : { reasoning: capabilities.reasoning }),
      ...(capabilities.jsonSchema === undefined ? {} : { json_schema: capabilities.jsonSchema }),
      ...(capabilities.embeddings === undefined ? {} : { embeddings: capabilities.embeddings }),
      ...(capabilities.rerank === undefined ? {} : { rerank: capabilities.rerank }),
    };
  }
  const prices = facts.prices;
  if (prices !== undefined && Object.keys(prices).length > 0) {
    shown.pricing = {
      ...(prices.inputPerMillion === undefined ? {} : { input_cost_per_million: prices.inputPerMillion }),
      ...(prices.outputPerMillion === undefined ? {} : { output_cost_per_million: prices.outputPerMillion }),
      ...(prices.cachedInputPerMillion === undefined ? {} : { cached_input_cost_per_million: prices.cachedInputPerMillion }),
      ...(prices.cacheWritePerMillion === undefined ? {} : { cache_write_cost_per_million: prices.cacheWritePerMillion }),
      ...(prices.perSearchUnit === undefined ? {} : { cost_per_search_unit: prices.perSearchUnit }),
    };
  }
  return shown;
}

/**
 * Prices in US dollars per million tokens, for the usage counts as `UsageV1` defines them. A call's
 * cost is `(inputTokens - cacheReadTokens - cacheWriteTokens) × input + cacheReadTokens × cachedInput +
 * cacheWriteTokens × cacheWrite + outputTokens × output` (reasoning tokens are output tokens), divided by
 * a million. An absent cached-input or cache-write price means those tokens cost the input price.
 */
export interface ModelPricesV1 {
  inputPerMillion: number;
  outputPerMillion: number;
  cachedInputPerMillion?: number;
  cacheWritePerMillion?: number;
  /** For image models: per generated image. */
  perImage?: number;
  /** For audio models: per second of audio. */
  perSecond?: number;
  /** For rerank models billed by search (Cohere: one query with up to 100 documents is one unit). */
  perSearchUnit?: number;
}

/** What a model can take and do, as its provider documents it. */
export interface ModelCapabilitiesV1 {
  tools?: boolean;
  vision?: boolean;
  reasoning?: boolean;
  /** Structured output against a JSON Schema. */
  jsonSchema?: boolean;
  embeddings?: boolean;
  rerank?: boolean;
}

/** Published facts about one model: limits, prices and capabilities. Every field is optional but `id`. */
export interface ModelMetadataV1 {
  /** The provider's model id the facts are for (`claude-sonnet-4-5`). */
  id: string;
  /** Input plus output tokens the model can hold. */
  contextWindow?: number;
  maxOutputTokens?: number;
  prices?: ModelPricesV1;
  capabilities?: ModelCapabilitiesV1;
}

/**
 * What a deployment in the config says about its model, over the plugin's facts: each field given wins
 * over the plugin's (a negotiated price, a self-hosted model's real context window).
 */
export interface ModelMetadataOverridesV1 {
  contextWindow?: number;
  maxOutputTokens?: number;
  prices?: Partial<
    Pick<ModelPricesV1, 'inputPerMillion' | 'outputPerMillion' | 'cachedInputPerMillion' | 'cacheWritePerMillion' | 'perSearchUnit'>
  >;
}

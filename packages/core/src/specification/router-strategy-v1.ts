import type { ModelMetadataOverridesV1 } from './model-metadata-v1.js';

/** A deployment as the router sees it: where a public model name can be served. */
export interface DeploymentV1 {
  /** `provider/model`, unique within a model group. */
  readonly id: string;
  readonly provider: string;
  readonly model: string;
  readonly weight: number;
  readonly rpm?: number;
  readonly tpm?: number;
  /** Refuse what the provider would drop or clamp (`CallOptions.strict`) on every call to this deployment. */
  readonly strict?: boolean;
  /** Limits and prices the config gives for this deployment, over the provider's model metadata. */
  readonly overrides?: ModelMetadataOverridesV1;
}

/** Live figures the router keeps per deployment. */
export interface DeploymentStatsV1 {
  inFlight: number;
  /** Exponentially weighted moving average of whole-call latency, in milliseconds. */
  latencyEwmaMs?: number;
  /** Exponentially weighted moving average of time to first token, in milliseconds. */
  timeToFirstTokenEwmaMs?: number;
  requestsThisMinute: number;
  tokensThisMinute: number;
  /** USD per million input tokens, when known. */
  inputPricePerMillion?: number;
}

export interface RoutingCandidateV1 {
  deployment: DeploymentV1;
  stats: DeploymentStatsV1;
}

export interface RoutingContextV1 {
  /** The public model name that was asked for. */
  model: string;
  /** 0 for the first attempt. */
  attempt: number;
  /** A number in [0, 1) supplied by the router, so that strategies stay deterministic under test. */
  random: number;
}

/** Picks one deployment among healthy candidates (never empty). */
export interface RouterStrategyV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  select(candidates: readonly RoutingCandidateV1[], context: RoutingContextV1): RoutingCandidateV1;
}

import type { RouterStrategyV1, RoutingCandidateV1, RoutingContextV1 } from '../specification/router-strategy-v1.js';

/** Picks a deployment at random in proportion to its `weight`. */
export const weightedStrategy: RouterStrategyV1 = {
  specificationVersion: 'v1',
  name: 'weighted',
  select(candidates: readonly RoutingCandidateV1[], context: RoutingContextV1): RoutingCandidateV1 {
    if (candidates.length === 1) return candidates[0]!;
    let total = 0;
    for (const candidate of candidates) total += candidate.deployment.weight;
    let point = context.random * total;
    for (const candidate of candidates) {
      point -= candidate.deployment.weight;
      if (point < 0) return candidate;
    }
    return candidates[candidates.length - 1]!;
  },
};

import type { CredentialStateV1 } from '../specification/credential-state-v1.js';

/** A provider instance's credential state by name; `undefined` when it does not report one. */
export type CredentialStateLookup = (provider: string) => CredentialStateV1 | undefined;

export interface DeploymentCandidate {
  readonly provider: string;
  /** Used only when no other deployment of the group can serve (the shipped demo model). */
  readonly standby?: boolean;
}

/**
 * The deployments of a model group that requests go to:
 * 1. those whose provider has its credentials (state `set` or `not-required`, or not reported) — unless none
 *    has, then all of them, so that a request fails with the error that names the missing variable;
 * 2. of those, the ones not on `standby`, if there is any; the standby ones otherwise.
 * Order is kept.
 */
export function selectUsableDeployments<T extends DeploymentCandidate>(
  deployments: readonly T[],
  credentialsOf: CredentialStateLookup,
): T[] {
  const credentialed = deployments.filter((deployment) => credentialsOf(deployment.provider)?.state !== 'missing');
  if (credentialed.length === 0) return [...deployments];
  const active = credentialed.filter((deployment) => deployment.standby !== true);
  return active.length > 0 ? active : credentialed;
}

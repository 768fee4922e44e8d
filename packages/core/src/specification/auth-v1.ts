import type { Principal } from './principal.js';

/** The parts of an inbound request an authenticator may look at. */
export interface AuthRequestV1 {
  method: string;
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The credential found in `Authorization: Bearer` or `x-api-key`, if any. */
  credential?: string;
}

export interface AuthV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  /** `null` means "not mine": the next authenticator is asked. Throw `AuthError` to reject. */
  authenticate(request: AuthRequestV1): Promise<Principal | null>;
}

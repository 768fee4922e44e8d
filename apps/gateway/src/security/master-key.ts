import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '@modelgate/core';

/** The principal of a caller holding the master key: an admin with no restriction. */
export const masterPrincipal: Principal = Object.freeze({
  id: 'master',
  kind: 'master',
  role: 'admin',
  scopes: Object.freeze({}),
});

/** The key from `Authorization: Bearer <key>` or `x-api-key: <key>`, if any. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    return authorization.slice(7).trim();
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey !== '' ? apiKey.trim() : undefined;
}

/**
 * Compares keys in constant time for keys of the expected length. A key of another length is
 * refused after the same amount of work, so only the length can be learnt, which any key format
 * discloses anyway.
 */
export function createKeyMatcher(expectedKey: string): (presented: string) => boolean {
  const expected = Buffer.from(expectedKey, 'utf8');
  return (presented) => {
    const candidate = Buffer.from(presented, 'utf8');
    if (candidate.length !== expected.length) {
      timingSafeEqual(expected, expected);
      return false;
    }
    return timingSafeEqual(candidate, expected);
  };
}

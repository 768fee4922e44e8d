import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '@modelgate/core';

/** The principal of a caller holding the master key: an admin with no restriction. */
export const masterPrincipal: Principal = Object.freeze({
  id: 'master',
  kind: 'master',
  role: 'admin',
  scopes: Object.freeze({}),
});

/** One-shot SHA-256 (no Hash object per request). */
function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}

/** The key from `Authorization: Bearer <key>` or `x-api-key: <key>`, if any. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    return authorization.slice(7).trim();
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey !== '' ? apiKey.trim() : undefined;
}

/** Compares keys in constant time: both sides are hashed first, so neither length nor content leaks. */
export function createKeyMatcher(expectedKey: string): (presented: string) => boolean {
  const expected = digest(expectedKey);
  return (presented) => timingSafeEqual(digest(presented), expected);
}

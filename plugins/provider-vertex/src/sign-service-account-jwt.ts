import { createSign } from 'node:crypto';
import type { ServiceAccountCredentials } from './service-account-key.js';

/** The scope of Vertex AI calls. */
export const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * The assertion of the OAuth 2.0 JWT-bearer grant (RFC 7523) as Google takes it from a service
 * account: RS256 over `header.claims`, issued by the account's email for the token endpoint, valid
 * for an hour from `nowSeconds`.
 */
export function signServiceAccountJwt(credentials: ServiceAccountCredentials, nowSeconds: number, scope = cloudPlatformScope): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(credentials.privateKeyId === undefined ? {} : { kid: credentials.privateKeyId }) };
  const claims = { iss: credentials.clientEmail, scope, aud: credentials.tokenURI, iat: nowSeconds, exp: nowSeconds + 3600 };
  const unsigned = `${segment(header)}.${segment(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(credentials.privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}

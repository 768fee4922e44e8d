import { randomBytes, verify, type KeyObject } from 'node:crypto';
import { startRecordingServer } from '../mock-server/start-recording-server.js';
import type { RecordedRequest } from '../request-recorder.js';
import { sendJson } from './serve-gemini-scenario.js';

export interface MockGoogleOAuthOptions {
  /** The service account whose JWTs are accepted. */
  clientEmail: string;
  publicKey: KeyObject;
  /** The token lifetime the mock grants, in seconds. Default 3600. */
  expiresInSeconds?: number;
  /** The clock, in seconds since the epoch (tests move it). */
  now?(): number;
}

export interface MockGoogleOAuthServer {
  /** The token endpoint, `…/token`: put it in the key file's `token_uri`. */
  readonly tokenURI: string;
  readonly requests: RecordedRequest[];
  /** Whether an access token was issued by this server. */
  issued(token: string): boolean;
  /** The claims of every JWT accepted, in order. */
  readonly accepted: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

const grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const cloudPlatform = 'https://www.googleapis.com/auth/cloud-platform';

function invalidGrant(description: string): { error: string; error_description: string } {
  return { error: 'invalid_grant', error_description: description };
}

function decodeSegment(segment: string | undefined): Record<string, unknown> | undefined {
  if (segment === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Google's OAuth 2.0 token endpoint for the JWT-bearer grant (RFC 7523), as a service account
 * uses it: `POST` a form with `grant_type` and `assertion`; the assertion's RS256 signature is
 * verified against the account's public key and its claims checked (`iss` the account, `aud` this
 * endpoint, `scope` with cloud-platform, `iat`/`exp` current and at most an hour apart). Errors are
 * Google's `{"error":"invalid_grant","error_description":…}` with status 400.
 */
export async function startMockGoogleOAuth(options: MockGoogleOAuthOptions): Promise<MockGoogleOAuthServer> {
  const tokens = new Set<string>();
  const accepted: Array<Record<string, unknown>> = [];
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  let tokenURI = '';

  const server = await startRecordingServer(async ({ response, recorded }) => {
    if (recorded.method !== 'POST' || recorded.path !== '/token') {
      sendJson(response, 404, { error: 'not_found', error_description: `No such endpoint: ${recorded.path}` });
      return;
    }
    const form = new URLSearchParams(recorded.rawBody);
    if (form.get('grant_type') !== grantType) {
      sendJson(response, 400, {
        error: 'unsupported_grant_type',
        error_description: `Invalid grant_type: ${form.get('grant_type') ?? ''}`,
      });
      return;
    }
    const assertion = form.get('assertion') ?? '';
    const [headerSegment, claimsSegment, signatureSegment] = assertion.split('.');
    const header = decodeSegment(headerSegment);
    const claims = decodeSegment(claimsSegment);
    if (header === undefined || claims === undefined || signatureSegment === undefined || header.alg !== 'RS256') {
      sendJson(response, 400, invalidGrant('Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.'));
      return;
    }
    const signed = verify(
      'RSA-SHA256',
      Buffer.from(`${headerSegment}.${claimsSegment}`),
      options.publicKey,
      Buffer.from(signatureSegment, 'base64url'),
    );
    if (!signed) {
      sendJson(response, 400, invalidGrant('Invalid JWT Signature.'));
      return;
    }
    const issuedAt = Number(claims.iat);
    const expires = Number(claims.exp);
    const clock = now();
    if (
      claims.iss !== options.clientEmail ||
      claims.aud !== tokenURI ||
      typeof claims.scope !== 'string' ||
      !claims.scope.split(' ').includes(cloudPlatform) ||
      !Number.isFinite(issuedAt) ||
      !Number.isFinite(expires) ||
      issuedAt > clock + 60 ||
      expires <= clock ||
      expires - issuedAt > 3600
    ) {
      sendJson(
        response,
        400,
        invalidGrant(
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
        ),
      );
      return;
    }
    accepted.push(claims);
    const token = `ya29.mock-${randomBytes(24).toString('base64url')}`;
    tokens.add(token);
    sendJson(response, 200, { access_token: token, expires_in: options.expiresInSeconds ?? 3599, token_type: 'Bearer' });
  });
  tokenURI = `${server.url}/token`;
  return {
    tokenURI,
    requests: server.recorder.requests,
    issued: (token) => tokens.has(token),
    accepted,
    close: () => server.close(),
  };
}

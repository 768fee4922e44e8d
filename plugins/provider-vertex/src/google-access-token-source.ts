import { UpstreamError, upstreamAuthenticationErrorCode } from '@modelgate/core';
import { mapRequestError, readBodyText, type HttpPools } from '@modelgate/plugin-kit';
import type { ServiceAccountCredentials } from './service-account-key.js';
import { signServiceAccountJwt } from './sign-service-account-jwt.js';

export interface GoogleAccessTokenSourceOptions {
  /** The provider instance, for error messages. */
  provider: string;
  /** The service account, read when the first token is needed. */
  credentials(): ServiceAccountCredentials;
  pools: HttpPools;
  /** The clock in milliseconds (tests move it). Default `Date.now`. */
  now?(): number;
}

/** Refresh this long before expiry (at most half the token's lifetime), as Google's own libraries do. */
const refreshMarginMs = 5 * 60 * 1000;
const grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

interface CachedToken {
  token: string;
  refreshAt: number;
}

/**
 * Access tokens for a service account, by the JWT-bearer grant: a JWT signed with the account's key
 * is exchanged at its `token_uri`. The token is cached and replaced before it expires; calls that
 * need one while it is being fetched share that one request. A failed exchange is not cached.
 */
export class GoogleAccessTokenSource {
  private cached: CachedToken | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: GoogleAccessTokenSourceOptions) {
    this.now = options.now ?? Date.now;
  }

  async token(): Promise<string> {
    const cached = this.cached;
    if (cached !== undefined && this.now() < cached.refreshAt) return cached.token;
    this.pending ??= this.exchange().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async exchange(): Promise<string> {
    const credentials = this.options.credentials();
    const started = this.now();
    const assertion = signServiceAccountJwt(credentials, Math.floor(started / 1000));
    const body = new URLSearchParams({ grant_type: grantType, assertion }).toString();
    let text: string;
    let status: number;
    try {
      const response = await this.options.pools.request({
        url: credentials.tokenURI,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
      });
      status = response.status;
      text = await readBodyText(response, { maxBytes: 64 * 1024, provider: this.options.provider });
    } catch (error) {
      throw mapRequestError(error, { provider: this.options.provider, url: credentials.tokenURI });
    }
    let value: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      value = JSON.parse(text) as typeof value;
    } catch {
      // described below
    }
    if (status >= 400 || typeof value.access_token !== 'string') {
      const reason = [value.error, value.error_description].filter((item) => typeof item === 'string').join(': ') || `HTTP ${status}`;
      const refused = status >= 400 && status < 500;
      throw new UpstreamError(
        `Upstream ${this.options.provider}: Google's token endpoint did not issue an access token for ${credentials.clientEmail} (${reason}).`,
        {
          provider: this.options.provider,
          ...(refused ? { status: 502, code: upstreamAuthenticationErrorCode, isRetryable: false } : { isRetryable: true }),
          upstreamStatus: status,
        },
      );
    }
    const lifetimeMs = (typeof value.expires_in === 'number' && value.expires_in > 0 ? value.expires_in : 3600) * 1000;
    this.cached = { token: value.access_token, refreshAt: started + lifetimeMs - Math.min(refreshMarginMs, lifetimeMs / 2) };
    return value.access_token;
  }
}

import type { EventEmitter } from 'node:events';
import type { CallAbortV1 } from '@modelgate/core';
import { Pool, type Dispatcher } from 'undici';

/** The body of an upstream response: a Node readable with `text()`, `json()` and `dump()`. */
export type HttpResponseBody = Dispatcher.ResponseData['body'];

export interface HttpRequestOptions {
  /** Absolute URL; the pool is chosen by its origin. */
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Aborting it cancels the request, or destroys the response body once it is open. */
  signal?: AbortSignal | CallAbortV1;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: HttpResponseBody;
}

export interface HttpPoolsOptions {
  /** Sockets per upstream origin. Default 256. */
  connections?: number;
  /** How long an idle socket is kept open (ms). Default 10 000. */
  keepAliveTimeout?: number;
  /** Upper bound for a server-suggested keep-alive (ms). Default 60 000. */
  keepAliveMaxTimeout?: number;
  /** Time allowed until the response headers arrive (ms); 0 disables. Default 600 000 (long generations). */
  headersTimeout?: number;
  /** Time allowed between two body chunks (ms); 0 disables. Default 300 000. */
  bodyTimeout?: number;
  /** TCP + TLS connect timeout (ms). Default 10 000. */
  connectTimeout?: number;
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * One undici `Pool` per upstream origin, kept alive and reused across calls. Create one per provider
 * instance (or share one across instances) and `close()` it on shutdown.
 */
export class HttpPools {
  private readonly pools = new Map<string, Pool>();
  /** Parsed request URLs: a provider calls the same few URLs over and over. */
  private readonly targets = new Map<string, { origin: string; path: string }>();
  private readonly options: Pool.Options;
  private closed = false;

  constructor(options: HttpPoolsOptions = {}) {
    this.options = {
      connections: options.connections ?? 256,
      pipelining: 1,
      keepAliveTimeout: options.keepAliveTimeout ?? 10_000,
      keepAliveMaxTimeout: options.keepAliveMaxTimeout ?? 60_000,
      headersTimeout: options.headersTimeout ?? 600_000,
      bodyTimeout: options.bodyTimeout ?? 300_000,
      connect: { timeout: options.connectTimeout ?? 10_000 },
    };
  }

  /** The pool for an origin (`https://api.openai.com`), created on first use. */
  pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      if (this.closed) throw new Error('HttpPools is closed.');
      pool = new Pool(origin, this.options);
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /**
   * Sends a request. Rejects with undici's error on connection failure, and with the signal's
   * reason when the signal aborts before the headers arrive. The caller must consume or destroy the body.
   */
  async request(options: HttpRequestOptions): Promise<HttpResponse> {
    const target = this.target(options.url);
    const response = await this.pool(target.origin).request({
      path: target.path,
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      signal: options.signal as AbortSignal | EventEmitter | undefined,
    });
    return { status: response.statusCode, headers: flattenHeaders(response.headers), body: response.body };
  }

  private target(url: string): { origin: string; path: string } {
    let target = this.targets.get(url);
    if (target === undefined) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
      if (this.targets.size >= 1024) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }

  /** Closes every pool after its in-flight requests finish. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

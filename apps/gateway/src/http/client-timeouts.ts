import type { GatewayConfig } from '@modelgate/core';

/** The fastify (and Node HTTP server) options that bound how long a client may hold a connection. */
export interface ClientTimeoutOptions {
  keepAliveTimeout: number;
  requestTimeout: number;
  http: { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number; connectionsCheckingInterval: number };
}

/**
 * From `server:` settings. Node checks header and request deadlines on an interval (30 s by
 * default), so the interval follows the shortest deadline: a slow client is cut off within about a
 * quarter of its timeout (slowloris: `headers_timeout_ms`; a body sent byte by byte: `request_timeout_ms`).
 */
export function clientTimeoutOptions(server: GatewayConfig['server']): ClientTimeoutOptions {
  const headersTimeout = server.headers_timeout_ms;
  // Node requires the request timeout to be at least the headers timeout.
  const requestTimeout = Math.max(server.request_timeout_ms, headersTimeout);
  const connectionsCheckingInterval = Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 4)));
  return {
    keepAliveTimeout: server.keep_alive_timeout_ms,
    requestTimeout,
    http: { headersTimeout, requestTimeout, keepAliveTimeout: server.keep_alive_timeout_ms, connectionsCheckingInterval },
  };
}

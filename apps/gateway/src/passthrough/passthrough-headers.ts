import type { IncomingHttpHeaders } from 'node:http';

/**
 * The caller's headers that go upstream: what a native SDK needs for the request to mean the same thing
 * (body type, wanted answer, API version and beta flags). Everything else stays behind: the gateway key
 * (`authorization`, `x-api-key`, `x-goog-api-key`, `api-key`), cookies, proxies' `x-forwarded-*`, SDK telemetry.
 */
export const forwardedRequestHeaders: ReadonlySet<string> = new Set([
  'content-type',
  'accept',
  'user-agent',
  'anthropic-version',
  'anthropic-beta',
  'openai-beta',
]);

/** Hop-by-hop headers (RFC 9110 §7.6.1) and ones the gateway sets itself, never passed back to the caller. */
const droppedResponseHeaders: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // The body is streamed, so its length is the gateway's business; and no upstream cookie lands on the gateway's origin.
  'content-length',
  'set-cookie',
]);

/** The allow-listed caller headers, lower-case names, repeated values joined. */
export function passthroughRequestHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const name of forwardedRequestHeaders) {
    const value = headers[name];
    if (value === undefined) continue;
    forwarded[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return forwarded;
}

/**
 * The upstream's response headers without hop-by-hop ones and `set-cookie`. The upstream's `x-request-id`
 * comes back as `x-upstream-request-id`: `x-request-id` stays the gateway's own, the id its log lines carry.
 */
export function passthroughResponseHeaders(headers: Record<string, string>): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (lower === 'x-request-id') passed['x-upstream-request-id'] = headers[name]!;
    else if (!droppedResponseHeaders.has(lower)) passed[name] = headers[name]!;
  }
  return passed;
}

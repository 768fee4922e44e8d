import { InvalidRequestError, type CallOptions, type PassthroughRequestV1, type PassthroughResponseV1 } from '@modelgate/core';
import type { HttpPools } from './http-pools.js';
import { mapRequestError } from './map-request-error.js';

export interface SendPassthroughOptions {
  provider: string;
  /** The provider's base URL; the request's path is appended to it. */
  baseURL: string;
  /** The caller's allow-listed headers with the provider's credentials set over them. */
  headers: Record<string, string>;
  call: CallOptions;
}

/**
 * The upstream URL of a pass-through request: the base URL with the path appended. A path that would leave
 * the base URL's origin (it cannot with a leading `/`, but the check is what keeps a credential on its host)
 * is refused.
 */
export function passthroughURL(baseURL: string, path: string, provider: string): string {
  if (!path.startsWith('/')) throw new InvalidRequestError(`The pass-through path must start with "/".`, { param: 'path' });
  const base = new URL(baseURL);
  const url = new URL(baseURL.replace(/\/+$/, '') + path);
  if (url.origin !== base.origin) {
    throw new InvalidRequestError(`The pass-through path leaves the host of provider "${provider}".`, { param: 'path' });
  }
  return url.href;
}

/**
 * Sends a pass-through request as it is and returns the upstream's answer whatever its status (the client
 * reads the provider's own error body). A connection failure rejects with a typed error, an abort with its reason;
 * aborting after the headers arrived destroys the body, which stops the upstream.
 */
export async function sendPassthrough(
  pools: HttpPools,
  request: PassthroughRequestV1,
  options: SendPassthroughOptions,
): Promise<PassthroughResponseV1> {
  const url = passthroughURL(options.baseURL, request.path, options.provider);
  const signal = options.call.abort ?? options.call.signal;
  try {
    const response = await pools.request({
      url,
      method: request.method,
      headers: options.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(signal === undefined ? {} : { signal }),
    });
    return { status: response.status, headers: response.headers, body: response.body };
  } catch (error) {
    throw mapRequestError(error, { signal, provider: options.provider, url });
  }
}

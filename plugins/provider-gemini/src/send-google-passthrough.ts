import type { CallOptions, PassthroughRequestV1, PassthroughResponseV1 } from '@modelgate/core';
import { sendPassthrough, type HttpPools } from '@modelgate/plugin-kit';
import type { GeminiEndpoint } from './gemini-client.js';
import { googleApiRoot } from './google-api-root.js';

/**
 * Sends a native request as it is under the endpoint's API root (Google's SDKs put the version in the
 * path: `/v1beta/models/{model}:generateContent`), with the endpoint's own credential headers: the Gemini
 * API's key or Vertex AI's access token.
 */
export async function sendGooglePassthrough(
  endpoint: GeminiEndpoint,
  pools: HttpPools,
  provider: string,
  request: PassthroughRequestV1,
  options: CallOptions,
): Promise<PassthroughResponseV1> {
  const headers = { ...request.headers, ...(await endpoint.credentialHeaders(options)) };
  return sendPassthrough(pools, request, { provider, baseURL: googleApiRoot(endpoint.baseURL), headers, call: options });
}

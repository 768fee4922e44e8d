const passedOn = new Set(['x-request-id', 'request-id', 'openai-processing-ms', 'retry-after', 'retry-after-ms']);

/** The upstream response headers worth passing on to the client: request id, `x-ratelimit-*`, retry hints. */
export function pickUpstreamHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name in headers) {
    if (passedOn.has(name) || name.startsWith('x-ratelimit-')) picked[name] = headers[name]!;
  }
  return picked;
}

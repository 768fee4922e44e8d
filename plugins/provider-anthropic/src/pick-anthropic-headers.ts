const passedOn = new Set(['request-id', 'retry-after']);

/** The upstream response headers worth passing on to the client: the request id, retry hint and `anthropic-ratelimit-*`. */
export function pickAnthropicHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name in headers) {
    if (passedOn.has(name) || name.startsWith('anthropic-ratelimit-')) picked[name] = headers[name]!;
  }
  return picked;
}

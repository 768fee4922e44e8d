function hostPattern(defaultBaseURL: string): RegExp | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/]+)/i.exec(defaultBaseURL);
  if (!match) return undefined;
  const host = match[1]!.toLowerCase();
  if (/^\{[^}]+\}$/.test(host)) return /^.+$/;
  const parts = host.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[a-z0-9-]+')}$`);
}

/**
 * Whether a provider's built-in environment fallback (`OPENAI_API_KEY`, `GROQ_API_KEY`) may supply
 * its key: only when calls go to the provider's default host (a `{placeholder}` in the default
 * URL matches one label, `{host}` any host). A key meant for api.openai.com never goes to a
 * `base_url` the operator pointed elsewhere unless the operator names the variable in the config.
 */
export function allowsEnvironmentFallback(baseURL: string | undefined, defaultBaseURL: string | undefined): boolean {
  if (baseURL === undefined) return true;
  if (defaultBaseURL === undefined) return false;
  const pattern = hostPattern(defaultBaseURL);
  if (pattern === undefined) return false;
  let host: string;
  try {
    host = new URL(baseURL).host.toLowerCase();
  } catch {
    return false;
  }
  return pattern.test(host);
}

import type { GatewayConfig } from '../config/gateway-config-schema.js';

/** Setting names that hold credentials: `api_key`, `secret_access_key`, `token`, `password`, `authorization`... */
export const credentialSettingName = /key|secret|token|password|authorization|credential/i;

/** Environment variables named like credentials (`OPENAI_API_KEY`, `GITHUB_TOKEN`): built-in fallbacks read them. */
const credentialVariableName = /(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|CREDENTIALS?)$/i;

function collectFrom(node: unknown, key: string | undefined, into: Set<string>): void {
  if (typeof node === 'string') {
    if (key === undefined || !credentialSettingName.test(key)) return;
    into.add(node);
    const scheme = /^(?:bearer|basic|token)\s+(.+)$/i.exec(node);
    if (scheme) into.add(scheme[1]!);
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) collectFrom(item, key, into);
    return;
  }
  if (node !== null && typeof node === 'object') {
    for (const [name, value] of Object.entries(node)) collectFrom(value, name, into);
  }
}

/**
 * Every secret a config holds: settings whose name looks like a credential anywhere under
 * `providers`, `storage`, `state`, `mcp` and `a2a` (header values included), `auth.master_key`,
 * and the values of environment variables named like credentials, which built-in fallbacks use.
 */
export function collectConfiguredSecrets(config: GatewayConfig, environment: Readonly<Record<string, string | undefined>> = {}): string[] {
  const secrets = new Set<string>();
  if (config.auth.master_key !== undefined) secrets.add(config.auth.master_key);
  // Storage, state, MCP and A2A credentials join here when those sections exist.
  collectFrom(config.providers, undefined, secrets);
  for (const [name, value] of Object.entries(environment)) {
    if (value !== undefined && credentialVariableName.test(name)) secrets.add(value);
  }
  return [...secrets];
}

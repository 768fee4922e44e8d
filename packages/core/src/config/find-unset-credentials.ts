import { MissingCredentialError } from '../errors/missing-credential-error.js';
import { credentialSettingName } from '../security/collect-configured-secrets.js';
import type { GatewayConfig } from './gateway-config-schema.js';
import { formatPath } from './format-zod-issues.js';
import type { UnsetReference } from './unset-reference.js';

/**
 * The providers whose credential setting references an unset variable (`api_key: ${MY_TEAM_KEY}`),
 * each with the error its calls answer. Such a provider must not fall back to a built-in
 * environment variable (`OPENAI_API_KEY`): the operator named another one.
 */
export function findUnsetCredentials(
  config: GatewayConfig,
  unsetReferences: readonly UnsetReference[] = [],
): Map<string, MissingCredentialError> {
  const unavailable = new Map<string, MissingCredentialError>();
  for (const name of Object.keys(config.providers)) {
    const prefix = `providers.${name}.`;
    for (const reference of unsetReferences) {
      const path = formatPath(reference.path);
      if (!path.startsWith(prefix) || unavailable.has(name)) continue;
      const setting = path.slice(prefix.length);
      const last = setting.split('.').at(-1) ?? setting;
      if (!credentialSettingName.test(last)) continue;
      unavailable.set(name, new MissingCredentialError({ provider: name, setting: path, unsetVariable: reference.variable }));
    }
  }
  return unavailable;
}

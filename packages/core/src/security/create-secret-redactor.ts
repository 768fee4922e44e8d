import type { GatewayConfig } from '../config/gateway-config-schema.js';
import { collectConfiguredSecrets } from './collect-configured-secrets.js';
import { SecretRedactor } from './secret-redactor.js';

/** The redactor of a loaded config: every configured secret, plus credential-named environment variables. */
export function createSecretRedactor(
  config: GatewayConfig,
  environment: Readonly<Record<string, string | undefined>> = {},
): SecretRedactor {
  return new SecretRedactor(collectConfiguredSecrets(config, environment));
}

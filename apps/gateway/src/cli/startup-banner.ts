import { selectUsableDeployments, type CredentialStateV1, type LoadedConfig, type ProviderV1 } from '@modelgate/core';
import { isLoopbackHost } from '../security/is-loopback-host.js';

export interface StartupBannerInput {
  version: string;
  loaded: LoadedConfig;
  /** `http://127.0.0.1:4000`. */
  url: string;
  /** The address actually listened on (a `--host` may override the config). */
  host: string;
  /** The created provider instances, by config name. */
  provider(name: string): ProviderV1 | undefined;
  /** Worker processes, when more than one. */
  workers?: number;
}

function authMode(config: LoadedConfig['config'], host: string): string {
  if (config.auth.master_key !== undefined) return 'master key';
  if (config.auth.disabled) return 'disabled — anyone who can reach the server may use it';
  return isLoopbackHost(host) ? 'none, loopback only (set auth.master_key to listen on other addresses)' : 'none';
}

function credentialsOf(provider: ProviderV1 | undefined): CredentialStateV1 | undefined {
  return provider?.describeCredentials?.();
}

function describeCredentials(credentials: CredentialStateV1 | undefined): string {
  if (credentials === undefined) return 'credentials not reported by the plugin';
  if (credentials.state === 'set') return 'key set';
  if (credentials.state === 'not-required') return 'no key needed';
  return `no key — set ${credentials.environmentVariable ?? credentials.setting ?? 'its api_key'}`;
}

/**
 * The few lines `modelgate serve` prints once listening: version, config file, URL, auth mode, each
 * provider with its credential state, each model group with the deployments that can serve it,
 * the storage and state backends, and a warning per unset environment variable.
 */
export function buildStartupBanner(input: StartupBannerInput): string {
  const { config, source } = input.loaded;
  const workers = input.workers !== undefined && input.workers > 1 ? ` with ${input.workers} workers` : '';
  const lines = [
    `modelgate ${input.version} listening on ${input.url}${workers}`,
    `  config:    ${source}`,
    `  auth:      ${authMode(config, input.host)}`,
  ];

  const credentials = new Map<string, CredentialStateV1 | undefined>();
  const providerNames = Object.keys(config.providers);
  lines.push(`  providers: ${providerNames.length === 0 ? '(none)' : ''}`.trimEnd());
  for (const name of providerNames) {
    const state = credentialsOf(input.provider(name));
    credentials.set(name, state);
    const settings = config.providers[name]!;
    const type = settings.type ?? settings.plugin ?? name;
    lines.push(`    ${name}${type === name ? '' : ` (${type})`}: ${describeCredentials(state)}`);
  }

  lines.push(`  models:    ${config.models.length === 0 ? '(none)' : ''}`.trimEnd());
  for (const model of config.models) {
    // The same rule as the router's model groups: what is listed here is where requests go.
    const chosen = selectUsableDeployments(model.deployments, (name) => credentials.get(name));
    const hasKeys = model.deployments.filter((deployment) => credentials.get(deployment.provider)?.state !== 'missing');
    const ready = hasKeys.length === 0 ? [] : chosen;
    const names = ready.map((deployment) => `${deployment.provider}/${deployment.model}`);
    const idle = model.deployments.length - hasKeys.length;
    const standby = hasKeys.filter((deployment) => !ready.includes(deployment));
    const notes = [
      ...(idle === 0 ? [] : [`${idle} more without credentials`]),
      ...(standby.length === 0 ? [] : [`standby: ${standby.map((deployment) => `${deployment.provider}/${deployment.model}`).join(', ')}`]),
    ];
    const rest = notes.length === 0 ? '' : ` (${notes.join('; ')})`;
    lines.push(`    ${model.name} → ${names.length === 0 ? 'no usable deployment' : names.join(', ')}${rest}`);
  }

  lines.push('  storage:   none (no durable records yet)', '  state:     memory (this process only)');

  const references = input.loaded.unsetReferences ?? [];
  for (const variable of input.loaded.missingVariables) {
    const where = references.filter((reference) => reference.variable === variable).map((reference) => reference.path.join('.'));
    lines.push(`  warning: ${variable} is not set${where.length === 0 ? '' : ` (used by ${[...new Set(where)].join(', ')})`}`);
  }
  return `${lines.join('\n')}\n`;
}

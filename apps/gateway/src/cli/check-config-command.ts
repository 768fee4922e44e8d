import { loadConfigFile, type LoadedConfig } from '@modelgate/core';
import { createAppGateway } from '../create-app-gateway.js';
import { assertSafeBinding } from '../server.js';
import { messageOf, type CliIo } from './cli-io.js';

export interface CheckConfigOptions {
  environment?: Readonly<Record<string, string | undefined>>;
}

function authSummary(config: LoadedConfig['config']): string {
  if (config.auth.disabled) return 'disabled (anyone who can reach the server may use it)';
  if (config.auth.master_key !== undefined) return 'master key';
  return 'none (the server only listens on loopback)';
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A short human summary of a valid config. */
export function summarizeConfig(loaded: LoadedConfig): string {
  const { config } = loaded;
  const providers = Object.entries(config.providers).map(([name, settings]) => `${name} (${settings.type ?? settings.plugin ?? name})`);
  const models = config.models.map(
    (model) => `${model.name} → ${model.deployments.map((deployment) => `${deployment.provider}/${deployment.model}`).join(', ')}`,
  );
  const lines = [
    `ok: ${loaded.source}`,
    `  server: ${config.server.host}:${config.server.port} (${config.server.workers} worker${config.server.workers === 1 ? '' : 's'})`,
    `  auth: ${authSummary(config)}`,
    `  providers: ${providers.length === 0 ? '(none)' : providers.join(', ')}`,
    ...(models.length === 0 ? ['  models: (none)'] : ['  models:', ...models.map((line) => `    ${line}`)]),
    `  router: ${config.router.strategy}, ${plural(config.router.retries, 'retry', 'retries')}, timeout ${config.router.timeout_ms} ms`,
  ];
  if (loaded.missingVariables.length > 0) {
    lines.push(`  warning: environment variables not set: ${loaded.missingVariables.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Loads a config and creates the gateway from it (importing and checking every plugin and its
 * settings), then closes it. Prints a summary, or the error without a stack; returns the exit code.
 */
export async function checkConfig(path: string, io: CliIo, options: CheckConfigOptions = {}): Promise<number> {
  try {
    const loaded = await loadConfigFile(path, options.environment ? { environment: options.environment } : {});
    assertSafeBinding(loaded.config, loaded.config.server.host);
    const gateway = await createAppGateway(loaded, options.environment ? { environment: options.environment } : {});
    await gateway.close();
    io.stdout(summarizeConfig(loaded));
    return 0;
  } catch (error) {
    io.stderr(`${messageOf(error)}\n`);
    return 1;
  }
}

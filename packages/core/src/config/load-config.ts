import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors/config-error.js';
import { formatZodIssues } from './format-zod-issues.js';
import { gatewayConfigSchema, type GatewayConfig } from './gateway-config-schema.js';
import { interpolateEnvironment, type UnsetReference } from './interpolate-environment.js';
import { protectReferences } from './protect-references.js';

export interface LoadedConfig {
  config: GatewayConfig;
  /** The file it came from, or `(inline)`; plugin paths are relative to its folder. */
  source: string;
  baseDirectory: string;
  /** Environment variables referenced but not set (their keys were left out). */
  missingVariables: string[];
  /** Each reference to an unset variable, with the config path that made it (`providers.x.api_key`). */
  unsetReferences?: UnsetReference[];
}

export interface ParseConfigOptions {
  source?: string;
  baseDirectory?: string;
  environment?: Readonly<Record<string, string | undefined>>;
}

/** Validates a config object (already parsed, not yet interpolated). Errors name the source and each key path. */
export function parseConfig(input: unknown, options: ParseConfigOptions = {}): LoadedConfig {
  const source = options.source ?? '(inline)';
  const { value, missing, unsetReferences } = interpolateEnvironment(input ?? {}, options.environment ?? process.env, source);
  const result = gatewayConfigSchema.safeParse(value);
  if (!result.success) {
    const lines = formatZodIssues(result.error).map((issue) => `  ${issue.path}: ${issue.message}`);
    throw new ConfigError(`Invalid config ${source}:\n${lines.join('\n')}`);
  }
  return {
    config: result.data,
    source,
    baseDirectory: options.baseDirectory ?? process.cwd(),
    missingVariables: [...new Set(missing)],
    unsetReferences,
  };
}

/** Parses YAML text (references may stand anywhere a scalar can); syntax errors name the line and column. */
export function parseConfigText(text: string, options: ParseConfigOptions = {}): LoadedConfig {
  const source = options.source ?? '(inline)';
  const references = protectReferences(text);
  const document = parseDocument(references.text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const lines = document.errors.map((error) => `  ${error.message.split('\n')[0]}`);
    throw new ConfigError(`Invalid YAML in ${source}:\n${lines.join('\n')}`);
  }
  return parseConfig(references.restore(document.toJS()), { ...options, source });
}

/** Reads, interpolates and validates a YAML config file. */
export async function loadConfigFile(
  path: string,
  options: Omit<ParseConfigOptions, 'source' | 'baseDirectory'> = {},
): Promise<LoadedConfig> {
  const absolute = isAbsolute(path) ? path : resolve(process.cwd(), path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseConfigText(text, { ...options, source: path, baseDirectory: resolve(absolute, '..') });
}

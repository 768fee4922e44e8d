import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors/config-error.js';
import { formatPath } from './format-zod-issues.js';
import type { UnsetReference } from './unset-reference.js';

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const wholeReference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}$/;

export interface InterpolationResult {
  value: unknown;
  /** Variables referenced without a default and not set. */
  missing: string[];
  /** Each reference to an unset variable without a default, with where it stood. */
  unset: UnsetReference[];
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed YAML tree. A scalar that is a
 * single reference takes the type its value reads as (`port: ${PORT}` gives a number); a single
 * reference to an unset variable with no default removes the key, so that plugins report the
 * missing credential by its own name at call time. `$${` escapes a literal `${`.
 */
export function interpolateEnvironment(
  tree: unknown,
  environment: Readonly<Record<string, string | undefined>>,
  source: string,
): InterpolationResult {
  const missing: string[] = [];
  const unset: UnsetReference[] = [];

  const lookup = (name: string, fallback: string | undefined, path: readonly PropertyKey[], removedKey: boolean): string | undefined => {
    const value = environment[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    unset.push({ variable: name, path, removedKey });
    return undefined;
  };

  const visit = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') {
      if (!node.includes('${')) return node;
      const whole = wholeReference.exec(node);
      if (whole) {
        const value = lookup(whole[1]!, whole[2], path, true);
        if (value === undefined) return undefined;
        const typed: unknown = parseYaml(value);
        return typeof typed === 'number' || typeof typed === 'boolean' ? typed : value;
      }
      const escaped = node.split('$${');
      return escaped
        .map((part) =>
          part.replace(reference, (_match, name: string, fallback: string | undefined) => lookup(name, fallback, path, false) ?? ''),
        )
        .join('${');
    }
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      const result: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if (key.includes('${')) {
          throw new ConfigError(`${source}: ${formatPath([...path, key])}: environment references are not allowed in keys`);
        }
        const interpolated = visit(value, [...path, key]);
        if (interpolated !== undefined) result[key] = interpolated;
      }
      return result;
    }
    return node;
  };

  return { value: visit(tree, []), missing, unset };
}

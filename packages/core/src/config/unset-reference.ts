import { formatPath } from './format-zod-issues.js';

/** A `${VAR}` reference whose variable was not set, and where it stood in the config. */
export interface UnsetReference {
  variable: string;
  /** The config path of the value that held it (`['providers', 'local', 'base_url']`). */
  path: readonly PropertyKey[];
  /** Whether the value was the reference alone (its key was then left out) rather than text around it. */
  removedKey: boolean;
}

function startsWith(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

/** The unset references inside `path` (or on the way to it), as lines such as `providers.x.base_url is ${X}, and X is not set`. */
export function describeUnsetReferences(references: readonly UnsetReference[], path: readonly PropertyKey[]): string[] {
  return references
    .filter((reference) => startsWith(reference.path, path) || startsWith(path, reference.path))
    .map((reference) => {
      const what = reference.removedKey ? 'so it was left out' : 'so it was replaced by an empty string';
      return `${formatPath(reference.path)} is \${${reference.variable}}, and ${reference.variable} is not set (${what})`;
    });
}

import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Loads a module by specifier; the app passes its own so that its dependencies resolve. */
export type ImportModule = (specifier: string) => Promise<unknown>;

export function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier) || specifier.startsWith('file:');
}

function isNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: string } | null)?.code;
  const message = (error as Error | null)?.message ?? '';
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || message.includes('Failed to load url')) &&
    message.includes(specifier);
}

/**
 * Imports a package name or a path. Paths are relative to `baseDirectory` (the config's folder).
 * Package names are tried from core's own location, then from `baseDirectory` and the working
 * directory, so that a plugin installed beside the app is found. Returns `undefined` when the
 * package is not installed; any other failure (a syntax error inside it) is thrown.
 */
export async function importFromDirectory(
  specifier: string,
  baseDirectory: string,
  importModule: ImportModule,
): Promise<unknown | undefined> {
  if (isPathSpecifier(specifier)) {
    const url = specifier.startsWith('file:') ? specifier : pathToFileURL(resolve(baseDirectory, specifier)).href;
    return importModule(url);
  }
  try {
    return await importModule(specifier);
  } catch (error) {
    if (!isNotFound(error, specifier)) throw error;
  }
  for (const directory of new Set([baseDirectory, process.cwd()])) {
    let resolved: string;
    try {
      resolved = createRequire(join(directory, 'package.json')).resolve(specifier);
    } catch {
      continue;
    }
    return importModule(pathToFileURL(resolved).href);
  }
  return undefined;
}

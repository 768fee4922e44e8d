import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolvePackage, splitPackageSpecifier } from './resolve-package.js';

/** Loads a module by specifier; the app passes its own so that its dependencies resolve. */
export type ImportModule = (specifier: string) => Promise<unknown>;

/** A module that was found and imported. */
export interface ImportedModule {
  found: true;
  module: unknown;
}

/** A package that no searched folder holds. */
export interface MissingModule {
  found: false;
  /** Where it was looked for, for the error message. */
  searched: string[];
}

/** A module that was found but failed to import (a syntax error, a throw at import, a missing dependency of its own). */
export class ModuleImportFailure extends Error {
  constructor(
    readonly url: string | undefined,
    readonly packageDirectory: string | undefined,
    options: { cause: unknown },
  ) {
    super((options.cause as Error | null)?.message ?? String(options.cause), options);
    this.name = 'ModuleImportFailure';
  }
}

export function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier) || specifier.startsWith('file:');
}

/** True when the error says the package itself (not one of its own imports) is not installed. */
function isPackageNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: string } | null)?.code;
  const message = (error as Error | null)?.message ?? '';
  const { packageName } = splitPackageSpecifier(specifier);
  const namesIt = message.includes(`'${specifier}'`) || message.includes(`'${packageName}'`) || message.includes(`"${specifier}"`);
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || message.includes('Failed to load url')) && namesIt;
}

async function importUrl(url: string, packageDirectory: string | undefined, importModule: ImportModule): Promise<ImportedModule> {
  try {
    return { found: true, module: await importModule(url) };
  } catch (error) {
    throw new ModuleImportFailure(url, packageDirectory, { cause: error });
  }
}

/**
 * Imports a package name or a path. Paths are relative to `baseDirectory` (the config's folder).
 * A package name is first imported through the app's `importModule` (its own dependencies, and test
 * runners' aliases), then resolved as Node's ESM loader would from `baseDirectory` and then from the
 * working directory (nearest `node_modules` going up, the package's `exports` with the `import`
 * condition). Answers `found: false` with the folders searched when no folder holds the package;
 * throws a `ModuleImportFailure` when the package is there but does not import.
 */
export async function importFromDirectory(
  specifier: string,
  baseDirectory: string,
  importModule: ImportModule,
): Promise<ImportedModule | MissingModule> {
  if (isPathSpecifier(specifier)) {
    const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : resolve(baseDirectory, specifier);
    if (!existsSync(path)) return { found: false, searched: [path] };
    return importUrl(pathToFileURL(path).href, undefined, importModule);
  }
  try {
    return { found: true, module: await importModule(specifier) };
  } catch (error) {
    if (!isPackageNotFound(error, specifier)) throw new ModuleImportFailure(undefined, undefined, { cause: error });
  }
  const searched = [...new Set([resolve(baseDirectory), process.cwd()])];
  for (const directory of searched) {
    const resolved = resolvePackage(specifier, directory);
    if (resolved === undefined) continue;
    if (resolved.url === undefined) {
      const { subpath } = splitPackageSpecifier(specifier);
      throw new ModuleImportFailure(undefined, resolved.packageDirectory, {
        cause: new Error(`its package.json "exports" has no entry for "${subpath}" under the "import" or "default" condition`),
      });
    }
    return importUrl(resolved.url, resolved.packageDirectory, importModule);
  }
  return { found: false, searched };
}

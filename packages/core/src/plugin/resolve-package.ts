import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The conditions Node's ESM loader matches for an `import` from Node, in its order of preference. */
const importConditions = new Set(['node', 'import', 'module-sync', 'default']);

/** Where a package was found and which file an `import` of it loads. */
export interface ResolvedPackage {
  /** The package's folder (`…/node_modules/modelgate-provider-foo`). */
  packageDirectory: string;
  /** The file that `import(specifier)` loads, as a `file:` URL; `undefined` when the package exports no such subpath. */
  url: string | undefined;
}

/** Splits `@scope/name/sub/path` into the package name and the subpath (`.` or `./sub/path`). */
export function splitPackageSpecifier(specifier: string): { packageName: string; subpath: string } {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const packageName = parts.slice(0, nameLength).join('/');
  const rest = parts.slice(nameLength).join('/');
  return { packageName, subpath: rest === '' ? '.' : `./${rest}` };
}

/** The `node_modules` folders Node searches from `directory`, nearest first. */
export function nodeModulesFolders(directory: string): string[] {
  const folders: string[] = [];
  let current = resolve(directory);
  for (;;) {
    if (basename(current) !== 'node_modules') folders.push(join(current, 'node_modules'));
    const parent = dirname(current);
    if (parent === current) return folders;
    current = parent;
  }
}

function resolveTarget(target: unknown, patternMatch: string | undefined): string | undefined {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) return undefined;
    return patternMatch === undefined ? target : target.replaceAll('*', patternMatch);
  }
  if (Array.isArray(target)) {
    for (const candidate of target) {
      const resolved = resolveTarget(candidate, patternMatch);
      if (resolved !== undefined) return resolved;
    }
    return undefined;
  }
  if (typeof target === 'object' && target !== null) {
    for (const [condition, value] of Object.entries(target)) {
      if (!importConditions.has(condition)) continue;
      const resolved = resolveTarget(value, patternMatch);
      if (resolved !== undefined) return resolved;
    }
  }
  return undefined;
}

/** Applies a package.json `exports` field to a subpath, as Node does for an `import` (conditions node, import, default). */
export function resolveExports(exports: unknown, subpath: string): string | undefined {
  const isSubpathMap =
    typeof exports === 'object' && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((key) => key.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? resolveTarget(exports, undefined) : undefined;
  const map = exports as Record<string, unknown>;
  if (Object.hasOwn(map, subpath) && !subpath.includes('*')) return resolveTarget(map[subpath], undefined);
  let best: { key: string; match: string } | undefined;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length) {
      if (best === undefined || prefix.length > best.key.indexOf('*')) {
        best = { key, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
      }
    }
  }
  return best === undefined ? undefined : resolveTarget(map[best.key], best.match);
}

function legacyEntry(packageDirectory: string, manifest: { main?: unknown }): string | undefined {
  const candidates = typeof manifest.main === 'string' ? [manifest.main, `${manifest.main}.js`, join(manifest.main, 'index.js')] : [];
  candidates.push('index.js');
  for (const candidate of candidates) {
    const path = join(packageDirectory, candidate);
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

/**
 * Finds a bare package specifier the way Node's ESM loader does from a folder: the nearest
 * `node_modules/<name>` going up, then its `exports` (conditions `node`, `import`, `default`), else its
 * `main` or `index.js`. Returns `undefined` when no folder on the way holds the package.
 */
export function resolvePackage(specifier: string, fromDirectory: string): ResolvedPackage | undefined {
  const { packageName, subpath } = splitPackageSpecifier(specifier);
  for (const folder of nodeModulesFolders(fromDirectory)) {
    const packageDirectory = join(folder, packageName);
    const manifestPath = join(packageDirectory, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: unknown; main?: unknown };
    let file: string | undefined;
    if (manifest.exports !== undefined) {
      const target = resolveExports(manifest.exports, subpath);
      file = target === undefined ? undefined : join(packageDirectory, target);
    } else {
      file = subpath === '.' ? legacyEntry(packageDirectory, manifest) : join(packageDirectory, subpath);
    }
    return { packageDirectory, url: file === undefined ? undefined : pathToFileURL(file).href };
  }
  return undefined;
}

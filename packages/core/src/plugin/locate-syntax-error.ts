import { spawnSync } from 'node:child_process';

/** Where a syntax error sits: `file:///…/index.js:3`, with the offending line and a caret. */
export interface SyntaxErrorLocation {
  location: string;
  excerpt: string;
}

const locationLine = /^((?:file:\/\/|\/)\S+?:\d+)$/;

/** Reads the location from an error that carries one (Node's decorated stack, or a bundler's `loc`). */
function locationFromError(error: unknown): SyntaxErrorLocation | undefined {
  const loc = (error as { loc?: { file?: string; line?: number; column?: number } } | null)?.loc;
  if (loc?.file !== undefined && loc.line !== undefined) {
    return { location: `${loc.file}:${loc.line}${loc.column === undefined ? '' : `:${loc.column}`}`, excerpt: '' };
  }
  const firstLine = ((error as Error | null)?.stack ?? '').split('\n', 1)[0] ?? '';
  const match = locationLine.exec(firstLine.trim());
  return match ? { location: match[1]!, excerpt: '' } : undefined;
}

/**
 * Node reports the file and line of a syntax error in an ES module only when the error goes uncaught, so
 * for a module that failed to parse, a child process imports it once more and reads its report. A module
 * graph with a syntax error is never evaluated, so the child runs none of the plugin's code.
 */
export function locateSyntaxError(error: unknown, url: string | undefined): SyntaxErrorLocation | undefined {
  const known = locationFromError(error);
  if (known !== undefined || url === undefined || (error as Error | null)?.name !== 'SyntaxError') return known;
  const child = spawnSync(process.execPath, ['--input-type=module', '--eval', `await import(${JSON.stringify(url)})`], {
    encoding: 'utf8',
    timeout: 10_000,
    env: {},
  });
  const lines = (child.stderr ?? '').split('\n');
  const index = lines.findIndex((line) => locationLine.test(line.trim()));
  if (index === -1) return undefined;
  const excerpt = lines
    .slice(index + 1, index + 3)
    .filter((line) => line.trim() !== '')
    .join('\n');
  return { location: lines[index]!.trim(), excerpt };
}

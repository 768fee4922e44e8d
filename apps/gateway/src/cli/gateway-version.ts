import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version of `@modelgate/gateway`, from its package.json (two folders up from both `src/cli` and `dist/cli`). */
export function gatewayVersion(): string {
  if (cached === undefined) {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    cached = manifest.version ?? '0.0.0';
  }
  return cached;
}

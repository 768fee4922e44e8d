import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { locateSyntaxError } from './locate-syntax-error.js';

const directory = mkdtempSync(join(tmpdir(), 'modelgate-syntax-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('locateSyntaxError', () => {
  it('finds the file and line of a syntax error in a module imported by the one named', () => {
    writeFileSync(join(directory, 'package.json'), '{"type":"module"}');
    writeFileSync(join(directory, 'entry.js'), "import './inner.js';\nexport default 1;\n");
    writeFileSync(join(directory, 'inner.js'), 'export const a = {\n  b: 1,\n  c: = 2,\n};\n');
    const location = locateSyntaxError(new SyntaxError("Unexpected token '='"), pathToFileURL(join(directory, 'entry.js')).href);
    expect(location?.location).toBe(`${pathToFileURL(join(directory, 'inner.js')).href}:3`);
    expect(location?.excerpt).toContain('c: = 2,');
  });

  it('reads a location the error already carries, and leaves other errors alone', () => {
    expect(locateSyntaxError(Object.assign(new SyntaxError('x'), { loc: { file: '/a/b.js', line: 4, column: 2 } }), undefined)).toEqual({
      location: '/a/b.js:4:2',
      excerpt: '',
    });
    expect(locateSyntaxError(new Error('not syntax'), pathToFileURL(join(directory, 'entry.js')).href)).toBeUndefined();
  });
});

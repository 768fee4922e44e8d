import { describe, expect, it } from 'vitest';
import { nodeModulesFolders, resolveExports, splitPackageSpecifier } from './resolve-package.js';

describe('resolveExports', () => {
  it('takes a string, an import condition, and nested node conditions for the root', () => {
    expect(resolveExports('./index.js', '.')).toBe('./index.js');
    expect(resolveExports({ import: './esm.js', require: './cjs.cjs' }, '.')).toBe('./esm.js');
    expect(resolveExports({ '.': { types: './index.d.ts', node: { import: './node.js' }, default: './any.js' } }, '.')).toBe('./node.js');
    expect(resolveExports({ require: './cjs.cjs' }, '.')).toBeUndefined();
  });

  it('takes the first usable target of an array and ignores targets outside the package', () => {
    expect(resolveExports({ '.': ['../outside.js', { import: './inside.js' }] }, '.')).toBe('./inside.js');
  });

  it('maps subpaths exactly and by the longest matching pattern', () => {
    const exports = {
      '.': './index.js',
      './features/*': './src/features/*.js',
      './features/internal/*': null,
      './plugin': { import: './plugin.js' },
    };
    expect(resolveExports(exports, './plugin')).toBe('./plugin.js');
    expect(resolveExports(exports, './features/chat')).toBe('./src/features/chat.js');
    expect(resolveExports(exports, './features/internal/secret')).toBeUndefined();
    expect(resolveExports(exports, './missing')).toBeUndefined();
    expect(resolveExports('./index.js', './sub')).toBeUndefined();
  });
});

describe('package specifiers and folders', () => {
  it('splits scoped and plain names from their subpath', () => {
    expect(splitPackageSpecifier('@acme/provider/extra/path')).toEqual({ packageName: '@acme/provider', subpath: './extra/path' });
    expect(splitPackageSpecifier('modelgate-provider-x')).toEqual({ packageName: 'modelgate-provider-x', subpath: '.' });
  });

  it('lists node_modules folders from nearest to the root, skipping node_modules inside node_modules', () => {
    expect(nodeModulesFolders('/work/app/node_modules/pkg')).toEqual([
      '/work/app/node_modules/pkg/node_modules',
      '/work/app/node_modules',
      '/work/node_modules',
      '/node_modules',
    ]);
  });
});

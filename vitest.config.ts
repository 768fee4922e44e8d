import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Tests run against the TypeScript sources: no build step before `pnpm test`. */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@modelgate\/core$/, replacement: source('./packages/core/src/index.ts') },
      { find: /^@modelgate\/plugin-kit$/, replacement: source('./packages/plugin-kit/src/index.ts') },
      { find: /^@modelgate\/testkit$/, replacement: source('./packages/testkit/src/index.ts') },
      { find: /^@modelgate\/provider-openai$/, replacement: source('./plugins/provider-openai/src/index.ts') },
      { find: /^@modelgate\/gateway$/, replacement: source('./apps/gateway/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    // The current client SDKs need Node 22 or later: they install and run on their own (docs/decisions/0010).
    exclude: ['**/node_modules/**', 'tests/clients/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

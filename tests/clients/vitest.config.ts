import { defineConfig } from 'vitest/config';

/** The client SDK tests run against the built gateway (`pnpm build` at the repository root first). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

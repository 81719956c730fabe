import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    setupFiles: ['properties/setup.ts'],
    reporters: ['default'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/core/types/**'],
      reporter: ['text-summary', 'html'],
      // The level reached on 2026-11-25 (statements 90.35%, branches 78.71%, functions 93.21%,
      // lines 92.39%): raise these as properties are added, never lower them.
      thresholds: { statements: 90, branches: 78, functions: 93, lines: 92 },
    },
  },
});

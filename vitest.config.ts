import { defineConfig } from 'vitest/config';

/**
 * Two projects, chosen by where a test file is, never by its name:
 * - `unit`: the fast unit properties (properties/*.test.ts): the set mutation testing runs
 *   (vitest.mutate.config.ts), `npm run test:unit`;
 * - `theory`: the theory gate and whole-run tests (properties/theory/, and the statistical
 *   agreement-in-law and end-to-end training tests in properties/*.slow.test.ts), `npm run test:theory`.
 * `npm test` runs both, on the fixed master seed (properties/setup.ts).
 */
const shared = { testTimeout: 600_000, hookTimeout: 600_000, pool: 'forks' as const, setupFiles: ['properties/setup.ts'] };

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { test: { ...shared, name: 'unit', include: ['properties/*.test.ts'], exclude: ['properties/*.slow.test.ts'] } },
      { test: { ...shared, name: 'theory', include: ['properties/theory/**/*.test.ts', 'properties/*.slow.test.ts'] } },
    ],
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

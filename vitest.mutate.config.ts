import { defineConfig } from 'vitest/config';

/**
 * Mutation testing (`npm run mutate`, stryker.config.json) runs the `unit` project of
 * vitest.config.ts — properties/*.test.ts; the theory gate and whole-run tests live in
 * properties/theory/ and the statistical agreement-in-law and end-to-end training tests in
 * properties/*.slow.test.ts, so they are out by place, not by name — minus the tests that import
 * the CLI or the report renderers (bad-input, cli-*, report-*: vega and the whole registry, seconds
 * of import on every mutant run), so that one mutant run takes seconds.
 */
export default defineConfig({
  test: {
    include: ['properties/*.test.ts'],
    exclude: ['properties/*.slow.test.ts', 'properties/bad-input.test.ts', 'properties/cli-*.test.ts', 'properties/report-*.test.ts', '**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'threads',
    // One module graph for all test files: a mutant run re-imports nothing (Stryker switches mutants at run time).
    isolate: false,
    setupFiles: ['properties/setup.ts'],
    reporters: ['default'],
  },
});

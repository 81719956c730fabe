import { defineConfig } from 'vitest/config';

/**
 * The fast unit properties only, for mutation testing (`npm run mutate`, stryker.config.json): the
 * theory gates (describeGate at the standard profile), the whole-run tests (determinism, broken-net,
 * counterexample replays), the worker-thread test (parallel), the statistical agreement-in-law and
 * training tests (by name, see testNamePattern: the exact identities of the same modules stay) and the tests that import the CLI or
 * the report renderers (bad-input, report-*: vega and the whole registry, seconds of import on every
 * mutant run) are left out, so that one mutant run takes seconds. Everything else is the same as vitest.config.ts.
 */
export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts'],
    exclude: ['properties/bubeck.test.ts', 'properties/vardi.test.ts', 'properties/schmidt.test.ts', 'properties/engine.test.ts', 'properties/determinism.test.ts', 'properties/counterexamples.test.ts', 'properties/broken-net.test.ts', 'properties/parallel.test.ts', 'properties/bad-input.test.ts', 'properties/report-*.test.ts', '**/node_modules/**'],
    // Statistical agreement-in-law and end-to-end training tests (seconds each, every mutant run that reaches them) are left out by name.
    testNamePattern: /^(?!.*(agrees in distribution with the naive reference|has power against wrong reductions|agree in law|against Monte Carlo|training to L ≤ 1e-30|loads the ten digit files)).*$/,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'threads',
    // One module graph for all test files: a mutant run re-imports nothing (Stryker switches mutants at run time).
    isolate: false,
    setupFiles: ['properties/setup.ts'],
    reporters: ['default'],
  },
});

/**
 * Dependency rules (`npm run deps`, part of `npm run lint`). Folder-level cycles, which
 * dependency-cruiser does not check, are found by scripts/check-folder-cycles.ts from the same run.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-papers',
      comment: 'src/core is paper-agnostic: it never imports src/papers (a paper hands the engine what it needs, e.g. the registry module path).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/papers/' },
    },
    {
      name: 'paper-imports-other-paper',
      comment: 'A paper imports only itself and src/core: shared code moves to src/core. Only src/papers/index.ts (the list of papers) imports each paper.',
      severity: 'error',
      from: { path: '^src/papers/([^/]+)/' },
      to: { path: '^src/papers/', pathNot: '^src/papers/$1/' },
    },
    {
      name: 'example-paper-imports-more-than-core',
      comment: 'The example paper (docs/examples/<paper>/) is copied into src/papers as it is: it imports only itself and src/core (through #core/*).',
      severity: 'error',
      from: { path: '^docs/examples/([^/]+)/' },
      to: { path: '^(src/papers|scripts|properties|bench|docs)/', pathNot: '^docs/examples/$1/' },
    },
    {
      name: 'src-imports-tooling',
      comment: 'Library code never imports the programs (scripts/), the tests (properties/) or the benchmarks (bench/).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(scripts|properties|bench|docs)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles (type-only imports included: a cycle of types is still a tangle).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'runtime-imports-dev-dependency',
      comment: '`npm run verify` runs src/ and scripts/cli.ts with production dependencies only: what they import at run time must be in "dependencies".',
      severity: 'error',
      from: { path: '^(src/|scripts/cli)' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to no file or package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-package',
      comment: 'A package imported but not declared in package.json (it only resolves because something else depends on it).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(reports|fixtures|coverage|\\.stryker-tmp)/' },
    // Type-only imports count: they are dependencies of the design even though they vanish at run time.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: false,
  },
};

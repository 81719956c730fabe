// ESLint 9 flat config (`npm run lint`). Formatting is Prettier's (.prettierrc.json): no style rules here.
// TypeScript files are linted with type information (typescript-eslint's project service reads
// tsconfig.json), for the rules that need it: floating and misused promises, awaiting a non-promise.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The Node globals the plain .mjs/.js programs use (the TypeScript files get theirs from @types/node).
const NODE_GLOBALS = ['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'structuredClone', 'globalThis'];
const nodeGlobals = Object.fromEntries(NODE_GLOBALS.map((name) => [name, 'readonly']));

export default defineConfig(
  {
    ignores: ['node_modules/**', 'reports/**', 'fixtures/**', 'coverage/**', '.stryker-tmp/**', 'scratch/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        // Files outside tsconfig.json's `include` (vitest.mutate.config.ts) get a default project.
        projectService: { allowDefaultProject: ['vitest.mutate.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Real bugs: a promise nobody awaits or handles, a promise where a boolean or a void callback is expected.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `import type` for type-only imports: they vanish from the emitted JS (no import-time side effects, no cycles at run time).
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // `_`-prefixed names are deliberately unused (positional parameters, destructured-away fields).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

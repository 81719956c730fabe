#!/usr/bin/env node
/**
 * `npm run mutate [-- STRYKER FLAGS]`: Stryker mutation testing with stryker.config.json.
 *
 * Stryker 10 declares Node ≥ 22 and refuses to start on older versions (a check of process.version
 * when its CLI module loads). This project runs on the machine's Node 20, and the code Stryker runs
 * (core, instrumenter, vitest runner) uses no Node-22-only API, so on Node < 22 the launcher shows
 * the check a version that passes while the CLI module loads, restores the real one, and starts the
 * CLI. On Node ≥ 22 it is plain `stryker run`.
 */
const real = process.version;
const major = Number(real.slice(1).split('.')[0]);
if (major < 22) {
  Object.defineProperty(process, 'version', { value: 'v22.0.0', configurable: true, writable: true });
  process.stderr.write(`mutate: Node ${real}: starting Stryker 10 past its Node ≥ 22 start-up check (see scripts/mutate.mjs)\n`);
}
const { StrykerCli } = await import('@stryker-mutator/core');
Object.defineProperty(process, 'version', { value: real, configurable: true, writable: true });
process.title = 'stryker';
new StrykerCli([process.argv[0], 'stryker', 'run', ...process.argv.slice(2)]).run();

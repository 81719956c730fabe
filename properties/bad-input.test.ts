import { fc, test } from '@fast-check/vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { main } from '../scripts/cli.js';
import { IMPLS } from '../src/papers/bubeck/model/mutants.js';
import { parseReport } from '../src/core/report/load.js';
import { mergeReports } from '../src/core/report/merge.js';
import type { Report } from '../src/core/report/schema.js';
import { serializeReport } from '../src/core/report/write.js';
import { allClaims } from '../src/papers/index.js';
import { CONSTANTS_PATH } from '../src/core/claim/constants.js';
import { PROFILES } from '../src/core/claim/types.js';
import { clone, syntheticReport } from './report-fixture.js';
import { asyncErrorOf, errorOf, expectNames, nonInteger, outsideUnit } from './bad-values.js';

/**
 * Every public entry point fed generated bad input: each must throw an error that names the API or
 * flag, the parameter, the offending value and what is allowed, and leave no output file behind.
 */

const root = mkdtempSync(join(tmpdir(), 'bad-input-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let outCount = 0;
/** A fresh output directory path that does not exist yet. */
const freshOut = (): string => join(root, `out-${outCount++}`);

const identifier = fc.stringMatching(/^[a-z][a-z0-9]{1,9}$/);

describe('CLI flags (main(argv)): a usage error naming the flag, the value and what is allowed; no output written', () => {
  test.prop([fc.string({ maxLength: 12 }).filter((s) => !(PROFILES as readonly string[]).includes(s))], { numRuns: 30 })('verify --profile', async (v) => {
    const out = freshOut();
    expectNames(await asyncErrorOf(() => main(['verify', `--profile=${v}`, '--out', out])), '--profile', 'smoke, standard, paper', `got "${v}"`);
    expect(existsSync(out)).toBe(false);
  });

  const badSeed = fc.oneof(
    fc.integer({ min: -1e9, max: -1 }).map(String),
    nonInteger.map(String),
    fc.constantFrom('', 'abc', '0x10', '1e3', ' 7', 'NaN', 'Infinity', '9007199254740993', '1.5', '+3'),
    fc.string({ maxLength: 8 }).filter((s) => !/^\d+$/.test(s)),
  );
  test.prop([badSeed], { numRuns: 40 })('verify --seed', async (v) => {
    const out = freshOut();
    expectNames(await asyncErrorOf(() => main(['verify', `--seed=${v}`, '--out', out])), '--seed', 'must be an integer in [0, 9007199254740991]', `got "${v}"`);
    expect(existsSync(out)).toBe(false);
  });

  const badShard = fc.oneof(
    fc.constantFrom('0/2', '3/2', '1/0', '0/0', 'a/b', '1/2/3', '-1/2', '', '1', '2/1', '1/-2', ' 1/2'),
    fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 })).filter(([i, n]) => i > n).map(([i, n]) => `${i}/${n}`),
    fc.string({ maxLength: 6 }).filter((s) => !/^\d+\/\d+$/.test(s)),
  );
  test.prop([badShard], { numRuns: 40 })('verify --shard', async (v) => {
    const out = freshOut();
    expectNames(await asyncErrorOf(() => main(['verify', `--shard=${v}`, '--out', out])), '--shard', 'i/N with 1 ≤ i ≤ N', `got "${v}"`);
    expect(existsSync(out)).toBe(false);
  });

  const badWorkers = fc.oneof(
    fc.integer({ min: -1e6, max: -1 }).map(String),
    fc.integer({ min: 65, max: 1e6 }).map(String),
    fc.constantFrom('', 'two', '1.5', 'NaN', 'Infinity', '0x2', '2e1', ' 2'),
  );
  test.prop([badWorkers], { numRuns: 30 })('verify --workers', async (v) => {
    const out = freshOut();
    expectNames(await asyncErrorOf(() => main(['verify', `--workers=${v}`, '--out', out])), '--workers', 'must be an integer in [0, 64]', `got "${v}"`);
    expect(existsSync(out)).toBe(false);
  });

  test.prop([fc.string({ maxLength: 20 }).filter((s) => !(IMPLS as readonly string[]).includes(s))], { numRuns: 30 })('verify --impl', async (v) => {
    const out = freshOut();
    expectNames(await asyncErrorOf(() => main(['verify', `--impl=${v}`, '--out', out])), '--impl', IMPLS.join(', '), `got "${v}"`);
    expect(existsSync(out)).toBe(false);
  });

  test.prop([identifier.filter((p) => !allClaims.some((c) => c.id.startsWith(p)))], { numRuns: 5 })('verify --only with an unknown claim id', async (p) => {
    const out = freshOut();
    expectNames(await asyncErrorOf(() => main(['verify', '--only', `engine,${p}`, '--out', out])), '--only', `no claim id starts with "${p}"`, 'known ids:', 'engine.holm-fwer');
    expect(existsSync(out)).toBe(false);
  });

  test('verify --only with an empty list', async () => {
    expectNames(await asyncErrorOf(() => main(['verify', '--only=,', '--out', freshOut()])), '--only', 'comma-separated list', 'got ","');
  });

  const verifyFlags = ['only', 'profile', 'seed', 'out', 'shard', 'compare', 'impl', 'allow-inconclusive', 'skip-controls', 'workers'];
  test.prop([fc.constantFrom('verify', 'replay', 'calibrate', 'list', 'baseline'), identifier.filter((n) => !verifyFlags.includes(n) && !['claim', 'control', 'stream', 'alpha', 'threshold', 'params'].includes(n))], { numRuns: 30 })(
    'an unknown flag (a typo would otherwise run with the default)',
    async (cmd, name) => {
      const before = readFileSync(CONSTANTS_PATH, 'utf8');
      expectNames(await asyncErrorOf(() => main([cmd, `--${name}`, '1'])), `${cmd}: unknown flag --${name}`);
      expect(readFileSync(CONSTANTS_PATH, 'utf8')).toBe(before);
    },
  );

  test('a stray argument, a flag without its value, an unknown command', async () => {
    expectNames(await asyncErrorOf(() => main(['verify', 'engine'])), 'verify: unexpected argument "engine"');
    expectNames(await asyncErrorOf(() => main(['verify', '--seed'])), '--seed: a value is required');
    expectNames(await asyncErrorOf(() => main(['verfy'])), 'unknown command "verfy"', 'commands: list, verify');
    expectNames(await asyncErrorOf(() => main([])), 'unknown command ""');
    expectNames(await asyncErrorOf(() => main(['report', 'merg'])), 'report: unknown subcommand "merg"', 'known: merge');
    expectNames(await asyncErrorOf(() => main(['report', 'merge'])), 'report merge: give at least one');
    expectNames(await asyncErrorOf(() => main(['compare', 'a.json'])), 'compare: usage');
  });

  const replay = (params: string, extra: string[] = []): string[] => ['replay', '--claim', 'engine.holm-fwer', '--profile', 'smoke', '--seed', '1', '--stream', 'main', '--alpha', '0.01', '--threshold', '0.01', ...extra, '--params', params];
  const goodParams = JSON.stringify({ m: 20, rho: 0, alpha: 0.05, rule: 'holm' });

  test.prop([fc.integer({ min: 1, max: goodParams.length - 1 })], { numRuns: 30 })('replay --params truncated JSON', async (cut) => {
    expectNames(await asyncErrorOf(() => main(replay(goodParams.slice(0, cut)))), 'replay: --params is not valid JSON');
  });

  test.prop([fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))], { numRuns: 30 })('replay --params that is not an object', async (v) => {
    expectNames(await asyncErrorOf(() => main(replay(JSON.stringify(v)))), 'replay: --params must be a JSON object of parameters', `got ${JSON.stringify(v)}`);
  });

  test.prop([identifier, fc.oneof(fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(identifier, fc.integer(), { maxKeys: 2 }), fc.constant(null))], { numRuns: 20 })('replay --params with a nested value', async (k, v) => {
    expectNames(await asyncErrorOf(() => main(replay(JSON.stringify({ [k]: v })))), `--params.${k} must be a number, string or boolean`, `got ${JSON.stringify(v)}`);
  });

  test.prop([fc.constantFrom('alpha', 'threshold'), fc.oneof(outsideUnit.map(String), fc.constantFrom('', 'abc', '1/2'))], { numRuns: 30 })('replay --alpha / --threshold outside (0, 1)', async (flag, v) => {
    const argv = replay(goodParams).map((a, i, all) => (all[i - 1] === `--${flag}` ? v : a));
    expectNames(await asyncErrorOf(() => main(argv)), `--${flag}: must be a number in (0, 1)`, `got "${v}"`);
  });

  test.prop([identifier.filter((id) => !allClaims.some((c) => c.id === id))], { numRuns: 10 })('replay --claim unknown / --control unknown', async (id) => {
    expectNames(await asyncErrorOf(() => main(['replay', '--claim', id, '--params', goodParams])), `replay: unknown claim "${id}"`, 'known:', 'engine.holm-fwer');
    const argv = [...replay(goodParams), '--control', id];
    expectNames(await asyncErrorOf(() => main(argv)), `claim engine.holm-fwer has no control "${id}"`, 'known: no-correction');
  });

  test.prop([fc.integer({ min: 1, max: 2000 })], { numRuns: 20 })('report merge / compare of a truncated report.json: named, and no merged report written', async (cut) => {
    const text = serializeReport(syntheticReport());
    const file = join(root, `truncated-${cut}.json`);
    writeFileSync(file, text.slice(0, cut));
    const out = freshOut();
    expectNames(await asyncErrorOf(() => main(['report', 'merge', file, '--out', out])), `loadReport: ${file} is not valid JSON`, `${cut} characters`);
    expect(existsSync(out)).toBe(false);
    expectNames(await asyncErrorOf(() => main(['compare', file, file])), `loadReport: ${file} is not valid JSON`);
  });

  test.prop([fc.jsonValue().filter((v) => v !== 1)], { numRuns: 20 })('report merge of a report of another schemaVersion', async (version) => {
    const file = join(root, `schema-${outCount}.json`);
    writeFileSync(file, JSON.stringify({ ...syntheticReport(), schemaVersion: version }));
    const out = freshOut();
    expectNames(await asyncErrorOf(() => main(['report', 'merge', file, '--out', out])), 'schemaVersion must be 1', 'got');
    expect(existsSync(out)).toBe(false);
  });
});

describe('report.json load and merge', () => {
  const text = serializeReport(syntheticReport());

  test.prop([fc.integer({ min: 0, max: text.length - 3 })], { numRuns: 40 })('truncated report.json', (cut) => {
    expectNames(errorOf(() => parseReport(text.slice(0, cut), 'r/report.json')), 'loadReport: r/report.json is not valid JSON', `${cut} characters`);
  });

  test.prop([fc.jsonValue().filter((v) => v !== 1)], { numRuns: 30 })('another schemaVersion', (v) => {
    expectNames(errorOf(() => parseReport(JSON.stringify({ ...syntheticReport(), schemaVersion: v }), 'r.json')), 'loadReport: r.json: schemaVersion must be 1', 'got');
  });

  const quiet = { warn: () => {} };
  test.prop([fc.oneof(
    fc.integer({ min: 0, max: 1e9 }).filter((s) => s !== 20261125).map((s) => ['masterSeed', s] as const),
    fc.constantFrom('smoke', 'paper').map((p) => ['profile', p] as const),
    fc.double({ min: 0.001, max: 0.2, noNaN: true }).filter((a) => a !== 0.01).map((a) => ['alpha', a] as const),
    fc.jsonValue().filter((v) => v !== 1).map((v) => ['schemaVersion', v] as const),
  )], { numRuns: 30 })('merging reports of different runs names the field and both values', ([field, v]) => {
    const a = syntheticReport();
    const b = clone(a) as Report & Record<string, unknown>;
    if (field === 'alpha') b.statistics = { ...b.statistics, alpha: v as number };
    else (b as Record<string, unknown>)[field] = v;
    const msg = errorOf(() => mergeReports([a, b], { ...quiet, sources: ['a.json', 'b.json'] }));
    expectNames(msg, 'mergeReports: b.json', field === 'alpha' ? 'statistics.alpha' : field);
    expect(msg).not.toBe('no error');
    expectNames(errorOf(() => mergeReports([], quiet)), 'mergeReports: needs at least one report');
  });
});

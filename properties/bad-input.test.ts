import { fc, test } from '@fast-check/vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../scripts/cli.js';
import { parseReport } from '../src/core/report/load.js';
import { mergeReports } from '../src/core/report/merge.js';
import type { Report } from '../src/core/report/schema.js';
import { serializeReport } from '../src/core/report/write.js';
import { allClaims, IMPLS, PAPER_INFO } from '../src/papers/index.js';
import { CONSTANTS_PATH } from '../src/core/claim/constants.js';
import { PROFILES } from '../src/core/claim/types.js';
import { clone, syntheticReport } from './report-fixture.js';
import { errorOf, expectNames, nonInteger, outsideUnit } from './bad-values.js';

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

/** Run the CLI in-process; stdout and stderr lines captured. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The message of a usage error: exit 2, the message starts with `scope` and ends with the hint to run its --help. */
async function usageError(argv: string[], scope = argv[0] === 'report' && argv[1] === 'merge' ? 'report merge' : argv[0]): Promise<string> {
  const r = await cli(argv);
  expect(r.code, `exit code of ${JSON.stringify(argv)}; stderr: ${r.err}`).toBe(2);
  expect(r.err.startsWith(`${scope}: `), r.err).toBe(true);
  expect(r.err).toContain(`run "${scope === 'robustness-proofs' ? '' : `${scope} `}--help"`);
  return r.err;
}

/** The message of an error that is not a usage error (an unreadable input file): exit 4. */
async function runError(argv: string[]): Promise<string> {
  const r = await cli(argv);
  expect(r.code, `exit code of ${JSON.stringify(argv)}; stderr: ${r.err}`).toBe(4);
  return r.err;
}

describe('CLI flags (main(argv)): exit 2 and a usage error naming the flag, the value and what is allowed; no output written', () => {
  const got = (v: string): string => `got ${JSON.stringify(v)}`;

  test.prop([fc.string({ maxLength: 12 }).filter((s) => !(PROFILES as readonly string[]).includes(s))], { numRuns: 30 })('verify --profile', async (v) => {
    const out = freshOut();
    expectNames(await usageError(['verify', `--profile=${v}`, '--out', out]), 'verify: --profile must be one of smoke | standard | paper', got(v));
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
    expectNames(await usageError(['verify', `--seed=${v}`, '--out', out]), '--seed must be an integer in [0, 9007199254740991]', got(v));
    expect(existsSync(out)).toBe(false);
  });

  const badShard = fc.oneof(
    fc.constantFrom('0/2', '3/2', '1/0', '0/0', 'a/b', '1/2/3', '-1/2', '', '1', '2/1', '1/-2', ' 1/2'),
    fc
      .tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }))
      .filter(([i, n]) => i > n)
      .map(([i, n]) => `${i}/${n}`),
    fc.string({ maxLength: 6 }).filter((s) => !/^\d+\/\d+$/.test(s)),
  );
  test.prop([badShard], { numRuns: 40 })('verify --shard', async (v) => {
    const out = freshOut();
    expectNames(await usageError(['verify', `--shard=${v}`, '--out', out]), '--shard must be i/N with 1 ≤ i ≤ N', got(v));
    expect(existsSync(out)).toBe(false);
  });

  const badWorkers = fc.oneof(
    fc.integer({ min: -1e6, max: -1 }).map(String),
    fc.integer({ min: 65, max: 1e6 }).map(String),
    fc.constantFrom('', 'two', '1.5', 'NaN', 'Infinity', '0x2', '2e1', ' 2'),
  );
  test.prop([badWorkers], { numRuns: 30 })('verify --workers', async (v) => {
    const out = freshOut();
    expectNames(await usageError(['verify', `--workers=${v}`, '--out', out]), '--workers must be an integer in [0, 64]', got(v));
    expect(existsSync(out)).toBe(false);
  });

  test.prop([fc.string({ maxLength: 20 }).filter((s) => !IMPLS.includes(s))], { numRuns: 30 })(
    'verify --impl (the names come from the registry)',
    async (v) => {
      const out = freshOut();
      expectNames(await usageError(['verify', `--impl=${v}`, '--out', out]), `--impl must be one of ${IMPLS.join(' | ')}`, got(v));
      expect(existsSync(out)).toBe(false);
    },
  );

  test.prop([identifier.filter((p) => !allClaims.some((c) => c.id.startsWith(p)))], { numRuns: 5 })('verify --only with an unknown claim id', async (p) => {
    const out = freshOut();
    expectNames(
      await usageError(['verify', '--only', `engine,${p}`, '--out', out]),
      '--only must be a comma-separated list of claim-id prefixes',
      `papers: ${PAPER_INFO.map((x) => x.id).join(', ')}`,
      got(`engine,${p}`),
      `no claim id starts with "${p}"`,
      'known ids:',
      'engine.holm-fwer',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('verify --only with an empty list; --out empty; --compare of a missing file (before any run)', async () => {
    expectNames(await usageError(['verify', '--only=,', '--out', freshOut()]), '--only must be a comma-separated list', 'got ","', 'the list is empty');
    expectNames(await usageError(['verify', '--out=']), '--out must be a non-empty directory path', 'got ""');
    const out = freshOut();
    expectNames(
      await usageError(['verify', '--compare', join(root, 'nope.json'), '--out', out]),
      '--compare must be an existing report.json file',
      got(join(root, 'nope.json')),
      'does not exist',
    );
    expect(existsSync(out)).toBe(false);
  });

  const flagsOf: Record<string, string[]> = {
    verify: ['only', 'profile', 'seed', 'out', 'shard', 'compare', 'impl', 'allow-inconclusive', 'skip-controls', 'workers', 'resume', 'no-cache'],
    baseline: ['only', 'profile', 'seed', 'out', 'shard', 'compare', 'impl', 'allow-inconclusive', 'skip-controls', 'workers', 'resume', 'no-cache'],
    replay: ['claim', 'control', 'profile', 'seed', 'stream', 'alpha', 'threshold', 'params', 'impl'],
    calibrate: ['only', 'profile', 'seed'],
    list: [],
  };
  test.prop(
    [
      fc.constantFrom('verify', 'replay', 'calibrate', 'list', 'baseline'),
      identifier.filter((n) => n !== 'help' && !Object.values(flagsOf).flat().includes(n)),
    ],
    { numRuns: 30 },
  )('an unknown flag (a typo would otherwise run with the default)', async (cmd, name) => {
    const before = readFileSync(CONSTANTS_PATH, 'utf8');
    const msg = await usageError([cmd, `--${name}`, '1']);
    expectNames(msg, `${cmd}: unknown flag --${name}`, ...flagsOf[cmd].map((f) => `--${f}`));
    expect(readFileSync(CONSTANTS_PATH, 'utf8')).toBe(before);
  });

  it('a stray argument, a flag without its value, a value that reads as a flag, a switch with a value, an unknown command or subcommand, a missing argument', async () => {
    expectNames(await usageError(['verify', 'engine']), 'verify: unexpected argument "engine"', 'takes no positional arguments');
    expectNames(await usageError(['verify', '--seed']), 'verify: --seed must be an integer in [0, 9007199254740991], got no value');
    expectNames(await usageError(['verify', '--seed', '--out', 'x']), '--seed must be an integer', 'got "--out", which reads as a flag', '--seed=--out');
    expectNames(await usageError(['verify', '--skip-controls=yes']), 'verify: --skip-controls is a switch and takes no value, got "yes"');
    expectNames(await usageError(['verify', '--sed', '7']), 'verify: unknown flag --sed (did you mean --seed?)');
    expectNames(await usageError(['verify', '-x']), 'verify: unknown flag -x');
    expectNames(
      await usageError(['verfy'], 'robustness-proofs'),
      'unknown command "verfy" (did you mean "verify"?)',
      'commands: list, verify, replay, calibrate, report merge, compare, baseline, help',
    );
    expectNames(await usageError(['--profile', 'smoke'], 'robustness-proofs'), 'a command must come first, got the flag "--profile"');
    expectNames(await usageError(['help', 'verfy'], 'robustness-proofs'), 'unknown command "verfy"');
    expectNames(await usageError(['report', 'merg']), 'report: unknown subcommand "merg" (did you mean "merge"?); known: merge');
    expectNames(await usageError(['report']), 'report: missing subcommand; known: merge');
    expectNames(await usageError(['report', 'merge']), 'report merge: missing DIR', 'usage: npx tsx scripts/cli.ts report merge [flags] DIR…');
    expectNames(await usageError(['report', 'merge', join(root, 'nope')]), `report merge: DIR "${join(root, 'nope')}" does not exist`);
    expectNames(await usageError(['compare', 'a.json']), 'compare: missing BASELINE.json', 'usage: npx tsx scripts/cli.ts compare REPORT.json BASELINE.json');
    expectNames(await usageError(['compare', join(root, 'nope.json'), 'b.json']), `compare: REPORT.json "${join(root, 'nope.json')}" does not exist`);
    const file = join(root, 'any.json');
    writeFileSync(file, '{}');
    expectNames(await usageError(['compare', file, file, file]), `compare: unexpected argument "${file}"`, 'usage: npx tsx scripts/cli.ts compare');
    expectNames(await usageError(['list', 'extra']), 'list: unexpected argument "extra"');
    expectNames(await usageError(['list', '--all']), 'list: unknown flag --all; list takes no flags other than --help');
  });

  const replay = (params: string, extra: string[] = []): string[] => [
    'replay',
    '--claim',
    'engine.holm-fwer',
    '--profile',
    'smoke',
    '--seed',
    '1',
    '--stream',
    'main',
    '--alpha',
    '0.01',
    '--threshold',
    '0.01',
    ...extra,
    `--params=${params}`,
  ];
  const goodParams = JSON.stringify({ m: 20, rho: 0, alpha: 0.05, rule: 'holm' });

  it('replay: the required flags', async () => {
    expectNames(await usageError(['replay']), 'replay: --claim is required: a registered claim id');
    expectNames(await usageError(['replay', '--claim', 'engine.holm-fwer', '--params', goodParams]), 'replay: --alpha is required: a number in (0, 1)');
    expectNames(await usageError(replay(goodParams).slice(0, -1)), 'replay: --params is required: a JSON object of parameters');
  });

  test.prop([fc.integer({ min: 1, max: goodParams.length - 1 })], { numRuns: 30 })('replay --params truncated JSON', async (cut) => {
    expectNames(
      await usageError(replay(goodParams.slice(0, cut))),
      'replay: --params must be a JSON object of parameters',
      got(goodParams.slice(0, cut)),
      'not valid JSON',
    );
  });

  test.prop([fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))], { numRuns: 30 })(
    'replay --params that is not an object',
    async (v) => {
      expectNames(await usageError(replay(JSON.stringify(v))), 'replay: --params must be a JSON object of parameters', got(JSON.stringify(v)), 'not an object');
    },
  );

  test.prop([identifier, fc.oneof(fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(identifier, fc.integer(), { maxKeys: 2 }), fc.constant(null))], {
    numRuns: 20,
  })('replay --params with a nested value', async (k, v) => {
    expectNames(await usageError(replay(JSON.stringify({ [k]: v }))), `replay: --params.${k} must be a number, string or boolean`, `got ${JSON.stringify(v)}`);
  });

  test.prop([fc.constantFrom('alpha', 'threshold'), fc.oneof(outsideUnit.map(String), fc.constantFrom('', 'abc', '1/2'))], { numRuns: 30 })(
    'replay --alpha / --threshold outside (0, 1)',
    async (flag, v) => {
      const argv = replay(goodParams).map((a, i, all) => (all[i - 1] === `--${flag}` ? v : a));
      expectNames(await usageError(argv), `replay: --${flag} must be a number in (0, 1)`, got(v));
    },
  );

  test.prop([identifier.filter((id) => !allClaims.some((c) => c.id === id))], { numRuns: 10 })('replay --claim unknown / --control unknown', async (id) => {
    expectNames(
      await usageError(['replay', '--claim', id, '--params', goodParams]),
      'replay: --claim must be a registered claim id',
      got(id),
      'known:',
      'engine.holm-fwer',
    );
    expectNames(
      await usageError([...replay(goodParams), '--control', id]),
      'replay: --control must be a control of engine.holm-fwer (one of no-correction)',
      got(id),
    );
  });

  test.prop([fc.integer({ min: 1, max: 2000 })], { numRuns: 20 })(
    'report merge / compare of a truncated report.json: exit 4, named, and no merged report written',
    async (cut) => {
      const text = serializeReport(syntheticReport());
      const file = join(root, `truncated-${cut}.json`);
      writeFileSync(file, text.slice(0, cut));
      const out = freshOut();
      expectNames(await runError(['report', 'merge', file, '--out', out]), `report merge: loadReport: ${file} is not valid JSON`, `${cut} characters`);
      expect(existsSync(out)).toBe(false);
      expectNames(await runError(['compare', file, file]), `compare: loadReport: ${file} is not valid JSON`);
    },
  );

  test.prop([fc.jsonValue().filter((v) => v !== 1)], { numRuns: 20 })('report merge of a report of another schemaVersion: exit 4', async (version) => {
    const file = join(root, `schema-${outCount}.json`);
    writeFileSync(file, JSON.stringify({ ...syntheticReport(), schemaVersion: version }));
    const out = freshOut();
    expectNames(await runError(['report', 'merge', file, '--out', out]), 'schemaVersion must be 1', 'got');
    expect(existsSync(out)).toBe(false);
  });
});

describe('report.json load and merge', () => {
  const text = serializeReport(syntheticReport());

  test.prop([fc.integer({ min: 0, max: text.length - 3 })], { numRuns: 40 })('truncated report.json', (cut) => {
    expectNames(
      errorOf(() => parseReport(text.slice(0, cut), 'r/report.json')),
      'loadReport: r/report.json is not valid JSON',
      `${cut} characters`,
    );
  });

  test.prop([fc.jsonValue().filter((v) => v !== 1)], { numRuns: 30 })('another schemaVersion', (v) => {
    expectNames(
      errorOf(() => parseReport(JSON.stringify({ ...syntheticReport(), schemaVersion: v }), 'r.json')),
      'loadReport: r.json: schemaVersion must be 1',
      'got',
    );
  });

  const quiet = { warn: () => {} };
  test.prop(
    [
      fc.oneof(
        fc
          .integer({ min: 0, max: 1e9 })
          .filter((s) => s !== 20261125)
          .map((s) => ['masterSeed', s] as const),
        fc.constantFrom('smoke', 'paper').map((p) => ['profile', p] as const),
        fc
          .double({ min: 0.001, max: 0.2, noNaN: true })
          .filter((a) => a !== 0.01)
          .map((a) => ['alpha', a] as const),
        fc
          .jsonValue()
          .filter((v) => v !== 1)
          .map((v) => ['schemaVersion', v] as const),
      ),
    ],
    { numRuns: 30 },
  )('merging reports of different runs names the field and both values', ([field, v]) => {
    const a = syntheticReport();
    const b = clone(a) as Report & Record<string, unknown>;
    if (field === 'alpha') b.statistics = { ...b.statistics, alpha: v as number };
    else (b as Record<string, unknown>)[field] = v;
    const msg = errorOf(() => mergeReports([a, b], { ...quiet, sources: ['a.json', 'b.json'] }));
    expectNames(msg, 'mergeReports: b.json', field === 'alpha' ? 'statistics.alpha' : field);
    expect(msg).not.toBe('no error');
    expectNames(
      errorOf(() => mergeReports([], quiet)),
      'mergeReports: needs at least one report',
    );
  });
});

import { fc, test } from '@fast-check/vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../scripts/cli.js';
import { claimCodeHash, resumeCommand, type ResumeFlags } from '../scripts/cli/resume.js';
import { probabilityCheck } from '../src/core/checks/probability.js';
import { overrideControl } from '../src/core/claim/controls.js';
import { defineClaim } from '../src/core/claim/definePaper.js';
import type { Budget, Claim, Params, Profile } from '../src/core/claim/types.js';
import { decodeValue, encodeValue, stableStringify, type Encoded } from '../src/core/engine/cacheCodec.js';
import { sourceHash } from '../src/core/engine/codeHash.js';
import { verifyRun, type ProgressEvent } from '../src/core/engine/engine.js';
import { RunInterrupted, verifyRunParallel } from '../src/core/engine/parallelRun.js';
import { TaskCache, type TaskInputs } from '../src/core/engine/taskCache.js';
import type { Report } from '../src/core/report/schema.js';
import { serializeReport } from '../src/core/report/write.js';
import { defineSpace, int, oneOf } from '../src/core/space/index.js';

/**
 * The resume cache (src/core/engine/taskCache.ts) at unit level: its codec is lossless (every Float64
 * by Object.is, undefined, key order, typed arrays), its keys change with every input of a task and
 * only with them, a damaged entry is never trusted, writes leave no temporary file, and a run that
 * reads any subset of its tasks from the cache — after an interruption, with entries deleted or
 * corrupted — gives the report of a run without a cache, Holm and shrinking included.
 * (properties/theory/resume-kill.test.ts kills real `verify` processes with SIGINT and SIGKILL.)
 */

const root = mkdtempSync(join(tmpdir(), 'resume-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => join(root, `d${dirs++}`);

/** Deep equality that a JSON round trip fails: numbers by Object.is, undefined values and key order kept, typed arrays by class. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number') return typeof b === 'number' && Object.is(a, b);
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return a === b;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b))
    return (
      ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && a.constructor === b.constructor && same(Array.from(a as Float64Array), Array.from(b as Float64Array))
    );
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Encode, write as JSON text, parse and decode: what a cache entry goes through. */
const roundTrip = (v: unknown): unknown => decodeValue(JSON.parse(JSON.stringify(encodeValue(v))) as Encoded);

const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('$number', '$undefined', '$object', '$typed', '$', 'values', '__proto__', '0', '10'));
const leaf = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MIN_VALUE, -Number.MAX_VALUE),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const { value } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown>; typed: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object'), tie('typed')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  typed: fc.oneof(fc.float64Array({ maxLength: 4 }), fc.float32Array({ maxLength: 3 }), fc.int32Array({ maxLength: 3 }), fc.uint8Array({ maxLength: 3 })),
}));

describe('cache codec: lossless for task results', () => {
  test.prop([value], { numRuns: 300 })('decode(parse(stringify(encode(v)))) is v: NaN, ±Infinity, −0, undefined, $-keys, typed arrays, key order', (v) => {
    expect(same(roundTrip(v), v)).toBe(true);
  });

  it('what plain JSON loses comes back (the comparison can fail: JSON alone does not round-trip these)', () => {
    const v = { a: -0, b: NaN, c: [Infinity, -Infinity, undefined], d: undefined, $number: 'NaN', e: new Float64Array([-0, NaN, 1.5]) };
    expect(same(JSON.parse(JSON.stringify(v)), v)).toBe(false);
    expect(same(roundTrip(v), v)).toBe(true);
    expect(same(0, -0)).toBe(false);
    expect(same({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
  });

  it('refuses what it cannot store, naming the path; rejects malformed tags', () => {
    expect(() => encodeValue({ a: [1, () => 0] })).toThrow(/^encodeValue: \$\.a\[1\] is a function, which the cache codec does not store$/);
    expect(() => encodeValue({ m: new Map() })).toThrow(/^encodeValue: \$\.m is an instance of Map, not plain data/);
    expect(() => encodeValue(1n)).toThrow(/is a bigint/);
    expect(() => encodeValue(new DataView(new ArrayBuffer(2)))).toThrow(/is a DataView/);
    expect(() => decodeValue({ $number: 'five' })).toThrow(/^decodeValue: \$ is a malformed tag/);
    expect(() => decodeValue({ $object: [['a']] })).toThrow(/must hold \[key, value\] pairs/);
    expect(() => decodeValue({ $typed: 'Map', values: [] })).toThrow(/malformed tag/);
  });

  test.prop([value])('stableStringify: equal data give equal text, whatever the key order', (v) => {
    const e = encodeValue(v);
    const reversed = (x: Encoded): Encoded =>
      x === null || typeof x !== 'object'
        ? x
        : Array.isArray(x)
          ? x.map(reversed)
          : Object.fromEntries(
              Object.entries(x)
                .reverse()
                .map(([k, y]) => [k, reversed(y)]),
            );
    expect(stableStringify(reversed(e))).toBe(stableStringify(e));
    expect(JSON.parse(stableStringify(e))).toEqual(JSON.parse(JSON.stringify(e)));
  });
});

describe('codeHash: sourceHash', () => {
  it('changes with a file edit, a new file, a rename and a missing path; not with where the root is', () => {
    const a = freshDir();
    mkdirSync(join(a, 'src', 'x'), { recursive: true });
    writeFileSync(join(a, 'src', 'x', 'one.ts'), 'export const one = 1;\n');
    writeFileSync(join(a, 'lock.json'), '{}');
    const h0 = sourceHash(a, ['src', 'lock.json']);
    expect(h0).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceHash(a, ['lock.json', 'src'])).toBe(h0);
    const b = freshDir();
    mkdirSync(join(b, 'src', 'x'), { recursive: true });
    writeFileSync(join(b, 'src', 'x', 'one.ts'), 'export const one = 1;\n');
    writeFileSync(join(b, 'lock.json'), '{}');
    expect(sourceHash(b, ['src', 'lock.json'])).toBe(h0);
    writeFileSync(join(b, 'src', 'x', 'one.ts'), 'export const one = 2;\n');
    const h1 = sourceHash(b, ['src', 'lock.json']);
    expect(h1).not.toBe(h0);
    writeFileSync(join(b, 'src', 'x', 'two.ts'), '');
    const h2 = sourceHash(b, ['src', 'lock.json']);
    expect(h2).not.toBe(h1);
    rmSync(join(b, 'src', 'x', 'two.ts'));
    writeFileSync(join(b, 'src', 'x', 'three.ts'), '');
    expect(sourceHash(b, ['src', 'lock.json'])).not.toBe(h2);
    expect(sourceHash(b, ['src', 'lock.json', 'nope'])).not.toBe(sourceHash(b, ['src', 'lock.json']));
  });

  it("the CLI's claim hash: per paper folder, the same for two claims of one paper", () => {
    const hash = claimCodeHash();
    const claim = (id: string, paper: string) => ({ id, paper }) as unknown as Claim<Params>;
    expect(hash(claim('engine.a', 'engine'))).toBe(hash(claim('engine.b', 'engine')));
    expect(hash(claim('engine.a', 'engine'))).not.toBe(hash(claim('bubeck.a', 'bubeck')));
    expect(hash(claim('nope.a', 'nope'))).toMatch(/^[0-9a-f]{64}$/);
  });
});

const claimX = { id: 'x.claim', paper: 'x' } as unknown as Claim<Params>;
const inputs: TaskInputs = { masterSeed: 7, profile: 'smoke', alpha: 0.001, beta: 0.1, constants: {} };
const anyResult = (v: unknown): v is unknown => v !== undefined;

describe('TaskCache', () => {
  it('put, then get in this and a later process; a missing key is a miss', () => {
    const dir = freshDir();
    const c = new TaskCache(dir, () => 'code-1');
    const k = c.key('main', claimX, inputs, { stream: 'main', params: { d: 3, act: 'tanh' } });
    expect(k.file).toMatch(/^main-[0-9a-f]{64}\.json$/);
    const result = { outcomes: [{ evidence: { pValue: 1, estimate: NaN, ci: [-Infinity, -0] }, sufficient: true, rejectedEarly: undefined }], durationMs: 3 };
    expect(c.get(k, anyResult)).toBeUndefined();
    c.put(k, result);
    expect(same(c.get(k, anyResult), result)).toBe(true);
    const later = new TaskCache(dir, () => 'code-1');
    expect(same(later.get(k, anyResult), result)).toBe(true);
    expect(later.get(later.key('main', claimX, inputs, { stream: 'main', params: { d: 4, act: 'tanh' } }), anyResult)).toBeUndefined();
    expect(c.stats).toEqual({ hits: 1, misses: 1, written: 1, corrupt: [], notStored: [] });
    expect(later.stats).toMatchObject({ hits: 1, misses: 1 });
    expect(later.entries()).toBe(1);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('the key changes with every input of the task and with nothing else (parameter order, another TaskCache)', () => {
    const c = new TaskCache(freshDir(), (cl) => `code-${cl.paper}`);
    const detail = { stream: 'main', params: { d: 3, act: 'tanh' } };
    const base = c.key('main', claimX, inputs, detail).file;
    expect(c.key('main', claimX, { ...inputs }, { params: { act: 'tanh', d: 3 }, stream: 'main' }).file).toBe(base);
    expect(new TaskCache(freshDir(), (cl) => `code-${cl.paper}`).key('main', claimX, inputs, detail).file).toBe(base);
    const variants = [
      c.key('control', claimX, inputs, detail),
      c.key('main', { id: 'x.other', paper: 'x' } as unknown as Claim<Params>, inputs, detail),
      c.key('main', { id: 'x.claim', paper: 'y' } as unknown as Claim<Params>, inputs, detail),
      c.key('main', claimX, { ...inputs, masterSeed: 8 }, detail),
      c.key('main', claimX, { ...inputs, profile: 'standard' }, detail),
      c.key('main', claimX, { ...inputs, alpha: 0.0010000000000000002 }, detail),
      c.key('main', claimX, { ...inputs, beta: 0.2 }, detail),
      c.key('main', claimX, { ...inputs, impl: 'broken' }, detail),
      c.key('main', claimX, { ...inputs, constants: { C: { value: 1, ci: [0, 2], calibratedOn: { seed: 's', profile: 'smoke', method: 'm' } } } }, detail),
      c.key('main', claimX, inputs, { ...detail, stream: 'pilot' }),
      c.key('main', claimX, inputs, { ...detail, params: { d: 3, act: 'relu' } }),
      c.key('main', claimX, inputs, { ...detail, params: { d: -0, act: 'tanh' } }),
      c.key('main', claimX, inputs, { ...detail, params: { d: 3, act: 'tanh', extra: true } }),
      new TaskCache(freshDir(), () => 'another code').key('main', claimX, inputs, detail),
    ].map((k) => k.file);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  const corruptions: Array<[string, (text: string, at: number) => string]> = [
    ['truncated', (t, at) => t.slice(0, at % t.length)],
    ['one character of the body changed', (t, at) => flip(t, t.indexOf('\n') + 1 + (at % (t.length - t.indexOf('\n') - 1)))],
    ['one character of the header changed', (t, at) => flip(t, at % t.indexOf('\n'))],
    ['empty', () => ''],
    ['not JSON', () => 'garbage\n{'],
    ['the entry of another key', (t) => t.replace('"masterSeed":7', '"masterSeed":8')],
  ];
  const flip = (t: string, i: number): string => t.slice(0, i) + (t[i] === '1' ? '2' : '1') + t.slice(i + 1);

  test.prop([fc.constantFrom(...corruptions), fc.nat()], { numRuns: 60 })(
    'a damaged entry is never trusted: ignored, counted as corrupt, and replaced by the next put',
    ([, corrupt], at) => {
      const dir = freshDir();
      const c = new TaskCache(dir, () => 'code');
      const k = c.key('control', claimX, inputs, { stream: 'control:c', control: 'c', index: 0 });
      const result = { id: 'c', status: 'violated', evidence: { pValue: 1e-9, ci: [0, 0.5] }, durationMs: 1 };
      c.put(k, result);
      const file = join(dir, k.file);
      const text = readFileSync(file, 'utf8');
      const damaged = corrupt(text, at);
      fc.pre(damaged !== text);
      writeFileSync(file, damaged);
      expect(c.get(k, anyResult)).toBeUndefined();
      expect(c.stats.corrupt).toEqual([k.file]);
      c.put(k, result);
      expect(same(c.get(k, anyResult), result)).toBe(true);
    },
  );

  it('an entry of the wrong shape is not trusted; a result it cannot encode is not stored (and does not throw)', () => {
    const c = new TaskCache(freshDir(), () => 'code');
    const k = c.key('main', claimX, inputs, { stream: 'main', params: {} });
    c.put(k, { outcomes: 'not a list' });
    expect(c.get(k, (v): v is { outcomes: unknown[] } => Array.isArray((v as { outcomes?: unknown }).outcomes))).toBeUndefined();
    expect(c.stats.corrupt).toEqual([k.file]);
    const k2 = c.key('main', claimX, inputs, { stream: 'main', params: { a: 1 } });
    c.put(k2, { f: () => 1 });
    expect(c.stats.notStored).toEqual([`${k2.file}: encodeValue: $.f is a function, which the cache codec does not store`]);
    expect(existsSync(join(c.dir, k2.file))).toBe(false);
  });

  it("opening removes temporary files of writers that are gone (a SIGKILL mid-write), and keeps a live process's", () => {
    const dir = freshDir();
    mkdirSync(dir);
    const dead = `.main-${'a'.repeat(64)}.json.999999999.0badf00d.tmp`;
    const live = `.main-${'b'.repeat(64)}.json.${process.pid}.0badf00d.tmp`;
    writeFileSync(join(dir, dead), '{"format":1');
    writeFileSync(join(dir, live), '{"format":1');
    const c = new TaskCache(dir, () => 'code');
    expect(readdirSync(dir).sort()).toEqual([live]);
    expect(c.entries()).toBe(0);
  });
});

// Synthetic claims of known truth, cheap enough for the unit project: one false in a narrow band that only the
// targeted search finds (pilot decisions, Holm, shrinking of a violated claim), one true with a negative control.
const line = defineSpace({ q: int({ min: 0, max: 1000 }), flag: oneOf(['a', 'b'] as const) });
type Line = { q: number; flag: 'a' | 'b' };
const rateCheck = (rate: (p: Line) => number) =>
  probabilityCheck<Line>({ name: 'rate', describe: 'P(E) ≥ 0.9', target: () => 0.9, delta: 0.1, event: (p, rng) => rng.uniform() < rate(p) });
const budget = (extra: Partial<Budget> = {}): Record<Profile, Budget> => {
  const b: Budget = { configurations: 3, trials: 1500, controlConfigurations: 2, ...extra };
  return { smoke: b, standard: b, paper: b };
};
const band = defineClaim<Line>({
  id: 'synthetic.band',
  paper: 'synthetic',
  statement: 'P(E) ≥ 0.9 on [0, 1000] (false only for |q − 700| ≲ 40)',
  hypotheses: line.hypotheses(),
  checks: [rateCheck((p) => 0.97 - 0.5 / (1 + ((p.q - 700) / 30) ** 2))],
  controls: [],
  profiles: budget({ search: { pilotTrials: 800, steps: 8 } }),
});
const flat = defineClaim<Line>({
  id: 'synthetic.flat',
  paper: 'synthetic',
  statement: 'P(E) ≥ 0.9 everywhere (true: the rate is 0.97, 0.5 in the control)',
  hypotheses: line.hypotheses(),
  checks: [rateCheck((p) => (p.q < 0 ? 0.5 : 0.97))],
  controls: [overrideControl('negative-q', 'q = −1, outside the hypotheses: rate 0.5', line.hypotheses(), { q: -1 })],
  profiles: budget(),
});
const runOpts = { claims: [band, flat], profile: 'smoke' as const, masterSeed: 3, constants: {} };

/** report.json exactly as written, with every timing field blanked. */
const withoutTimings = (r: Report): string =>
  serializeReport(JSON.parse(JSON.stringify(r, (k, v: unknown) => (k === 'durationMs' || k === 'startedAt' ? 0 : v))) as Report);

describe('verifyRunParallel with a cache: the report of a run without one, whatever the cache held', () => {
  const reference = withoutTimings(verifyRun(runOpts));
  const cached = (dir: string, onProgress?: (e: ProgressEvent) => void, signal?: AbortSignal) => {
    const cache = new TaskCache(dir, () => 'code');
    return { cache, run: verifyRunParallel({ ...runOpts, workers: 0, cache, onProgress, signal }) };
  };

  it('the reference is worth comparing: the band is found by the search, violated after Holm and shrunk; the control violated', () => {
    const r = JSON.parse(reference) as Report;
    expect(r.claims.map((c) => c.status)).toEqual(['violated', 'verified']);
    expect(r.claims[0].search?.picks).toBe(1);
    expect(r.claims[0].counterexample?.confirmation.status).toBe('violated');
    expect(r.claims[1].controls.map((c) => c.status)).toEqual(['violated']);
  });

  it('a fresh cache, then a full one (every task and pilot decision read, nothing written)', async () => {
    const dir = freshDir();
    const first = cached(dir);
    expect(withoutTimings(await first.run)).toBe(reference);
    const entries = first.cache.entries();
    expect(first.cache.stats).toMatchObject({ misses: entries, written: entries, corrupt: [], notStored: [] });
    // The hill climb revisits a few configurations: those pilot decisions are read back within the first run.
    const requests = first.cache.stats.hits + first.cache.stats.misses;
    expect(readdirSync(dir).filter((n) => n.startsWith('pilot-')).length).toBeGreaterThan(0);
    const events: ProgressEvent[] = [];
    const again = cached(dir, (e) => events.push(e));
    expect(withoutTimings(await again.run)).toBe(reference);
    expect(again.cache.stats).toEqual({ hits: requests, misses: 0, written: 0, corrupt: [], notStored: [] });
    const tasks = readdirSync(dir).filter((n) => !n.startsWith('pilot-')).length;
    expect(events.find((e) => e.phase === 'cached')).toMatchObject({ configsDone: tasks, configsTotal: tasks, cached: tasks });
  });

  it('interrupted after k tasks (the abort signal), then resumed: the same report; the interruption names k of M', async () => {
    for (const k of [1, 4, 9]) {
      const dir = freshDir();
      const controller = new AbortController();
      const first = cached(
        dir,
        (e) => {
          if (e.phase === 'task' && e.configsDone === k) controller.abort();
        },
        controller.signal,
      );
      const err = await first.run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RunInterrupted);
      expect((err as RunInterrupted).tasksDone).toBe(k);
      const total = (err as RunInterrupted).tasksTotal;
      expect(total).toBeGreaterThan(9);
      expect(readdirSync(dir).filter((n) => !n.startsWith('pilot-'))).toHaveLength(k);
      const events: ProgressEvent[] = [];
      const resumed = cached(dir, (e) => events.push(e));
      expect(withoutTimings(await resumed.run)).toBe(reference);
      expect(events.find((e) => e.phase === 'cached')).toMatchObject({ configsDone: k, configsTotal: total });
    }
  });

  test.prop([fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), fc.nat()], { numRuns: 4 })(
    'any subset of the entries deleted, one corrupted: the same report, the damaged one re-run',
    async (keep, which) => {
      const dir = freshDir();
      const first = cached(dir);
      await first.run;
      const requests = first.cache.stats.hits + first.cache.stats.misses;
      const names = readdirSync(dir).sort();
      names.forEach((n, i) => {
        if (!keep[i % keep.length]) rmSync(join(dir, n));
      });
      const left = readdirSync(dir).sort();
      if (left.length > 0) writeFileSync(join(dir, left[which % left.length]), 'damaged');
      const again = cached(dir);
      expect(withoutTimings(await again.run)).toBe(reference);
      expect(again.cache.stats.corrupt).toHaveLength(left.length > 0 ? 1 : 0);
      // Each deleted entry is missed once (then written, and read back if the hill climb revisits it).
      expect(again.cache.stats.misses).toBe(names.length - left.length);
      expect(again.cache.stats.hits + again.cache.stats.misses + again.cache.stats.corrupt.length).toBe(requests);
    },
  );

  it("another run's entries are not reused where its tasks differ: another family size (α/m), seed or code", async () => {
    const dir = freshDir();
    const first = cached(dir);
    await first.run;
    const pilotRequests = first.cache.stats.hits + readdirSync(dir).filter((n) => n.startsWith('pilot-')).length;
    const alone = new TaskCache(dir, () => 'code');
    // The band alone: a smaller Holm family, so α/m differs and no main task is reused; its pilot decisions (at the run's α) are.
    const r = await verifyRunParallel({ ...runOpts, claims: [band], workers: 0, cache: alone });
    expect(withoutTimings(r)).toBe(withoutTimings(verifyRun({ ...runOpts, claims: [band] })));
    expect(alone.stats.hits).toBe(pilotRequests);
    expect(alone.stats.written).toBe(r.claims[0].configurations.length);
    // Another seed or another code hash: every task is decided afresh into entries of its own (the earlier ones stay untouched).
    for (const [masterSeed, code] of [
      [4, 'code'],
      [3, 'edited code'],
    ] as const) {
      const before = readdirSync(dir).length;
      const other = new TaskCache(dir, () => code);
      await verifyRunParallel({ ...runOpts, masterSeed, workers: 0, cache: other });
      expect(other.stats.written).toBe(other.stats.misses);
      expect(readdirSync(dir).length).toBe(before + other.stats.written);
    }
  });
});

describe('verify --resume and --no-cache (the command line)', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('usage errors before anything runs: --resume naming a file, --resume with --no-cache', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const a = await cli(['verify', '--resume', file, '--out', freshDir()]);
    expect(a.code).toBe(2);
    expect(a.err).toContain(`verify: --resume must be a directory path (created if missing), not an existing file, got ${JSON.stringify(file)}: it is a file`);
    const b = await cli(['verify', '--resume', freshDir(), '--no-cache', '--out', freshDir()]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/^verify: --resume and --no-cache exclude each other/);
  });

  it('a second run with the same flags reads every task from <out>/.cache and writes the same report.json; --no-cache writes none', async () => {
    const out = freshDir();
    const argv = ['verify', '--only', 'engine.holm-fwer', '--profile', 'smoke', '--workers', '0', '--out', out];
    const first = await cli(argv);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain(`verify: resume cache ${join(out, '.cache')} (if interrupted, resume with: npm run verify -- --only engine.holm-fwer`);
    const report = readFileSync(join(out, 'report.json'), 'utf8');
    const second = await cli(argv);
    expect(second.code, second.err).toBe(0);
    expect(second.err).toMatch(/resume cache .*: (\d+) of \1 tasks cached, 0 to run/);
    expect(second.err).toMatch(/entries read, 0 written/);
    const blank = (t: string) => withoutTimings(JSON.parse(t) as Report);
    expect(blank(readFileSync(join(out, 'report.json'), 'utf8'))).toBe(blank(report));
    const none = freshDir();
    const third = await cli([...argv.slice(0, -1), none, '--no-cache']);
    expect(third.code, third.err).toBe(0);
    expect(third.err).not.toContain('resume cache');
    expect(existsSync(join(none, '.cache'))).toBe(false);
    expect(blank(readFileSync(join(none, 'report.json'), 'utf8'))).toBe(blank(report));
  });

  it('resumeCommand: the same flags (defaults left out), shell-quoted, with --out and --resume', () => {
    const f: ResumeFlags = {
      only: ['bubeck', 'vardi.kkt-convergence'],
      profile: 'smoke',
      seed: 20261125,
      shard: { index: 2, count: 4 },
      impl: undefined,
      'skip-controls': true,
      'allow-inconclusive': true,
      compare: undefined,
      workers: 1,
      out: "/tmp/it's here",
      resume: undefined,
      'no-cache': false,
    };
    expect(resumeCommand('verify', f, '/tmp/c')).toBe(
      "npm run verify -- --only bubeck,vardi.kkt-convergence --profile smoke --shard 2/4 --skip-controls --allow-inconclusive --workers 1 --out '/tmp/it'\\''s here' --resume /tmp/c",
    );
    expect(resumeCommand('baseline', { ...f, only: undefined, shard: undefined, 'skip-controls': false, seed: 7 }, 'c')).toMatch(
      /^npm run baseline -- --profile smoke --seed 7 --workers 1 --out .* --resume c$/,
    );
  });

  it('verify --help documents both flags and the default <out>/.cache', async () => {
    const r = await cli(['verify', '--help']);
    const text = r.out.replace(/\s+/g, ' ');
    expect(text).toContain('--resume DIR the resume cache');
    expect(text).toContain('default: <out>/.cache');
    expect(text).toContain('--no-cache use no resume cache');
    expect(text).toContain('130 interrupted by Ctrl-C');
  });
});

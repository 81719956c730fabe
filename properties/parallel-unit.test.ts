import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allClaims, REGISTRY_MODULE } from '../src/papers/index.js';
import { loadConstants } from '../src/core/claim/constants.js';
import { planRun, verifyRun } from '../src/core/engine/engine.js';
import { mapParallel, type ParallelTask } from '../src/core/engine/parallel.js';
import { verifyRunParallel } from '../src/core/engine/parallelRun.js';
import { taskTimingKey } from '../src/core/engine/schedule.js';
import { Stream } from '../src/core/random/stream.js';
import { selectClaims } from '../src/core/claim/registry.js';
import { fixtureFile, fixtureOf, fixturesFromReport, parseReplayCommand, writeFixtures } from '../scripts/recordCounterexamples.js';
import { controlTask, decideMainTask, type RunTaskArgs } from '../src/core/engine/runTasks.js';
import { DEFAULT_SEED } from '../src/core/random/seeds.js';

/**
 * The worker-thread tasks of `verify --workers N`, run in this thread: each returns exactly what the
 * single-threaded engine computes for the same configuration or control (the cross-thread test with
 * real workers is in determinism.test.ts). Timing fields aside.
 */

const constants = loadConstants();
const claims = selectClaims(allClaims, ['engine.holm-fwer', 'engine.clopper-pearson-coverage']);
const opts = { claims, profile: 'smoke' as const, masterSeed: DEFAULT_SEED, constants, registry: REGISTRY_MODULE };
const noTimes = <T>(v: T): T => JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'durationMs' ? 0 : x))) as T;

describe('worker tasks (runTasks.ts) in this thread', () => {
  const report = verifyRun(opts);
  const plan = planRun(opts);
  const args = (claimId: string): RunTaskArgs => ({
    claimId,
    profile: 'smoke',
    masterSeed: DEFAULT_SEED,
    perTest: plan.perTest,
    beta: 0.1,
    constants,
    registry: REGISTRY_MODULE,
  });

  it('decideMainTask = the engine’s phase-1 decision of the same configuration', async () => {
    for (const [ci, { claim, configs }] of plan.claims.entries()) {
      for (const [i, params] of configs.entries()) {
        const r = await decideMainTask({ ...args(claim.id), params });
        const cfg = report.claims[ci].configurations[i];
        expect(cfg.params).toEqual(params);
        expect(noTimes(r.outcomes.map((o) => o.evidence))).toEqual(noTimes(cfg.checks.map((c) => c.evidence)));
      }
    }
  });

  it('controlTask = the engine’s control result (counterexample, replay, confirmation)', async () => {
    for (const [ci, { claim }] of plan.claims.entries()) {
      for (const idx of claim.controls.keys()) {
        expect(noTimes(await controlTask({ ...args(claim.id), controlIndex: idx }))).toEqual(noTimes(report.claims[ci].controls[idx]));
      }
    }
  });

  it('unknown claims and control indices are named; workers ≤ 1 is the single-threaded engine', async () => {
    await expect(decideMainTask({ ...args('coin.nope'), params: {} })).rejects.toThrow(/verify workers: claim "coin.nope" is not in the registry/);
    await expect(controlTask({ ...args('engine.holm-fwer'), controlIndex: 5 })).rejects.toThrow(
      /controlIndex must be an integer in \[0, 0\] for engine.holm-fwer, got 5/,
    );
    await expect(controlTask({ ...args('engine.holm-fwer'), controlIndex: -1 })).rejects.toThrow(/got -1/);
    const one = await verifyRunParallel({ ...opts, claims: claims.slice(0, 1), workers: 1 });
    expect(noTimes(one.claims)).toEqual(noTimes(verifyRun({ ...opts, claims: claims.slice(0, 1) }).claims));
    await expect(verifyRunParallel({ ...opts, workers: 1.5 })).rejects.toThrow(/workers must be an integer ≥ 0, got 1.5/);
    await expect(verifyRunParallel({ ...opts, workers: -1 })).rejects.toThrow(/workers must be an integer ≥ 0, got -1/);
    const zero = await verifyRunParallel({ ...opts, claims: claims.slice(0, 1), workers: 0 });
    expect(noTimes(zero.claims)).toEqual(noTimes(one.claims));
    // the last control index is valid, one more is not
    await expect(controlTask({ ...args('engine.holm-fwer'), controlIndex: 0 })).resolves.toBeDefined();
    await expect(controlTask({ ...args('engine.holm-fwer'), controlIndex: 1 })).rejects.toThrow(
      /controlIndex must be an integer in \[0, 0\] for engine.holm-fwer, got 1/,
    );
  });
});

describe('mapParallel (parallel.ts): ordered, seed-determined results for every worker count', () => {
  const module = new URL('./parallel-tasks.ts', import.meta.url).href;
  const root = new Stream('properties/parallel-unit');
  const tasks: ParallelTask[] = Array.from({ length: 5 }, (_, i) => ({
    module,
    fn: i % 2 ? 'seededDrawsLater' : 'seededDraws',
    args: { n: 3 + i, tag: `t${i}` },
    seed: root.child('task', i).seed,
  }));
  type Out = { tag: string; draws: number[]; sum: number };
  /** What task i must return: its own stream's first n uniforms. */
  const expected = tasks.map((t, i) => {
    const rng = new Stream(t.seed);
    const draws = Array.from({ length: 3 + i }, () => rng.uniform());
    return { tag: `t${i}`, draws, sum: draws.reduce((s, v) => s + v, 0) };
  });

  it('0, 1, 2 and 7 workers return the same array in task order; onResult sees each index once with its result', async () => {
    for (const w of [0, 1, 2, 7]) {
      const seen = new Map<number, Out>();
      const out = await mapParallel<Out>(tasks, w, (i, r) => {
        expect(seen.has(i)).toBe(false);
        seen.set(i, r);
      });
      expect(out).toEqual(expected);
      expect([...seen.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
      for (const [i, r] of seen) expect(r).toEqual(expected[i]);
    }
    expect(await mapParallel([], 2)).toEqual([]);
    // A plain path (relative to the working directory) names the same module as its file: URL.
    expect(await mapParallel<Out>([{ ...tasks[0], module: 'properties/parallel-tasks.ts' }], 0)).toEqual([expected[0]]);
  }, 60_000);

  it('a failing task rejects the map naming its index and function, in this thread and in workers', async () => {
    const bad: ParallelTask = { module, fn: 'failing', args: { why: 'on purpose' }, seed: 's' };
    for (const w of [1, 2]) {
      await expect(mapParallel([tasks[0], bad, tasks[2]], w)).rejects.toThrow(/^mapParallel: task 1 \(failing\) failed: task refused: on purpose$/);
    }
    await expect(mapParallel([{ ...bad, fn: 'notAFunction' }], 0)).rejects.toThrow(
      /mapParallel: task 0 \(notAFunction\) failed: mapParallel: module .*parallel-tasks.ts has no exported function "notAFunction"/,
    );
    await expect(mapParallel([{ ...bad, fn: 'missing' }], 2)).rejects.toThrow(/has no exported function "missing"/);
    // a worker that exits mid-task rejects the map, naming the worker and its exit code
    await expect(mapParallel([{ module, fn: 'exitWorker', args: { code: 3 }, seed: 's' }, tasks[0]], 2)).rejects.toThrow(
      /^mapParallel: worker \d exited with code 3 before all tasks finished$/,
    );
  }, 60_000);

  it('bad arguments are rejected before any task runs, naming the parameter and the value', async () => {
    for (const w of [-1, 1.5, NaN, Infinity])
      await expect(mapParallel(tasks, w)).rejects.toThrow(new RegExp(`^mapParallel: workerCount must be an integer ≥ 0, got ${w}$`));
    for (const key of ['module', 'fn', 'seed'] as const) {
      const t = { ...tasks[1], [key]: 7 } as unknown as ParallelTask;
      await expect(mapParallel([tasks[0], t], 0)).rejects.toThrow(/^mapParallel: task 1 must have string module, fn and seed$/);
    }
  });
});

describe('verifyRunParallel with real workers (parallelRun.ts)', () => {
  it('2 workers: the same report as the engine in this thread, progress per task, the run timed from before the workers started', async () => {
    const one = { ...opts, claims: claims.slice(0, 1) };
    const plan = planRun(one);
    const events: Array<{ phase: string; configsDone: number; configsTotal: number }> = [];
    const t0 = Date.now();
    const par = await verifyRunParallel({ ...one, workers: 2, onProgress: (e) => events.push(e as never) });
    const seq = verifyRun(one);
    expect(noTimes(par.claims)).toEqual(noTimes(seq.claims));
    const tasks = events.filter((e) => e.phase === 'task');
    const total = plan.claims[0].configs.length + plan.claims[0].claim.controls.length;
    expect(tasks.map((e) => e.configsDone)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(tasks.every((e) => e.configsTotal === total)).toBe(true);
    expect(Date.parse(par.startedAt)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(par.durationMs).toBeGreaterThan(0);
    // without controls only the configurations are tasks
    const noCtl: typeof events = [];
    await verifyRunParallel({ ...one, workers: 2, skipControls: true, onProgress: (e) => noCtl.push(e as never) });
    expect(noCtl.filter((e) => e.phase === 'task').length).toBe(plan.claims[0].configs.length);
    // longest first (controls estimated longest, so handed out first): the same report
    const { claim } = plan.claims[0];
    const timings = new Map(claim.controls.map((c, i) => [taskTimingKey({ kind: 'control', claimId: claim.id, controlId: c.id }), 1e6 + i] as const));
    const lpt = await verifyRunParallel({ ...one, workers: 2, timings });
    expect(noTimes(lpt.claims)).toEqual(noTimes(seq.claims));
  }, 120_000);
});

describe('recording counterexamples from a report (recordCounterexamples.ts)', () => {
  const report = verifyRun(opts);
  const confirmed = report.claims.flatMap((c) =>
    c.controls.filter((k) => k.status === 'violated' && k.counterexample?.confirmation.status === 'violated').map((k) => ({ claim: c, k })),
  );

  it('one fixture per confirmed control counterexample, its fields read from the replay command', () => {
    const fx = fixturesFromReport(report);
    expect(confirmed.length).toBeGreaterThan(0);
    expect(fx.length).toBe(confirmed.length);
    fx.forEach((f, i) => {
      const { claim, k } = confirmed[i];
      const cx = k.counterexample!;
      const flags = parseReplayCommand(cx.replay);
      expect(f).toMatchObject({
        claim: claim.id,
        control: k.id,
        check: cx.check,
        params: cx.params,
        profile: 'smoke',
        seed: DEFAULT_SEED,
        expected: 'violated',
        replay: cx.replay,
      });
      expect(f.stream).toBe(flags.stream ?? `control:${k.id}`);
      expect(f.confirmStream).toBe(`${f.stream}/confirm`);
      expect(f.alpha).toBe(Number(flags.alpha));
      expect(f.threshold).toBe(Number(flags.threshold));
      expect('impl' in f).toBe(flags.impl !== undefined);
      expect('constants' in f).toBe(Object.keys(claim.constants ?? {}).length > 0);
    });
  });

  it('unconfirmed or passing controls are not recorded; a replay command without --seed is named', () => {
    const copy = JSON.parse(JSON.stringify(report)) as typeof report;
    const first = copy.claims.flatMap((c) => c.controls).find((k) => k.counterexample)!;
    first.counterexample!.confirmation.status = 'verified';
    expect(fixturesFromReport(copy).length).toBe(confirmed.length - 1);
    first.counterexample!.confirmation.status = 'violated';
    first.status = 'verified';
    expect(fixturesFromReport(copy).length).toBe(confirmed.length - 1);
    const { claim, k } = confirmed[0];
    const noSeed = k.counterexample!.replay.replace(/--seed \S+ ?/, '');
    expect(() => fixtureOf(report, claim.id, k.id, { ...k.counterexample!, replay: noSeed })).toThrow(
      /^recordCounterexamples: --seed must be a number in .*, got undefined$/,
    );
    expect(() => fixtureOf(report, claim.id, k.id, { ...k.counterexample!, replay: 'npm run verify' })).toThrow(/^parseReplayCommand: not a replay command/);
  });

  it('writeFixtures writes <claim>--<control>.json atomically (no temporary file left), one JSON document per file ending in a newline', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-'));
    const out = path.join(dir, 'nested');
    const fx = fixturesFromReport(report);
    const files = writeFixtures(fx, out);
    expect(files).toEqual(fx.map((f) => path.join(out, fixtureFile(f))));
    expect(fs.readdirSync(out).sort()).toEqual(fx.map(fixtureFile).sort());
    for (const [i, file] of files.entries()) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text.endsWith('}\n')).toBe(true);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(fx[i])));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

import { describe, expect, it } from 'vitest';
import { allClaims } from '../src/theorems/index.js';
import { loadConstants } from '../src/verify/constants.js';
import { planRun, verifyRun } from '../src/verify/engine.js';
import { verifyRunParallel } from '../src/verify/parallelRun.js';
import { selectClaims } from '../src/verify/registry.js';
import { controlTask, decideMainTask, type RunTaskArgs } from '../src/verify/runTasks.js';
import { DEFAULT_SEED } from '../src/verify/seeds.js';

/**
 * The worker-thread tasks of `verify --workers N`, run in this thread: each returns exactly what the
 * single-threaded engine computes for the same configuration or control (the cross-thread test with
 * real workers is in determinism.test.ts). Timing fields aside.
 */

const constants = loadConstants();
const claims = selectClaims(allClaims, ['engine.holm-fwer', 'engine.clopper-pearson-coverage']);
const opts = { claims, profile: 'smoke' as const, masterSeed: DEFAULT_SEED, constants };
const noTimes = <T>(v: T): T => JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'durationMs' ? 0 : x))) as T;

describe('worker tasks (runTasks.ts) in this thread', () => {
  const report = verifyRun(opts);
  const plan = planRun(opts);
  const args = (claimId: string): RunTaskArgs => ({ claimId, profile: 'smoke', masterSeed: DEFAULT_SEED, perTest: plan.perTest, beta: 0.1, constants });

  it('decideMainTask = the engine’s phase-1 decision of the same configuration', () => {
    plan.claims.forEach(({ claim, configs }, ci) => {
      configs.forEach((params, i) => {
        const r = decideMainTask({ ...args(claim.id), params });
        const cfg = report.claims[ci].configurations[i];
        expect(cfg.params).toEqual(params);
        expect(noTimes(r.outcomes.map((o) => o.evidence))).toEqual(noTimes(cfg.checks.map((c) => c.evidence)));
      });
    });
  });

  it('controlTask = the engine’s control result (counterexample, replay, confirmation)', () => {
    plan.claims.forEach(({ claim }, ci) => {
      claim.controls.forEach((_, idx) => {
        expect(noTimes(controlTask({ ...args(claim.id), controlIndex: idx }))).toEqual(noTimes(report.claims[ci].controls[idx]));
      });
    });
  });

  it('unknown claims and control indices are named; workers ≤ 1 is the single-threaded engine', async () => {
    expect(() => decideMainTask({ ...args('coin.nope'), params: {} })).toThrow(/verify workers: claim "coin.nope" is not in the registry/);
    expect(() => controlTask({ ...args('engine.holm-fwer'), controlIndex: 5 })).toThrow(/controlIndex must be an integer in \[0, 0\] for engine.holm-fwer, got 5/);
    expect(() => controlTask({ ...args('engine.holm-fwer'), controlIndex: -1 })).toThrow(/got -1/);
    const one = await verifyRunParallel({ ...opts, claims: claims.slice(0, 1), workers: 1 });
    expect(noTimes(one.claims)).toEqual(noTimes(verifyRun({ ...opts, claims: claims.slice(0, 1) }).claims));
    await expect(verifyRunParallel({ ...opts, workers: 1.5 })).rejects.toThrow(/workers must be an integer ≥ 0, got 1.5/);
  });
});

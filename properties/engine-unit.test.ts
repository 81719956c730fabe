import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overrideControl } from '../src/core/claim/controls.js';
import { planRun, replayDecision, verifyRun, type ProgressEvent } from '../src/core/engine/engine.js';
import { probabilityCheck } from '../src/core/checks/probability.js';
import type { Budget, Claim, Hypotheses, Profile } from '../src/core/claim/types.js';

/**
 * The verify engine on synthetic claims whose truth is known and whose trials cost microseconds:
 * "a coin with P(heads) = q/100 shows heads with probability ≥ 0.9". It pins the engine's
 * contract — statuses, the family size and per-test level α/m, Holm thresholds, shrinking to the
 * smallest failing configuration, confirmation, controls, observations, shards, progress and
 * replay — without any network (the theory gates exercise the same engine at full size).
 */

type Coin = { q: number; impl: string };

const budget: Budget = { configurations: 6, trials: 2000, controlConfigurations: 3, shrinkCalls: 40 };
const profiles: Record<Profile, Budget> = { smoke: budget, standard: budget, paper: { ...budget, fixedSample: true, trials: 500 } };

/** Coins with q in [lo, hi] (percent). */
function coins(lo: number, hi: number): Hypotheses<Coin> {
  return {
    describe: () => ({ q: `[${lo}, ${hi}]` }),
    arbitrary: () => fc.record({ q: fc.integer({ min: lo, max: hi }), impl: fc.constant('reference') }),
    validate: (p) => (p.q >= lo && p.q <= hi ? null : `q must be in [${lo}, ${hi}], got ${p.q}`),
  };
}

const heads = probabilityCheck<Coin>({
  name: 'heads-rate',
  describe: 'P(heads) ≥ 0.9',
  target: () => 0.9,
  delta: 0.05,
  // A run-level implementation override "tails" makes every coin land tails (a broken implementation).
  event: (p, rng) => p.impl !== 'tails' && rng.uniform() < p.q / 100,
});

function coinClaim(id: string, lo: number, hi: number, extra: Partial<Claim<Coin>> = {}): Claim<Coin> {
  return {
    id,
    paper: 'engine',
    statement: `a coin with q ∈ [${lo}, ${hi}] shows heads with probability ≥ 0.9`,
    hypotheses: coins(lo, hi),
    checks: [heads],
    controls: [overrideControl('fair-coin', 'a fair coin (q = 50) must be rejected', coins(lo, hi), { q: 50 })],
    profiles,
    ...extra,
  };
}

/** A true claim: every coin in [96, 100] shows heads with probability ≥ 0.9. */
const good = coinClaim('coin.good', 96, 100);
const asClaims = (...c: Claim<Coin>[]): Claim[] => c as Claim[];
const run = (claims: Claim[], extra: Partial<Parameters<typeof verifyRun>[0]> = {}) =>
  verifyRun({ claims, profile: 'smoke', masterSeed: 7, constants: {}, ...extra });

describe('verify engine on synthetic coin claims', () => {
  const bad = coinClaim('coin.bad', 40, 100); // false for q < 90: must be violated, shrunk towards q = 89
  const report = run(asClaims(good, bad));
  const [g, b] = report.claims;

  it('a true claim is verified, a false one violated with a shrunk, confirmed counterexample', () => {
    expect(g.status).toBe('verified');
    expect(g.configurations).toHaveLength(6);
    expect(g.configurations.every((c) => c.status === 'verified')).toBe(true);
    expect(b.status).toBe('violated');
    const cx = b.counterexample;
    expect(cx).toBeDefined();
    expect(cx?.confirmation.status).toBe('violated');
    expect(cx?.check).toBe('heads-rate');
    // Shrinking moves q up towards the boundary (fast-check shrinks integers towards 40, the smallest
    // allowed value, but every candidate above ≈ 88 passes): the result is a failing coin, q < 90.
    expect((cx?.params.q as number) < 90).toBe(true);
    expect(cx?.replay).toContain('--claim coin.bad');
    expect(cx?.replay).toMatch(/--stream '?main'? /);
  });

  it('the family counts every configuration × check; per-test α/m is what sequential tests used; Holm thresholds in [α/m, α]', () => {
    expect(report.statistics).toEqual({ alpha: 0.01, beta: 0.1, correction: 'holm', family: 12 });
    for (const c of report.claims) {
      for (const cfg of c.configurations) {
        expect(cfg.checks[0].evidence.alpha).toBeCloseTo(0.01 / 12, 15);
        expect(cfg.checks[0].holmThreshold).toBeGreaterThanOrEqual(0.01 / 12 - 1e-18);
        expect(cfg.checks[0].holmThreshold).toBeLessThanOrEqual(0.01);
      }
    }
    const plan = planRun({ claims: asClaims(good, bad), profile: 'smoke', masterSeed: 7, constants: {} });
    expect(plan.family).toBe(12);
    expect(plan.perTest).toBeCloseTo(0.01 / 12, 15);
    expect(plan.claims.map((c) => c.configs.length)).toEqual([6, 6]);
  });

  it('controls are violated with counterexamples; the summary counts claims and controls', () => {
    for (const c of report.claims) {
      expect(c.controls).toHaveLength(1);
      expect(c.controls[0].status).toBe('violated');
      expect(c.controls[0].params.q).toBe(50);
      expect(c.controls[0].counterexample?.replay).toContain('--control fair-coin');
    }
    expect(report.summary).toEqual({ verified: 1, violated: 1, inconclusive: 0, controlsFailedAsExpected: 2, controlsTotal: 2 });
    expect(report.masterSeed).toBe(7);
    expect(report.profile).toBe('smoke');
    expect(report.schemaVersion).toBe(1);
  });

  it('replayDecision reproduces the counterexample and its confirmation exactly', () => {
    const cx = b.counterexample!;
    const at = { profile: 'smoke' as const, masterSeed: 7, alpha: 0.01 / 12, threshold: 0.01, constants: {} };
    const main = replayDecision(bad, cx.params, { ...at, stream: 'main' });
    expect(main.status).toBe('violated');
    const confirm = replayDecision(bad, cx.params, { ...at, stream: 'main/confirm' });
    expect(confirm.outcomes[0].evidence).toEqual(cx.confirmation.evidence);
    const ctl = replayDecision(good, { q: 50, impl: 'reference' }, { ...at, stream: 'control:fair-coin', controlId: 'fair-coin' });
    expect(ctl.status).toBe('violated');
    expect(() => replayDecision(good, { q: 50, impl: 'reference' }, { ...at, stream: 'x', controlId: 'nope' })).toThrow(
      /claim coin.good has no control "nope"; known: fair-coin/,
    );
    // A configuration outside the hypotheses is refused (only controls may leave them).
    expect(() => replayDecision(good, { q: 50, impl: 'reference' }, { ...at, stream: 'main' })).toThrow(
      /coin.good: configuration .* is outside the hypotheses: q must be in \[96, 100\], got 50/,
    );
  });

  it('a run-level implementation override reaches the checks (and breaks a true claim)', () => {
    const broken = run(asClaims(good), { impl: 'tails', skipControls: true });
    expect(broken.claims[0].status).toBe('violated');
    expect(broken.claims[0].controls).toEqual([]);
    expect(broken.claims[0].counterexample?.replay).toContain('--impl tails');
  });

  it('a control that does not fail is reported as such (not silently violated)', () => {
    const weak = coinClaim('coin.weak-control', 96, 100, { controls: [overrideControl('biased-coin', 'q = 99 is no control', coins(96, 100), { q: 99 })] });
    const r = run(asClaims(weak));
    expect(r.claims[0].controls[0].status).toBe('verified');
    expect(r.summary.controlsFailedAsExpected).toBe(0);
    expect(r.summary.controlsTotal).toBe(1);
  });

  it('observations are reported but excluded from the family and the summary; known failures are carried', () => {
    const obs = coinClaim('coin.observation', 40, 60, { observational: true, controls: [] });
    const kf = coinClaim('coin.known', 40, 60, { knownFailure: { status: 'violated', reason: 'a fair coin' }, controls: [] });
    const r = run(asClaims(good, obs, kf), { skipControls: true });
    expect(r.statistics.family).toBe(12);
    expect(r.claims[1].observational).toBe(true);
    expect(r.claims[1].status).toBe('violated');
    expect(r.claims[2].knownFailure).toEqual({ status: 'violated', reason: 'a fair coin' });
    expect(r.summary.verified + r.summary.violated + r.summary.inconclusive).toBe(2);
  });

  it('shards partition the configurations and keep the whole run’s α/m; progress reports every configuration and claim', () => {
    const all = [...g.configurations, ...b.configurations].map((c) => JSON.stringify(c.params)).sort();
    const parts = [1, 2, 3].map((i) => run(asClaims(good, bad), { shard: { index: i, count: 3 }, skipControls: true }));
    const union = parts.flatMap((r) => r.claims.flatMap((c) => c.configurations.map((cf) => JSON.stringify(cf.params)))).sort();
    expect(union).toEqual(all);
    for (const r of parts) expect(r.statistics.family).toBe(12);
    const empty = run(asClaims(coinClaim('coin.one', 96, 100, { profiles: { ...profiles, smoke: { ...budget, configurations: 1 } } })), {
      shard: { index: 2, count: 2 },
      skipControls: true,
    });
    expect(empty.claims[0].status).toBe('inconclusive');
    expect(empty.claims[0].reason).toBe('no configuration of this claim in this shard');
    const events: ProgressEvent[] = [];
    run(asClaims(good), { onProgress: (e) => events.push(e) });
    expect(events.filter((e) => e.phase === 'configuration' && e.configsDone === e.configsTotal).length).toBeGreaterThanOrEqual(1);
    expect(events.some((e) => e.phase === 'control')).toBe(true);
    expect(events.at(-1)).toMatchObject({ claim: 'coin.good', phase: 'done', status: 'verified', configsDone: 6 });
  });

  it('the paper profile runs a fixed sample (every trial) with an exact binomial p-value', () => {
    const r = run(asClaims(good, bad), { profile: 'paper', skipControls: true });
    for (const c of r.claims) for (const cfg of c.configurations) expect(cfg.checks[0].evidence.trials).toBe(500);
    expect(r.claims[0].status).toBe('verified');
    expect(r.claims[1].status).toBe('violated');
    expect(r.claims[0].configurations[0].checks[0].evidence.test).toMatch(/exact one-sided binomial test/);
  });
});

describe('verify engine: report fields, figures, shrink budget and the decision cache', () => {
  /** A coin claim whose check records one figure row per trial (to exercise figure merging). */
  function figureClaim(id: string, lo: number, hi: number, rows: number): Claim<Coin> {
    const check = probabilityCheck<Coin>({
      name: 'heads-rate',
      describe: 'P(heads) ≥ 0.9',
      target: () => 0.9,
      delta: 0.05,
      event: (p, rng, _ctx, record) => {
        record({ q: p.q });
        return rng.uniform() < p.q / 100;
      },
      summarise: (r) => ({ measured: { rows: r.length }, figures: [{ id: 'rows', title: 'rows', data: r.slice(0, rows) }] }),
    });
    return { ...coinClaim(id, lo, hi), checks: [check], constants: ['C'] };
  }

  it('claim fields: kind, checks, hypotheses, constants read, figures merged across configurations with their index', () => {
    const constants = {
      C: { value: 2, ci: [1, 3] as [number, number], calibratedOn: { seed: 's', profile: 'standard' as const, method: 'm' } },
      D: { value: 5, ci: [5, 5] as [number, number], calibratedOn: { seed: 's', profile: 'standard' as const, method: 'm' } },
    };
    const r = verifyRun({
      claims: asClaims(figureClaim('coin.fig', 96, 100, 3)),
      profile: 'smoke',
      masterSeed: 7,
      constants,
      skipControls: true,
      toolVersion: '9.9.9',
    });
    const c = r.claims[0];
    expect(c.kind).toBe('probability');
    expect(c.checks).toEqual([{ name: 'heads-rate', kind: 'probability', describe: 'P(heads) ≥ 0.9' }]);
    expect(c.hypotheses).toEqual({ q: '[96, 100]' });
    expect(c.constants).toEqual({ C: constants.C });
    expect(c.figures).toHaveLength(1);
    expect(c.figures![0].data).toHaveLength(3 * 6);
    expect(c.figures![0].data.map((row) => row.config)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
    expect(r.tool).toEqual({ name: 'robustness-proofs', version: '9.9.9' });
    expect(r.environment.cpus).toBeGreaterThanOrEqual(1);
    expect(r.environment.platform).toBe(`${process.platform}-${process.arch}`);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(c.durationMs).toBeGreaterThanOrEqual(c.configurations.reduce((s, cf) => s + cf.durationMs, 0));
    // The headline evidence is the worst configuration's; its note counts every trial of the claim.
    const total = c.configurations.reduce((s, cf) => s + cf.checks[0].evidence.trials, 0);
    expect(c.evidence.note).toContain(`worst of 6 configurations (${total} trials in all)`);
    expect(c.evidence.pValue).toBe(Math.min(...c.configurations.map((cf) => cf.evidence.pValue)));
    expect(verifyRun({ claims: asClaims(good), profile: 'smoke', masterSeed: 7, constants: {}, skipControls: true }).tool.version).toBe('0.1.0');
  });

  it('figures are capped at 5000 rows per claim', () => {
    // Fixed samples of 2000 trials, all recorded: 6 × 2000 rows offered.
    const many = { ...figureClaim('coin.many', 96, 100, 2000), profiles: { ...profiles, smoke: { ...budget, fixedSample: true } } };
    const r = verifyRun({ claims: asClaims(many), profile: 'smoke', masterSeed: 7, constants: {}, skipControls: true });
    expect(r.claims[0].figures![0].data).toHaveLength(5000);
  });

  it('shrinking decides at most shrinkCalls candidates after the first failure; each configuration is decided once (cache)', () => {
    let decisions = 0;
    const counting = probabilityCheck<Coin>({ name: 'heads-rate', describe: '', target: () => 0.9, delta: 0.05, event: (p, rng) => rng.uniform() < p.q / 100 });
    const wrapped = { ...counting, decide: (p: Coin, ctx: Parameters<typeof counting.decide>[1]) => ((decisions += 1), counting.decide(p, ctx)) };
    const mk = (shrinkCalls: number): Claim<Coin> => ({
      ...coinClaim('coin.shrink', 40, 100),
      checks: [wrapped],
      profiles: { ...profiles, smoke: { ...budget, shrinkCalls } },
    });
    decisions = 0;
    const none = verifyRun({ claims: asClaims(mk(0)), profile: 'smoke', masterSeed: 7, constants: {}, skipControls: true });
    const d0 = decisions;
    decisions = 0;
    const some = verifyRun({ claims: asClaims(mk(40)), profile: 'smoke', masterSeed: 7, constants: {}, skipControls: true });
    expect(none.claims[0].status).toBe('violated');
    expect(some.claims[0].status).toBe('violated');
    // With a cap of 0 the first failing configuration is kept (no shrink step is decided).
    expect(none.claims[0].counterexample?.shrinks).toBe(0);
    expect((some.claims[0].counterexample?.shrinks ?? 0) > 0).toBe(true);
    expect(decisions).toBeGreaterThan(d0);
    // 6 configurations + the confirmation; the re-found failing configuration comes from the cache.
    expect(d0).toBe(6 + 1);
    expect(decisions).toBeLessThanOrEqual(6 + 40 + 1 + 1);
  });

  it('an observational claim never enters Holm: its violation does not raise the other claims’ thresholds', () => {
    const obs = coinClaim('coin.obs', 40, 60, { observational: true, controls: [] });
    const alone = run(asClaims(good), { skipControls: true });
    const withObs = run(asClaims(good, obs), { skipControls: true });
    expect(withObs.claims[0].configurations.map((c) => c.checks[0].holmThreshold)).toEqual(
      alone.claims[0].configurations.map((c) => c.checks[0].holmThreshold),
    );
    expect(withObs.claims[1].status).toBe('violated');
  });
});

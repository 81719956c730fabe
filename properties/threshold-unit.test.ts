import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Stream } from '../src/core/random/stream.js';
import { clopperPearson, clopperPearsonLower, clopperPearsonUpper } from '../src/core/stats/intervals.js';
import { Sprt } from '../src/core/stats/sprt.js';
import { findThreshold, ProbeRunner, thresholdCheck, type ThresholdSearch } from '../src/core/checks/threshold.js';
import type { Budget, DecisionContext } from '../src/core/claim/types.js';

/**
 * The threshold machinery (src/core/checks/threshold.ts) on events whose outcome is a known
 * function of the trial index (decoded from the trial stream's seed), so that every count, p-value
 * and report field has an exact expected value: the probe's SPRTs against the Sprt class fed the
 * same outcomes, the bisection on exact steps, and every evidence field of the check.
 */

const root = new Stream('threshold-unit');
/** Trial index of a trial stream root.child('trial', t) (t < 5000). */
const trialIndex = new Map<string, number>(Array.from({ length: 5000 }, (_, t) => [root.child('trial', t).seed, t]));
const indexOf = (rng: Stream): number => {
  const t = trialIndex.get(rng.seed);
  if (t === undefined) throw new Error(`not a trial stream of the test root: ${rng.seed}`);
  return t;
};

function search(over: Partial<ThresholdSearch> = {}): ThresholdSearch {
  return { event: () => true, p0: 0.9, delta: 0.1, alpha: 1e-3, beta: 0.1, cap: 400, rng: root, lo: 1, hi: 50, integer: true, ...over };
}

/** Outcomes fed to a fresh pair of SPRTs (as the probe builds them) until `stop` says so or the cap. */
function oracle(s: ThresholdSearch, outcome: (t: number) => boolean, stop: (hold: Sprt, fail: Sprt) => boolean) {
  const hold = new Sprt({ p0: s.p0, delta: s.delta, alpha: s.alpha, beta: s.beta });
  const fail = new Sprt({ p0: Math.min(1, 1 - s.p0 + s.delta), delta: s.delta, alpha: s.alpha, beta: s.beta });
  let t = 0;
  let successes = 0;
  while (!stop(hold, fail) && t < s.cap) {
    const ok = outcome(t);
    hold.observe(ok);
    fail.observe(!ok);
    if (ok) successes++;
    t++;
  }
  return { trials: t, successes, pHolds: hold.pValue(), pFails: fail.pValue() };
}

/**
 * The check's bound probe on an exact step (the property always holds at the upper bound, never at
 * the lower): its test runs until it decides, and a rejection continues until p ≤ strictP.
 */
function boundProbe(side: 'upper' | 'lower', strictP: number) {
  const stops = (t: Sprt): boolean => t.decision !== 'continue' && (t.decision !== 'reject-h0' || t.pValue() <= strictP);
  return side === 'upper'
    ? oracle(
        search(),
        () => true,
        (h) => stops(h),
      )
    : oracle(
        search(),
        () => false,
        (_h, f) => stops(f),
      );
}

describe('ProbeRunner: one probe = two SPRTs on the trial streams rng.child(trial, t)', () => {
  it('bad p0, delta and cap are named with the allowed range', () => {
    for (const p0 of [0, 1.5, NaN]) expect(() => new ProbeRunner(search({ p0 }))).toThrow(new RegExp(`^threshold: p0 must be in \\(0, 1\\], got ${p0}$`));
    expect(() => new ProbeRunner(search({ p0: 1 }))).not.toThrow();
    for (const delta of [0, 0.9, 1, NaN])
      expect(() => new ProbeRunner(search({ delta }))).toThrow(new RegExp(`^threshold: delta must be in \\(0, p0=0.9\\), got ${delta}$`));
    for (const cap of [0, 1.5, NaN]) expect(() => new ProbeRunner(search({ cap }))).toThrow(new RegExp(`^threshold: cap must be an integer ≥ 1, got ${cap}$`));
    expect(() => new ProbeRunner(search({ cap: 1 }))).not.toThrow();
  });

  test.prop([fc.integer({ min: 0, max: 30 }), fc.constantFrom<'hold' | 'fail'>('hold', 'fail'), fc.integer({ min: 1, max: 9 })])(
    'trials, successes, decision and both p-values are those of the SPRTs fed the same outcomes; the same streams at every value (common random numbers)',
    (failEvery, until, v) => {
      // outcome of trial t: false every `failEvery`-th trial (never when 0)
      const outcome = (t: number): boolean => !(failEvery > 0 && t % failEvery === failEvery - 1);
      const seen: Array<[number, number]> = [];
      const s = search({ event: (value, rng) => (seen.push([value, indexOf(rng)]), outcome(indexOf(rng))) });
      const r = new ProbeRunner(s).probe(v, until);
      const o = oracle(s, outcome, (h, f) => (until === 'hold' ? h : f).decision !== 'continue');
      expect([r.value, r.trials, r.successes]).toEqual([v, o.trials, o.successes]);
      expect(r.estimate).toBe(o.successes / o.trials);
      expect(r.pHolds).toBe(o.pHolds);
      expect(r.pFails).toBe(o.pFails);
      expect(seen).toEqual(Array.from({ length: o.trials }, (_, t) => [v, t]));
      const h = new Sprt({ p0: 0.9, delta: 0.1, alpha: 1e-3, beta: 0.1 });
      const f = new Sprt({ p0: 0.2, delta: 0.1, alpha: 1e-3, beta: 0.1 });
      for (let t = 0; t < o.trials; t++) {
        h.observe(outcome(t));
        f.observe(!outcome(t));
      }
      const test = until === 'hold' ? h : f;
      const expected = test.decision === 'continue' ? 'undecided' : (test.decision === 'accept-h0') === (until === 'hold') ? 'holds' : 'fails';
      expect(r.decision).toBe(expected);
      if (r.decision !== 'undecided') expect(r.holds).toBe(r.decision === 'holds');
      const w = new ProbeRunner(search({ event: (value, rng) => (seen.push([value, indexOf(rng)]), outcome(indexOf(rng))) }));
      seen.length = 0;
      w.probe(v + 1, until);
      expect(seen.map(([, t]) => t)).toEqual(Array.from({ length: o.trials }, (_, t) => t));
    },
  );

  it('at the cap the probe is undecided and classified by P̂ ≥ p0 − δ/2 (inclusive)', () => {
    // p0 = 0.75, δ = 0.5: the classification boundary p0 − δ/2 = 0.5 is exact; 20 trials cannot decide
    for (const [failures, holds] of [
      [10, true],
      [11, false],
    ] as const) {
      const s = search({ p0: 0.75, delta: 0.5, alpha: 1e-9, beta: 1e-9, cap: 20, event: (_v, rng) => indexOf(rng) >= failures });
      const r = new ProbeRunner(s).probe(3);
      expect(r.decision).toBe('undecided');
      expect(r.trials).toBe(20);
      expect(r.holds).toBe(holds);
    }
  });

  it('strictP: a test that rejected keeps sampling until its anytime-valid p-value ≤ strictP', () => {
    const s = search({ event: () => true, cap: 5000 });
    const plain = new ProbeRunner(s).probe(2, 'fail');
    expect(plain.decision).toBe('holds');
    const strict = new ProbeRunner(s).probe(2, 'fail', 1e-8);
    const o = oracle(
      s,
      () => true,
      (_h, f) => f.decision === 'reject-h0' && f.pValue() <= 1e-8,
    );
    expect(strict.trials).toBe(o.trials);
    expect(strict.trials).toBeGreaterThan(plain.trials);
    expect(strict.pFails).toBeLessThanOrEqual(1e-8);
    expect(strict.decision).toBe('holds');
    // a strictP already met stops at the boundary
    expect(new ProbeRunner(s).probe(2, 'fail', 1).trials).toBe(plain.trials);
  });

  it('probes are cached and extended: a repeated probe runs no trials, the other test continues where the first stopped; all() is sorted; progress every 50 trials', () => {
    const calls: number[] = [];
    const progress: number[] = [];
    const s = search({ event: (_v, rng) => (calls.push(indexOf(rng)), indexOf(rng) % 3 !== 2), cap: 120, progress: (n) => progress.push(n) });
    const runner = new ProbeRunner(s);
    const a = runner.probe(7, 'hold');
    const n1 = calls.length;
    expect(runner.probe(7, 'hold')).toEqual(a);
    expect(calls.length).toBe(n1);
    const b = runner.probe(7, 'fail');
    expect(b.trials).toBeGreaterThanOrEqual(a.trials);
    expect(calls).toEqual(Array.from({ length: b.trials }, (_, t) => t));
    runner.probe(3, 'hold');
    runner.probe(5, 'hold');
    expect(runner.all().map((r) => r.value)).toEqual([3, 5, 7]);
    expect(runner.totalTrials).toBe(calls.length);
    expect(progress).toEqual(Array.from({ length: Math.floor(calls.length / 50) }, (_, i) => 50 * (i + 1)));
    // all() reports the "holds" test's decision when it decided, else the "fails" test's
    const r7 = runner.all()[2];
    expect(r7.trials).toBe(b.trials);
  });
});

/** An exact step: P(E_v) = 1 on the holds side of t, 0 on the other. */
const step =
  (t: number, below = false) =>
  (v: number): boolean =>
    below ? v <= t : v >= t;

describe('findThreshold on exact steps', () => {
  it('bad ranges are named', () => {
    expect(() => findThreshold(search({ lo: 0, hi: 10 }))).toThrow(/^findThreshold: need 0 < lo ≤ hi, got \[0, 10\]$/);
    expect(() => findThreshold(search({ lo: 5, hi: 4 }))).toThrow(/^findThreshold: need 0 < lo ≤ hi, got \[5, 4\]$/);
  });

  test.prop([fc.integer({ min: 1, max: 60 }), fc.boolean()])(
    'integers in a narrow range (no galloping): estimate = holdsAt = t, failsAt = the neighbour, or null at the range end',
    (t, below) => {
      const r = findThreshold(search({ event: (v) => step(t, below)(v), lo: 1, hi: 60, direction: below ? 'holds-below' : 'holds-above' }));
      expect(r.estimate).toBe(t);
      expect(r.holdsAt).toBe(t);
      expect(r.failsAt).toBe(below ? (t === 60 ? null : t + 1) : t === 1 ? null : t - 1);
      expect(r.trials).toBe(r.probes.reduce((s, p) => s + p.trials, 0));
      // bisection: O(log range) probes
      expect(r.probes.length).toBeLessThanOrEqual(10);
    },
  );

  test.prop([fc.integer({ min: 1, max: 3000 })])('wide ranges gallop from lo by doubling: no probe beyond 2t', (t) => {
    const r = findThreshold(search({ event: (v) => step(t)(v), lo: 1, hi: 4096 }));
    expect(r.estimate).toBe(t);
    expect(r.failsAt).toBe(t === 1 ? null : t - 1);
    expect(Math.max(...r.probes.map((p) => p.value))).toBeLessThanOrEqual(Math.max(1, 2 * t));
  });

  test.prop([fc.double({ min: 1.2, max: 9, noNaN: true }), fc.constantFrom(undefined, 0.05, 0.001)])(
    'reals: the bracket [failsAt, holdsAt] contains t with ratio ≤ 1 + relTol (default 0.01)',
    (t, relTol) => {
      const r = findThreshold(search({ event: (v) => step(t)(v), lo: 1, hi: 10, integer: false, relTol }));
      expect(r.failsAt as number).toBeLessThan(t);
      expect(r.holdsAt as number).toBeGreaterThanOrEqual(t);
      expect((r.holdsAt as number) / (r.failsAt as number)).toBeLessThanOrEqual(1 + (relTol ?? 0.01));
      // and not much finer than asked: the last bisection halved a bracket wider than the tolerance
      expect((r.holdsAt as number) / (r.failsAt as number)).toBeGreaterThan(Math.sqrt(1 + (relTol ?? 0.01)) - 1e-12);
    },
  );

  it('never holds: estimate NaN, holdsAt null, failsAt the far end; holds everywhere: failsAt null, estimate lo; maxProbes caps the bisection', () => {
    const never = findThreshold(search({ event: () => false }));
    expect(never.estimate).toBeNaN();
    expect(never.holdsAt).toBeNull();
    expect(never.failsAt).toBe(50);
    const neverWide = findThreshold(search({ event: () => false, hi: 1000 }));
    expect(neverWide.holdsAt).toBeNull();
    expect(neverWide.probes.map((p) => p.value)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000]);
    const always = findThreshold(search({ event: () => true }));
    expect([always.estimate, always.holdsAt, always.failsAt]).toEqual([1, 1, null]);
    const alwaysBelow = findThreshold(search({ event: () => true, direction: 'holds-below' }));
    expect([alwaysBelow.estimate, alwaysBelow.failsAt]).toEqual([50, null]);
    const capped = findThreshold(search({ event: (v) => step(1234.5)(v), lo: 1, hi: 4096, integer: false, relTol: 1e-9, maxProbes: 20 }));
    expect(capped.probes.length).toBeLessThanOrEqual(20 + 2);
    expect(capped.holdsAt as number).toBeGreaterThanOrEqual(1234.5);
  });

  it('probes already in the runner seed the bracket (the check’s bound probes are reused)', () => {
    const s = search({ event: (v) => step(20)(v), lo: 1, hi: 50 });
    const runner = new ProbeRunner(s);
    runner.probe(19, 'fail');
    runner.probe(20, 'hold');
    const r = findThreshold(s, runner);
    expect([r.failsAt, r.holdsAt]).toEqual([19, 20]);
    expect(r.probes.map((p) => p.value)).toEqual([19, 20]);
  });
});

type TP = { t: number; lower?: number; upper?: number; p0?: number };
const ctx = (budget: Partial<Budget> = {}, progress: number[] = []): DecisionContext => ({
  rng: root,
  alpha: 1e-3,
  beta: 0.1,
  budget: { configurations: 1, trials: 400, ...budget },
  profile: 'smoke',
  constants: {},
  progress: (n) => progress.push(n),
});
const check = (
  over: { delta?: number | ((p: TP) => number); bisect?: boolean; measured?: boolean; range?: { lo: number; hi: number; integer: boolean } } = {},
) =>
  thresholdCheck<TP>({
    name: 'step',
    describe: 'an exact step at t',
    event: (p, v) => v >= p.t,
    target: (p) => p.p0 ?? 0.9,
    delta: over.delta ?? 0.1,
    search: () => over.range ?? { lo: 1, hi: 4096, integer: true },
    bounds: (p) => ({ lower: p.lower, upper: p.upper }),
    ...(over.bisect === undefined ? {} : { bisect: () => over.bisect as boolean }),
    ...(over.measured ? { measured: (p: TP, r) => ({ law: 2 * p.t, probed: r.probes.length }) } : {}),
  });

describe('thresholdCheck: the bound probes, the bracket and every field of the evidence', () => {
  it('a true bracket: both bound probes decide on their claim side; evidence, note and figure are exact', () => {
    const progress: number[] = [];
    const o = check({ measured: true }).decide({ t: 100, lower: 50, upper: 200 }, ctx({}, progress));
    // bound probes stop as the check asks: the test decided, and a rejection only once p ≤ α/2 (strictP)
    const up = boundProbe('upper', 5e-4);
    const low = boundProbe('lower', 5e-4);
    const e = o.evidence;
    expect(o.sufficient).toBe(true);
    expect(o.rejectedEarly).toBe(false);
    expect(e.test).toBe('threshold: bisection, Wald SPRT per probe (common random numbers); bound probes tested');
    expect([e.alpha, e.beta, e.delta, e.target, e.estimate]).toEqual([1e-3, 0.1, 0.1, 0.9, 100]);
    expect(e.ci).toEqual([100, 100]);
    expect(e.pValue).toBe(Math.min(1, 2 * Math.min(up.pHolds, low.pFails)));
    const m = e.measured as Record<string, number>;
    expect(m.upperBound).toBe(200);
    expect(m.lowerBound).toBe(50);
    expect([m.upperProbeAt, m.upperProbeEstimate, m.upperProbeTrials]).toEqual([200, 1, up.trials]);
    expect([m.lowerProbeAt, m.lowerProbeEstimate, m.lowerProbeTrials]).toEqual([50, 0, low.trials]);
    expect([m.failsAt, m.holdsAt, m.law]).toEqual([99, 100, 200]);
    expect(m.probes).toBe(m.probed);
    expect(e.trials).toBeGreaterThan(up.trials + low.trials);
    expect(e.note).toBe(
      `upper bound holds at 200: holds (P̂ = 1.000, ${up.trials} trials); lower bound fails at 50: fails (P̂ = 0.000, ${low.trials} trials); threshold in [100, 100]`,
    );
    expect(progress[progress.length - 1]).toBe(e.trials);
    const fig = o.figures?.[0];
    expect(fig).toMatchObject({
      id: 'step',
      title: 'step: P(property) at each probe (target 0.9)',
      mark: 'scatter',
      x: 'v',
      y: 'estimate',
      logX: true,
      rules: [{ y: 0.9, label: 'p0' }],
    });
    expect((fig?.data as Array<{ v: number }>).map((d) => d.v)).toEqual([...(fig?.data as Array<{ v: number }>).map((d) => d.v)].sort((a, b) => a - b));
    expect(fig?.data).toContainEqual({ v: 200, estimate: 1, trials: up.trials, decision: 'holds' });
  });

  it('a wrong upper bound fails early with a small p-value; a wrong lower bound too', () => {
    const up = check().decide({ t: 100, lower: 50, upper: 80 }, ctx());
    expect(up.sufficient).toBe(false);
    expect(up.rejectedEarly).toBe(true);
    expect(up.evidence.pValue).toBeLessThanOrEqual(1e-3);
    expect(up.evidence.note).toMatch(/^upper bound holds at 80: fails \(P̂ = 0\.000, \d+ trials\); lower bound fails at 50: fails/);
    const lo = check().decide({ t: 100, lower: 150, upper: 300 }, ctx());
    expect(lo.sufficient).toBe(false);
    expect(lo.rejectedEarly).toBe(true);
    expect(lo.evidence.note).toMatch(/lower bound fails at 150: holds \(P̂ = 1\.000/);
  });

  it('bounds are rounded outward to integers (⌈upper⌉, ⌊lower⌋, up to 1e-9); a lower bound below the range and missing bounds are not tested', () => {
    const m = (p: TP) => check().decide(p, ctx()).evidence.measured as Record<string, number>;
    expect([m({ t: 100, lower: 50.7, upper: 150.2 }).lowerProbeAt, m({ t: 100, lower: 50.7, upper: 150.2 }).upperProbeAt]).toEqual([50, 151]);
    expect([
      m({ t: 100, lower: 49.9999999999, upper: 150.0000000001 }).lowerProbeAt,
      m({ t: 100, lower: 49.9999999999, upper: 150.0000000001 }).upperProbeAt,
    ]).toEqual([50, 150]);
    // an upper bound below lo is probed at lo
    expect(check().decide({ t: 1, upper: 0.2 }, ctx()).evidence.measured).toMatchObject({ upperProbeAt: 1 });
    const noLower = check().decide({ t: 100, lower: 0.5, upper: 200 }, ctx());
    expect(noLower.evidence.measured).not.toHaveProperty('lowerProbeAt');
    expect(noLower.evidence.measured).toHaveProperty('lowerBound', 0.5);
    const upOnly = boundProbe('upper', 1e-3);
    expect(noLower.evidence.pValue).toBe(Math.min(1, upOnly.pHolds));
    const none = check().decide({ t: 100 }, ctx());
    expect(none.evidence.pValue).toBe(1);
    expect(none.sufficient).toBe(true);
    expect(none.evidence.note).toBe('threshold in [100, 100]');
    expect(none.evidence.measured).not.toHaveProperty('upperBound');
  });

  it('without bisection (spec or budget.bisect = 0): no estimate, ci = Clopper–Pearson of the bound probe with the smallest p-value', () => {
    for (const o of [
      check({ bisect: false }).decide({ t: 100, lower: 50, upper: 200 }, ctx()),
      check().decide({ t: 100, lower: 50, upper: 200 }, ctx({ bisect: false })),
    ]) {
      const m = o.evidence.measured as Record<string, number>;
      expect(o.evidence.estimate).toBeNaN();
      expect(o.evidence.note).toMatch(/; bisection skipped$/);
      expect(m).not.toHaveProperty('failsAt');
      expect(m).not.toHaveProperty('holdsAt');
      expect(m.probes).toBe(2);
      const up = boundProbe('upper', 5e-4);
      const low = boundProbe('lower', 5e-4);
      // the first bound test (upper) wins ties
      const worst = low.pFails < up.pHolds ? low : up;
      expect(o.evidence.successes).toBe(worst.successes);
      expect(o.evidence.ci).toEqual(clopperPearson(worst.successes, worst.trials, 0.95));
      expect(o.evidence.pValue).toBe(Math.min(1, 2 * Math.min(up.pHolds, low.pFails)));
    }
    expect(check({ bisect: true }).decide({ t: 100, lower: 50, upper: 200 }, ctx({ bisect: false })).evidence.estimate).toBe(100);
  });

  it('δ: a number or a function of the params, capped at p0/2; a property never holding reports it', () => {
    expect(check({ delta: 0.5 }).decide({ t: 10, p0: 0.4 }, ctx()).evidence.delta).toBe(0.2);
    expect(check({ delta: (p) => p.t / 1000 }).decide({ t: 10 }, ctx()).evidence.delta).toBe(0.01);
    const never = check({ range: { lo: 1, hi: 50, integer: true } }).decide({ t: 100 }, ctx());
    expect(never.evidence.note).toBe('property fails even at 50');
    // the threshold lies beyond the range: [51, ∞) (it was reported as the inverted interval [51, 50])
    expect(never.evidence.ci).toEqual([51, Infinity]);
    expect(check({ range: { lo: 1, hi: 50, integer: false } }).decide({ t: 100 }, ctx()).evidence.ci).toEqual([50, Infinity]);
    const always = check().decide({ t: 0.5 }, ctx());
    expect(always.evidence.ci).toEqual([1, 1]);
    // reals: the bracket is [failsAt, holdsAt]
    const real = check({ range: { lo: 1, hi: 10, integer: false } }).decide({ t: 3.3 }, ctx());
    const [lo, hi] = real.evidence.ci as [number, number];
    expect(lo).toBeLessThan(3.3);
    expect(hi).toBeGreaterThanOrEqual(3.3);
  });

  it('at the trial cap a bound probe is judged by the one-sided Clopper–Pearson bound at level β', () => {
    // P̂ = 1 on 15 trials at the upper bound: undecided (the SPRT accepts at 20), lower CP bound 0.1^(1/15) = 0.858 ≥ p0 − δ = 0.8
    const o = check().decide({ t: 1, upper: 5 }, ctx({ trials: 15 }));
    const m = o.evidence.measured as Record<string, number>;
    expect(m.upperProbeTrials).toBe(15);
    expect(o.evidence.note).toMatch(/^upper bound holds at 5: undecided/);
    expect(clopperPearsonLower(15, 15, 0.1)).toBeGreaterThanOrEqual(0.8);
    expect(o.sufficient).toBe(true);
    // with 5 trials the bound 0.1^(1/5) = 0.63 < 0.8: not sufficient, not rejected
    const few = check().decide({ t: 1, upper: 5 }, ctx({ trials: 5 }));
    expect(clopperPearsonLower(5, 5, 0.1)).toBeLessThan(0.8);
    expect(few.sufficient).toBe(false);
    expect(few.rejectedEarly).toBe(false);
    // the lower side: P̂ = 0 on 3 trials, upper CP bound 1 − 0.1^(1/3) = 0.54 ≤ p0 = 0.9
    const lowSide = check().decide({ t: 100, lower: 50 }, ctx({ trials: 3 }));
    expect(clopperPearsonUpper(0, 3, 0.1)).toBeLessThanOrEqual(0.9);
    expect(lowSide.evidence.note).toMatch(/^lower bound fails at 50: (undecided|fails)/);
    expect(lowSide.sufficient).toBe(true);
  });
});

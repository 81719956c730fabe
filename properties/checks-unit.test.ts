import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { deterministicCheck } from '../src/core/checks/deterministic.js';
import { identityCheck } from '../src/core/checks/identity.js';
import { probabilityCheck } from '../src/core/checks/probability.js';
import { scalingCheck } from '../src/core/checks/scaling.js';
import { Stream } from '../src/core/random/stream.js';
import { jStat } from '../src/core/stats/jstat.js';
import { binomialCdf, clopperPearson } from '../src/core/stats/intervals.js';
import type { Budget, DecisionContext } from '../src/core/claim/types.js';

/**
 * The check builders of src/core/checks/ on synthetic quantities with known truth (a constant
 * plus uniform noise, exact power laws, coins), each decision compared with the formula of its doc
 * comment computed here: t-test and t-interval, OLS slope, exact binomial p-value, first failing draw.
 */

type P = { mu: number; slope: number; q: number };
const params: P = { mu: 0, slope: 0.5, q: 0.95 };

function ctx(seed: string, budget: Partial<Budget> = {}, alpha = 1e-3): DecisionContext & { calls: number[] } {
  const calls: number[] = [];
  return {
    rng: new Stream(seed),
    alpha,
    beta: 0.1,
    budget: { configurations: 1, trials: 400, ...budget },
    profile: 'smoke',
    constants: {},
    progress: (n) => calls.push(n),
    calls,
  };
}

describe('identityCheck: E X = v by a t-test and t-interval', () => {
  test.prop(
    [
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.integer({ min: 5, max: 300 }),
    ],
    { numRuns: 40 },
  )('evidence = the t statistic, p = 2T_{n−1}(−|t|), CI x̄ ± t_{.975}s/√n over exactly the draws of rng.child(trial, t)', (mu, offset, seed, n) => {
    const check = identityCheck<P>({
      name: 'mean',
      describe: 'E X = mu',
      sample: (p, rng) => p.mu + rng.uniform() - 0.5,
      expected: (p) => p.mu + offset,
      tolerance: () => 0.05,
    });
    const c = ctx(String(seed), { trials: n });
    const o = check.decide({ ...params, mu }, c);
    const xs = Array.from({ length: n }, (_, t) => mu + new Stream(String(seed)).child('trial', t).uniform() - 0.5);
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    const se = sd / Math.sqrt(n);
    const t = Math.abs(mean - (mu + offset)) / se;
    expect(o.evidence.estimate).toBeCloseTo(mean, 12);
    expect(o.evidence.trials).toBe(n);
    expect(o.evidence.target).toBe(mu + offset);
    expect(o.evidence.pValue).toBeCloseTo(Math.min(1, 2 * jStat.studentt.cdf(-t, n - 1)), 9);
    const tq = jStat.studentt.inv(0.975, n - 1);
    expect(o.evidence.ci[0]).toBeCloseTo(mean - tq * se, 9);
    expect(o.evidence.ci[1]).toBeCloseTo(mean + tq * se, 9);
    expect(o.sufficient).toBe(tq * se <= 0.05);
    expect(c.calls.at(-1)).toBe(n);
  });

  it('constant draws: equal up to rounding ⇒ p = 1; different ⇒ p = 0', () => {
    const exact = identityCheck<P>({ name: 'c', describe: '', sample: () => 0.1 + 0.2, expected: () => 0.3, tolerance: () => 1e-9 });
    expect(exact.decide(params, ctx('c')).evidence.pValue).toBe(1);
    const off = identityCheck<P>({ name: 'c', describe: '', sample: () => 1, expected: () => 1.001, tolerance: () => 1e-9 });
    expect(off.decide(params, ctx('c')).evidence.pValue).toBe(0);
  });
});

describe('scalingCheck: OLS slope of log y on log x', () => {
  test.prop([fc.double({ min: -1.5, max: 1.5, noNaN: true }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 30 })(
    'an exact power law with small noise: slope recovered, verified inside the range, rejected outside',
    (b, seed) => {
      const spec = (range: [number, number]) =>
        scalingCheck<P>({
          name: 's',
          describe: '',
          grid: () => [10, 30, 100, 300, 1000],
          sample: (_p, x, rng) => 2 * x ** b * Math.exp(0.01 * (rng.uniform() - 0.5)),
          replicates: () => 4,
          range,
          quantity: 'y',
          sizeName: 'x',
        });
      const inside = spec([b - 0.2, b + 0.2]).decide(params, ctx(String(seed)));
      expect(inside.evidence.estimate).toBeCloseTo(b, 2);
      expect(inside.evidence.trials).toBe(20);
      expect(inside.sufficient).toBe(true);
      expect(inside.evidence.pValue).toBeGreaterThan(0.5);
      expect(inside.figures?.[0].data).toHaveLength(20);
      const outside = spec([b + 0.1, b + 0.5]).decide(params, ctx(String(seed)));
      expect(outside.sufficient).toBe(false);
      expect(outside.evidence.pValue).toBeLessThan(1e-6);
      const below = spec([b - 0.5, b - 0.1]).decide(params, ctx(String(seed)));
      expect(below.evidence.pValue).toBeLessThan(1e-6);
    },
  );

  it('replicates default to budget.replicates, then budget.trials; a non-positive quantity is named', () => {
    const base = {
      name: 's',
      describe: '',
      grid: () => [10, 100],
      sample: (_p: P, x: number) => x,
      range: [0.9, 1.1] as [number, number],
      quantity: 'y',
      sizeName: 'x',
    };
    expect(scalingCheck<P>(base).decide(params, ctx('r', { trials: 3, replicates: 2 })).evidence.trials).toBe(4);
    expect(scalingCheck<P>(base).decide(params, ctx('r', { trials: 3 })).evidence.trials).toBe(6);
    expect(() => scalingCheck<P>({ ...base, sample: () => 0 }).decide(params, ctx('r', { trials: 3 }))).toThrow(
      's: quantity must be positive and finite, got 0 at x=10',
    );
  });
});

describe('deterministicCheck: every draw must pass', () => {
  it('all draws pass ⇒ p = 1 with the worst ratio reported; the first failing draw stops with p = 0', () => {
    const check = (failAt: number) =>
      deterministicCheck<P>({
        name: 'd',
        describe: '',
        check: () => {
          calls += 1;
          return { ok: calls - 1 !== failAt, measured: calls === 3 ? 0.9 : 0.1, bound: 1, detail: `draw ${calls - 1}` };
        },
      });
    let calls = 0;
    const pass = check(-1).decide(params, ctx('d', { trials: 10 }));
    expect(pass.evidence.pValue).toBe(1);
    expect(pass.sufficient).toBe(true);
    expect(pass.evidence.trials).toBe(10);
    expect(pass.evidence.successes).toBe(10);
    expect(pass.evidence.estimate).toBe(0.9);
    expect(pass.evidence.note).toBe('draw 2');
    calls = 0;
    const fail = check(5).decide(params, ctx('d', { trials: 10 }));
    expect(fail.evidence.pValue).toBe(0);
    expect(fail.rejectedEarly).toBe(true);
    expect(fail.sufficient).toBe(false);
    expect(fail.evidence.trials).toBe(6);
    expect(fail.evidence.successes).toBe(5);
    expect(fail.evidence.note).toBe('failed at trial 5: draw 5');
  });
});

describe('probabilityCheck: SPRT and the fixed-sample exact test', () => {
  const coin = probabilityCheck<P>({ name: 'p', describe: '', target: () => 0.9, delta: 0.05, event: (p, rng) => rng.uniform() < p.q });

  it('fixed sample (paper profile): all trials, p = P(Bin(n, p0) ≤ x), Clopper–Pearson interval', () => {
    for (const q of [0.95, 0.85]) {
      const o = coin.decide({ ...params, q }, ctx(`f${q}`, { trials: 600, fixedSample: true }));
      const x = o.evidence.successes as number;
      expect(o.evidence.trials).toBe(600);
      expect(o.evidence.pValue).toBeCloseTo(binomialCdf(x, 600, 0.9), 12);
      expect(o.evidence.ci).toEqual(clopperPearson(x, 600, 0.95));
      expect(o.evidence.estimate).toBe(x / 600);
    }
  });

  it('sequential: a true claim stops early accepting H0 (verified), a false one rejects early (violated)', () => {
    const good = coin.decide({ ...params, q: 0.99 }, ctx('s-good', { trials: 5000 }));
    expect(good.sufficient).toBe(true);
    expect(good.rejectedEarly).toBe(false);
    expect(good.evidence.trials).toBeLessThan(5000);
    expect(good.evidence.note).toMatch(/^SPRT accept-h0 after \d+ of 5000 trials$/);
    const bad = coin.decide({ ...params, q: 0.7 }, ctx('s-bad', { trials: 5000 }));
    expect(bad.rejectedEarly).toBe(true);
    expect(bad.sufficient).toBe(false);
    expect(bad.evidence.pValue).toBeLessThanOrEqual(1e-3);
    expect(bad.evidence.trials).toBeLessThan(5000);
  });

  it('a budget too small to decide leaves the claim inconclusive (not verified)', () => {
    const o = coin.decide({ ...params, q: 0.9 }, ctx('tiny', { trials: 20 }));
    expect(o.evidence.trials).toBe(20);
    expect(o.sufficient).toBe(false);
    expect(o.rejectedEarly).toBe(false);
  });
});

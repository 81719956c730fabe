import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { jStat } from '../src/core/stats/jstat.js';
import { gaussianExpectation } from '../src/core/stats/gaussHermite.js';
import { holm } from '../src/core/stats/holm.js';
import { binomialCdf, clopperPearson, wilson } from '../src/core/stats/intervals.js';
import { ksOneSample, ksTwoSample } from '../src/core/stats/ks.js';
import { normalCdf, normalQuantile } from '../src/core/stats/normal.js';
import { normalExpectation } from '../src/core/stats/normalExpectation.js';
import { fitSlope } from '../src/core/stats/slope.js';
import { Sprt } from '../src/core/stats/sprt.js';
import { Stream } from '../src/core/random/stream.js';

describe('normal cdf and quantile', () => {
  it('Φ against reference values (mpmath, 16 digits)', () => {
    const ref: Array<[number, number]> = [
      [-8, 6.22096057427178e-16],
      [-3, 0.0013498980316300946],
      [-1, 0.15865525393145707],
      [0, 0.5],
      [1.5, 0.9331927987311419],
      [5, 0.9999997133484281],
    ];
    for (const [z, p] of ref) expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(1e-13);
  });
  test.prop([fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true })])('Φ(Φ⁻¹(p)) = p', (p) => {
    expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-13 + 1e-12 * p);
  });
});

describe('binomial intervals', () => {
  test.prop([fc.integer({ min: 1, max: 500 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)))])(
    'Clopper–Pearson ends are the exact binomial tail inversions (oracle: jstat binomial cdf)',
    ([x, n]) => {
      const [lo, hi] = clopperPearson(x, n, 0.95);
      if (x > 0) expect(Math.abs(1 - jStat.binomial.cdf(x - 1, n, lo) - 0.025)).toBeLessThan(1e-6);
      else expect(lo).toBe(0);
      if (x < n) expect(Math.abs(jStat.binomial.cdf(x, n, hi) - 0.025)).toBeLessThan(1e-6);
      else expect(hi).toBe(1);
      const [wl, wh] = wilson(x, n);
      expect(wl).toBeLessThanOrEqual(x / n + 1e-12);
      expect(wh).toBeGreaterThanOrEqual(x / n - 1e-12);
    },
  );
  it('Wilson against the closed form at x = 8, n = 10 (0.4902, 0.9433)', () => {
    const [lo, hi] = wilson(8, 10);
    expect(lo).toBeCloseTo(0.4901625, 6);
    expect(hi).toBeCloseTo(0.9433178, 6);
  });
  it('binomialCdf equals the summed pmf', () => {
    let s = 0;
    for (let i = 0; i <= 7; i++) s += jStat.binomial.pdf(i, 20, 0.3);
    expect(binomialCdf(7, 20, 0.3)).toBeCloseTo(s, 8); // jstat's incomplete beta is accurate to ~1e-9
  });
  it('bad counts are rejected naming the parameter', () => {
    expect(() => clopperPearson(5, 3)).toThrow(/successes must be an integer in \[0, 3\], got 5/);
    expect(() => clopperPearson(1, 0)).toThrow(/trials must be an integer ≥ 1/);
  });
});

describe('Wald SPRT', () => {
  it('accepts H0 when p = p0 and rejects when p = p0 − 2δ (fixed seeds); p-value ≤ α exactly when it rejects', () => {
    const opts = { p0: 0.9, delta: 0.05, alpha: 0.01, beta: 0.1 };
    let rejectsUnderH0 = 0;
    let rejectsUnderH1 = 0;
    for (let rep = 0; rep < 200; rep++) {
      for (const [p, tally] of [
        [0.9, 0],
        [0.8, 1],
      ] as const) {
        const r = new Stream(`sprt/${rep}/${p}`);
        const s = new Sprt(opts);
        while (s.decision === 'continue' && s.trials < 5000) s.observe(r.uniform() < p);
        if (s.decision === 'reject-h0') {
          expect(s.pValue()).toBeLessThanOrEqual(opts.alpha);
          if (tally === 0) rejectsUnderH0++;
          else rejectsUnderH1++;
        }
      }
    }
    expect(rejectsUnderH0).toBeLessThanOrEqual(8); // α = 1% of 200, binomial 99.9th percentile
    expect(rejectsUnderH1).toBeGreaterThanOrEqual(180);
  });
  it('expected sample size is below the fixed-sample size for the same (α, β, δ)', () => {
    const opts = { p0: 0.95, delta: 0.05, alpha: 0.01, beta: 0.1 };
    const asn = Sprt.expectedSampleSize(opts, 0.95);
    expect(asn).toBeGreaterThan(10);
    expect(asn).toBeLessThan(300);
  });
  it('rejects bad parameters', () => {
    expect(() => new Sprt({ p0: 0.9, delta: 0.95, alpha: 0.01, beta: 0.1 })).toThrow(/delta must be in/);
  });
});

describe('Holm', () => {
  it('matches the step-down definition on a textbook example', () => {
    const r = holm([0.01, 0.04, 0.03, 0.005], 0.05);
    expect(r.rejected).toEqual([true, false, false, true]);
    expect(r.adjusted.map((x) => +x.toFixed(4))).toEqual([0.03, 0.06, 0.06, 0.02]);
  });
  test.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 })])(
    'rejects a superset of Bonferroni and a subset of unadjusted',
    (ps) => {
      const r = holm(ps, 0.05);
      ps.forEach((p, i) => {
        if (p <= 0.05 / ps.length) expect(r.rejected[i]).toBe(true);
        if (p > 0.05) expect(r.rejected[i]).toBe(false);
      });
    },
  );
});

describe('Kolmogorov–Smirnov', () => {
  it('one-sample D of {0.1, 0.5, 0.9} against U(0, 1) is 0.2333 (closed form)', () => {
    expect(ksOneSample([0.1, 0.5, 0.9], (x) => x)).toBeCloseTo(1 / 3 - 0.1, 12);
  });
  it('two-sample D of identical samples is 0 and of disjoint samples is 1', () => {
    expect(ksTwoSample([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksTwoSample([1, 2], [3, 4])).toBe(1);
  });
});

describe('Gauss–Hermite and Simpson expectations', () => {
  it('E z^{2m} = (2m − 1)!! exactly, E tanh(z)² and E relu(z)² against closed forms / jstat integration', () => {
    expect(gaussianExpectation((z) => z ** 8)).toBeCloseTo(105, 9);
    expect(gaussianExpectation((z) => Math.cos(z))).toBeCloseTo(Math.exp(-0.5), 13);
    expect(normalExpectation((z) => (z > 0 ? z * z : 0), false)).toBeCloseTo(0.5, 10);
    expect(normalExpectation((z) => (z > 0 ? 1 : 0), false)).toBeCloseTo(0.5, 10);
    expect(Math.abs(normalExpectation((z) => Math.tanh(z) ** 2, false) - gaussianExpectation((z) => Math.tanh(z) ** 2))).toBeLessThan(1e-9);
  });
});

describe('log-log slope', () => {
  it('recovers an exact power law and its t-interval covers the truth with noise', () => {
    const xs = [1, 2, 3, 4, 5].map(Math.log);
    const exact = fitSlope(
      xs,
      xs.map((x) => 2 - 0.5 * x),
    );
    expect(exact.slope).toBeCloseTo(-0.5, 12);
    const r = new Stream('slope');
    let covered = 0;
    for (let i = 0; i < 400; i++) {
      const f = fitSlope(
        xs,
        xs.map((x) => 1 + 0.5 * x + 0.1 * r.normal()),
      );
      if (f.ci[0] <= 0.5 && 0.5 <= f.ci[1]) covered++;
    }
    expect(covered / 400).toBeGreaterThan(0.92);
  });
});

describe('Kolmogorov distribution', () => {
  it('Q(1.3581) = 0.05 and Q(1.6276) = 0.01 (the classical critical values)', async () => {
    const { kolmogorovSurvival } = await import('../src/core/stats/ks.js');
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 4);
  });
});

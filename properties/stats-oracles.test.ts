import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { gaussianExpectation, hermiteRule } from '../src/core/stats/gaussHermite.js';
import { holm } from '../src/core/stats/holm.js';
import { binomialRateTest } from '../src/core/stats/binomialTest.js';
import { binomialCdf, clopperPearson, clopperPearsonLower, clopperPearsonUpper, wilson } from '../src/core/stats/intervals.js';
import { jStat } from '../src/core/stats/jstat.js';
import { kolmogorovSurvival, ksOneSample, ksPValue, ksTwoSample } from '../src/core/stats/ks.js';
import { median, quantile, quantileCi, RunningMoments } from '../src/core/stats/moments.js';
import { erfc, logNormalCdf, normalCdf, normalPdf, normalQuantile } from '../src/core/stats/normal.js';
import { normalExpectation } from '../src/core/stats/normalExpectation.js';
import { fitSlope, slopeRangePValue } from '../src/core/stats/slope.js';
import { Sprt } from '../src/core/stats/sprt.js';

/**
 * Oracle properties of src/stats: each function against its defining formula, evaluated
 * independently (brute force over the sample, the binomial pmf summed term by term, reference
 * values), so that a changed constant, comparison or index in the implementation fails a test.
 */

/** Binomial pmf summed term by term in log space (independent of the incomplete beta). */
function binomCdfBrute(x: number, n: number, p: number): number {
  let s = 0;
  let logC = 0;
  for (let i = 0; i <= Math.min(x, n); i++) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    s += Math.exp(logC + i * Math.log(p) + (n - i) * Math.log1p(-p));
  }
  return s;
}

const counts = fc.integer({ min: 1, max: 200 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe('binomial tails and intervals', () => {
  test.prop([counts, fc.double({ min: 0.01, max: 0.99, noNaN: true })])('binomialCdf = Σ pmf (and 0 below 0, 1 from n on)', ([x, n], p) => {
    expect(binomialCdf(x, n, p)).toBeCloseTo(binomCdfBrute(x, n, p), 7); // jstat's incomplete beta: ~1e-8
    expect(binomialCdf(-1, n, p)).toBe(0);
    expect(binomialCdf(n, n, p)).toBe(1);
    expect(binomialCdf(n + 3, n, p)).toBe(1);
  });

  test.prop([counts, fc.constantFrom(0.01, 0.05, 0.1, 0.2)])('one-sided Clopper–Pearson bounds invert the exact tails at α', ([x, n], a) => {
    const lo = clopperPearsonLower(x, n, a);
    const hi = clopperPearsonUpper(x, n, a);
    if (x === 0) expect(lo).toBe(0);
    else expect(1 - binomCdfBrute(x - 1, n, lo)).toBeCloseTo(a, 6);
    if (x === n) expect(hi).toBe(1);
    else expect(binomCdfBrute(x, n, hi)).toBeCloseTo(a, 6);
    expect(lo).toBeLessThanOrEqual(x / n);
    expect(hi).toBeGreaterThanOrEqual(x / n);
    const [l2, h2] = clopperPearson(x, n, 1 - 2 * a);
    expect(l2).toBeCloseTo(lo, 10);
    expect(h2).toBeCloseTo(hi, 10);
  });

  test.prop([counts, fc.constantFrom(0.8, 0.9, 0.95, 0.99)])('Wilson ends solve (p̂ − p)² = z² p(1 − p)/n inside [0, 1]', ([x, n], level) => {
    const z = normalQuantile(1 - (1 - level) / 2);
    const ph = x / n;
    for (const p of wilson(x, n, level)) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect((ph - p) ** 2).toBeCloseTo((z * z * p * (1 - p)) / n, 10);
    }
  });

  test.prop([counts, fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.constantFrom(0.05, 0.1), fc.constantFrom(0.02, 0.1)])(
    'binomialRateTest: exact one-sided tails and the Clopper–Pearson indifference rule, both directions',
    ([x, n], b, beta, delta) => {
      const least = binomialRateTest(x, n, b, 'at-least', beta, delta);
      expect(least.pValue).toBeCloseTo(binomCdfBrute(x, n, b), 7); // P(Bin(n, b) ≤ x)
      expect(least.withinIndifference).toBe(clopperPearsonLower(x, n, beta) >= b - delta);
      const most = binomialRateTest(x, n, b, 'at-most', beta, delta);
      expect(most.pValue).toBeCloseTo(x === 0 ? 1 : 1 - binomCdfBrute(x - 1, n, b), 7); // P(Bin(n, b) ≥ x)
      expect(most.withinIndifference).toBe(clopperPearsonUpper(x, n, beta) <= b + delta);
      expect(least.ci).toEqual(clopperPearson(x, n, 0.95));
      expect(most.ci).toEqual(least.ci);
      for (const r of [least, most]) expect(r.pValue).toBeLessThanOrEqual(1);
    },
  );

  it('binomialRateTest names bad counts and directions', () => {
    expect(() => binomialRateTest(3, 2, 0.5, 'at-least', 0.1, 0.05)).toThrow(/binomialRateTest: x must be an integer in \[0, n = 2\], got 3/);
    expect(() => binomialRateTest(0, 0, 0.5, 'at-least', 0.1, 0.05)).toThrow(/binomialRateTest: n must be an integer ≥ 1, got 0/);
    expect(() => binomialRateTest(1, 2, 0.5, 'above' as 'at-least', 0.1, 0.05)).toThrow(/direction must be "at-least" or "at-most", got "above"/);
  });

  it('counts and levels out of range are named', () => {
    for (const f of [clopperPearson, wilson]) {
      expect(() => f(1, 2, 1)).toThrow(/level must be in \(0, 1\), got 1/);
      expect(() => f(1, 2, 0)).toThrow(/level must be in \(0, 1\), got 0/);
      expect(() => f(-1, 2)).toThrow(/successes must be an integer in \[0, 2\], got -1/);
      expect(() => f(0.5, 2)).toThrow(/successes must be an integer in \[0, 2\], got 0.5/);
      expect(() => f(0, 1.5)).toThrow(/trials must be an integer ≥ 1, got 1.5/);
    }
    expect(() => clopperPearson(3, 2)).toThrow(/^clopperPearson: successes/);
    expect(() => wilson(3, 2)).toThrow(/^wilson: successes/);
    expect(() => clopperPearsonLower(1, 2, 0)).toThrow(/^clopperPearsonLower: level must be in \(0, 1\), got 1/);
    expect(() => clopperPearsonUpper(3, 2, 0.1)).toThrow(/^clopperPearsonUpper: successes/);
  });
});

describe('Wald SPRT', () => {
  const opts = { p0: 0.9, delta: 0.05, alpha: 0.05, beta: 0.1 };

  test.prop([fc.array(fc.boolean(), { minLength: 1, maxLength: 300 })])(
    'Λ, sup Λ, the p-value and the first boundary crossing follow the definitions',
    (xs) => {
      const s = new Sprt(opts);
      const p1 = 0.85;
      let llr = 0;
      let max = 0;
      let decision: string = 'continue';
      let k = 0;
      for (const x of xs) {
        k += x ? 1 : 0;
        llr += x ? Math.log(p1 / 0.9) : Math.log(0.15 / 0.1);
        max = Math.max(max, llr);
        if (decision === 'continue') {
          if (llr >= Math.log(1 / 0.05)) decision = 'reject-h0';
          else if (llr <= Math.log(0.1 / 0.95)) decision = 'accept-h0';
        }
        expect(s.observe(x)).toBe(decision);
      }
      expect(s.trials).toBe(xs.length);
      expect(s.successes).toBe(k);
      expect(s.llr).toBeCloseTo(llr, 9);
      expect(s.maxLlr).toBeCloseTo(max, 9);
      expect(s.pValue()).toBeCloseTo(Math.min(1, Math.exp(-max)), 12);
      expect(s.upper).toBeCloseTo(Math.log(20), 12);
      expect(s.lower).toBeCloseTo(Math.log(0.1 / 0.95), 12);
      expect(s.p1).toBeCloseTo(0.85, 12);
    },
  );

  it('the decision is sticky: once rejected (or accepted) it stays, whatever follows', () => {
    const r = new Sprt(opts);
    for (let i = 0; i < 8; i++) r.observe(false);
    expect(r.decision).toBe('reject-h0');
    for (let i = 0; i < 500; i++) expect(r.observe(true)).toBe('reject-h0');
    expect(r.llr).toBeLessThan(r.lower);
    const a = new Sprt(opts);
    for (let i = 0; i < 60; i++) a.observe(true);
    expect(a.decision).toBe('accept-h0');
    for (let i = 0; i < 40; i++) expect(a.observe(false)).toBe('accept-h0');
    expect(a.llr).toBeGreaterThan(a.upper);
  });

  it('p0 = 1: a single failure rejects at once (log-ratio +∞)', () => {
    const s = new Sprt({ p0: 1, delta: 0.01, alpha: 0.01, beta: 0.1 });
    s.observe(true);
    expect(s.decision).toBe('continue');
    expect(s.observe(false)).toBe('reject-h0');
    expect(s.pValue()).toBe(0);
  });

  it("Wald's ASN at p0 and p0 − δ equals the closed form (h = 1 and h = −1)", () => {
    const a = Math.log(0.1 / 0.95);
    const b = Math.log(20);
    const ls = Math.log(0.85 / 0.9);
    const lf = Math.log(0.15 / 0.1);
    // at p0: E[e^{Z}] = 1 ⇒ P(accept) = (e^b − 1)/(e^b − e^a)
    const pa0 = (Math.exp(b) - 1) / (Math.exp(b) - Math.exp(a));
    const e0 = (pa0 * a + (1 - pa0) * b) / (0.9 * ls + 0.1 * lf);
    expect(Sprt.expectedSampleSize(opts, 0.9)).toBeCloseTo(e0, 4);
    // at p1: E[e^{−Z}] = 1 ⇒ P(accept) = (e^{−b} − 1)/(e^{−b} − e^{−a})
    const pa1 = (Math.exp(-b) - 1) / (Math.exp(-b) - Math.exp(-a));
    const e1 = (pa1 * a + (1 - pa1) * b) / (0.85 * ls + 0.15 * lf);
    expect(Sprt.expectedSampleSize(opts, 0.85)).toBeCloseTo(e1, 4);
    // zero drift: −ab/Var Z
    const pz = lf / (lf - ls);
    expect(Sprt.expectedSampleSize(opts, pz)).toBeCloseTo((-a * b) / (pz * ls * ls + (1 - pz) * lf * lf), 4);
  });

  it('parameters out of range are named', () => {
    expect(() => new Sprt({ ...opts, p0: 0 })).toThrow(/^Sprt: p0 must be in \(0, 1\], got 0/);
    expect(() => new Sprt({ ...opts, p0: 1.1 })).toThrow(/p0 must be in \(0, 1\], got 1.1/);
    expect(() => new Sprt({ ...opts, delta: 0 })).toThrow(/delta must be in \(0, p0=0.9\), got 0/);
    expect(() => new Sprt({ ...opts, delta: 0.9 })).toThrow(/delta must be in \(0, p0=0.9\), got 0.9/);
    expect(() => new Sprt({ ...opts, alpha: 0.5 })).toThrow(/alpha must be in \(0, 0.5\), got 0.5/);
    expect(() => new Sprt({ ...opts, alpha: 0 })).toThrow(/alpha must be in \(0, 0.5\), got 0/);
    expect(() => new Sprt({ ...opts, beta: 0.5 })).toThrow(/beta must be in \(0, 0.5\), got 0.5/);
    expect(() => new Sprt({ ...opts, beta: 0 })).toThrow(/beta must be in \(0, 0.5\), got 0/);
    expect(() => new Sprt({ p0: 0.5, delta: 0.4999, alpha: 0.49, beta: 0.49 })).not.toThrow();
  });
});

describe('Holm step-down', () => {
  /** Brute force: sort, adjusted p_(i) = max_{j≤i} min(1, (m − j + 1) p_(j)); reject while p_(i) ≤ α/(m − i + 1). */
  function holmBrute(ps: number[], a: number): { rejected: boolean[]; adjusted: number[]; thresholds: number[] } {
    const m = ps.length;
    const order = ps.map((p, i) => i).sort((i, j) => ps[i] - ps[j] || i - j);
    const rejected = ps.map(() => false);
    const adjusted = ps.map(() => 1);
    const thresholds = ps.map(() => 0);
    let go = true;
    order.forEach((idx, r) => {
      thresholds[idx] = a / (m - r);
      let adj = 0;
      for (let j = 0; j <= r; j++) adj = Math.max(adj, Math.min(1, (m - j) * ps[order[j]]));
      adjusted[idx] = adj;
      go = go && ps[idx] <= a / (m - r);
      rejected[idx] = go;
    });
    return { rejected, adjusted, thresholds };
  }

  test.prop([
    fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.001, 0.01, 0.0125, 0.025, 0.05, 1)), { maxLength: 25 }),
    fc.constantFrom(0.01, 0.05, 0.1),
  ])('equals the brute-force definition', (ps, a) => {
    const r = holm(ps, a);
    const b = holmBrute(ps, a);
    expect(r.rejected).toEqual(b.rejected);
    r.adjusted.forEach((x, i) => expect(x).toBeCloseTo(b.adjusted[i], 12));
    r.thresholds.forEach((x, i) => expect(x).toBeCloseTo(b.thresholds[i], 15));
    // rejected exactly when the adjusted p-value is ≤ α
    r.rejected.forEach((x, i) => expect(x).toBe(r.adjusted[i] <= a + 1e-15));
  });

  it('α and p-values out of range are named; the empty family rejects nothing', () => {
    expect(() => holm([0.1], 0)).toThrow(/^holm: alpha must be in \(0, 1\), got 0/);
    expect(() => holm([0.1], 1)).toThrow(/alpha must be in \(0, 1\), got 1/);
    expect(() => holm([0.1, 1.5], 0.05)).toThrow(/every p-value must be in \[0, 1\], got 1.5/);
    expect(() => holm([-0.1], 0.05)).toThrow(/got -0.1/);
    expect(() => holm([NaN], 0.05)).toThrow(/got NaN/);
    expect(holm([], 0.05)).toEqual({ rejected: [], adjusted: [], thresholds: [] });
  });
});

describe('OLS slope with a t-interval', () => {
  const coord = fc.integer({ min: -400, max: 400 }).map((i) => i / 80);
  const pts = fc.array(fc.tuple(coord, coord), { minLength: 3, maxLength: 20 }).filter((p) => new Set(p.map(([x]) => x)).size > 1);

  test.prop([pts, fc.constantFrom(0.9, 0.95, 0.99)])('slope, intercept, se and interval from the normal equations', (p, level) => {
    const xs = p.map(([x]) => x);
    const ys = p.map(([, y]) => y);
    const n = xs.length;
    const mx = xs.reduce((s, x) => s + x, 0) / n;
    const my = ys.reduce((s, y) => s + y, 0) / n;
    const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const b = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / sxx;
    const a = my - b * mx;
    const rss = xs.reduce((s, x, i) => s + (ys[i] - a - b * x) ** 2, 0);
    const se = Math.sqrt(rss / (n - 2) / sxx);
    const t = jStat.studentt.inv(1 - (1 - level) / 2, n - 2);
    const f = fitSlope(xs, ys, level);
    const tol = 1e-9 * (1 + Math.abs(b));
    expect(Math.abs(f.slope - b)).toBeLessThan(tol);
    expect(Math.abs(f.intercept - a)).toBeLessThan(1e-9 * (1 + Math.abs(a)));
    expect(Math.abs(f.se - se)).toBeLessThan(1e-9 * (1 + se));
    expect(f.n).toBe(n);
    expect(f.dof).toBe(n - 2);
    expect(Math.abs(f.ci[0] - (b - t * se))).toBeLessThan(1e-8 * (1 + Math.abs(b) + se));
    expect(Math.abs(f.ci[1] - (b + t * se))).toBeLessThan(1e-8 * (1 + Math.abs(b) + se));
  });

  it('slopeRangePValue: 1 inside the range, the t tail beyond the nearer end, 0/1 when se = 0', () => {
    const f = fitSlope([0, 1, 2, 3], [0, 1.1, 1.9, 3.2]);
    expect(slopeRangePValue(f, f.slope - 1, f.slope + 1)).toBe(1);
    expect(slopeRangePValue(f, f.slope + 2 * f.se, f.slope + 5)).toBeCloseTo(jStat.studentt.cdf(-2, 2), 12);
    expect(slopeRangePValue(f, f.slope - 5, f.slope - 3 * f.se)).toBeCloseTo(1 - jStat.studentt.cdf(3, 2), 12);
    expect(slopeRangePValue(f, f.slope, f.slope + 1)).toBe(1);
    expect(slopeRangePValue(f, f.slope - 1, f.slope)).toBe(1);
    const exact = fitSlope([0, 1, 2], [1, 3, 5]);
    expect(exact.se).toBe(0);
    expect(slopeRangePValue(exact, 1.5, 2.5)).toBe(1);
    expect(slopeRangePValue(exact, 2, 2)).toBe(1);
    expect(slopeRangePValue(exact, 2.5, 3)).toBe(0);
    expect(slopeRangePValue(exact, 0, 1.5)).toBe(0);
  });

  it('bad input is named', () => {
    expect(() => fitSlope([1, 2], [1, 2])).toThrow(/^fitSlope: need at least 3 points, got 2/);
    expect(() => fitSlope([1, 2, 3], [1, 2])).toThrow(/xs and ys differ in length \(3 vs 2\)/);
    expect(() => fitSlope([1, 1, 1], [1, 2, 3])).toThrow(/all x values are equal/);
    expect(() => fitSlope([1, 2, NaN], [1, 2, 3])).toThrow(/point 2 is not finite \(NaN, 3\)/);
    expect(() => fitSlope([1, 2, 3], [1, Infinity, 3])).toThrow(/point 1 is not finite/);
    expect(() => fitSlope([1, 2, 3], [1, 2, 3], 1)).toThrow(/level must be in \(0, 1\), got 1/);
    expect(() => fitSlope([1, 2, 3], [1, 2, 3], 0)).toThrow(/got 0/);
  });
});

describe('moments and quantiles', () => {
  const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 60 });

  test.prop([sample])('RunningMoments = two-pass mean and unbiased variance; CI x̄ ± z s/√n', (xs) => {
    const m = new RunningMoments();
    xs.forEach((x) => m.push(x));
    const n = xs.length;
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    expect(m.n).toBe(n);
    expect(m.mean).toBeCloseTo(mean, 8);
    expect(Math.abs(m.variance - v)).toBeLessThan(1e-8 * (1 + v));
    expect(Math.abs(m.stderr - Math.sqrt(v / n))).toBeLessThan(1e-8 * (1 + Math.sqrt(v)));
    const [lo, hi] = m.ci(0.9);
    expect(Math.abs(hi - lo - 2 * 1.6448536269514722 * Math.sqrt(v / n))).toBeLessThan(1e-7 * (1 + Math.sqrt(v)));
    expect((lo + hi) / 2).toBeCloseTo(mean, 7);
  });

  it('one value: variance NaN; none: mean 0', () => {
    const m = new RunningMoments();
    expect(m.mean).toBe(0);
    m.push(3);
    expect(m.variance).toBeNaN();
  });

  test.prop([sample, fc.double({ min: 0, max: 1, noNaN: true })])('median and type-7 quantile by their definitions', (xs, q) => {
    const s = [...xs].sort((a, b) => a - b);
    const n = s.length;
    expect(median(xs)).toBe(n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2);
    const h = (n - 1) * q;
    const j = Math.floor(h);
    const want = j + 1 < n ? s[j] + (h - j) * (s[j + 1] - s[j]) : s[j];
    expect(Math.abs(quantile(xs, q) - want)).toBeLessThan(1e-9 * (1 + Math.abs(want)));
    expect(quantile(xs, 0)).toBe(s[0]);
    expect(quantile(xs, 1)).toBe(s[n - 1]);
  });

  test.prop([fc.integer({ min: 5, max: 400 }), fc.constantFrom(0.1, 0.5, 0.9), fc.constantFrom(0.9, 0.95)])(
    'quantileCi picks the order statistics n·q ∓ z√(nq(1−q)) of the sorted sample',
    (n, q, level) => {
      const xs = Array.from({ length: n }, (_, i) => n - i); // sorted: 1..n, so x_(i) = i + 1
      const z = normalQuantile(1 - (1 - level) / 2);
      const half = z * Math.sqrt(n * q * (1 - q));
      const [lo, hi] = quantileCi(xs, q, level);
      expect(lo).toBe(Math.max(0, Math.floor(n * q - half) - 1) + 1);
      expect(hi).toBe(Math.min(n - 1, Math.ceil(n * q + half) - 1) + 1);
    },
  );

  it('empty samples are named', () => {
    expect(() => median([])).toThrow(/^median: sample must not be empty/);
    expect(() => quantile([], 0.5)).toThrow(/^quantile: sample must not be empty/);
    expect(() => quantileCi([], 0.5)).toThrow(/^quantileCi: sample must not be empty/);
  });
});

describe('Kolmogorov–Smirnov', () => {
  const sample = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 });

  test.prop([sample])('one-sample D = sup over sample points of |F_n − F| on both sides of each jump', (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const n = s.length;
    let d = 0;
    s.forEach((x) => {
      const below = s.filter((y) => y < x).length / n;
      const upto = s.filter((y) => y <= x).length / n;
      d = Math.max(d, Math.abs(upto - x), Math.abs(x - below));
    });
    expect(ksOneSample(xs, (x) => x)).toBeCloseTo(d, 12);
  });

  test.prop([sample, sample])('two-sample D = max over all points of |F_n − G_m|', (a, b) => {
    let d = 0;
    for (const v of [...a, ...b]) d = Math.max(d, Math.abs(a.filter((x) => x <= v).length / a.length - b.filter((x) => x <= v).length / b.length));
    expect(ksTwoSample(a, b)).toBeCloseTo(d, 12);
    expect(ksTwoSample(b, a)).toBeCloseTo(d, 12);
  });

  it('Kolmogorov survival Q(λ) = 2Σ(−1)^{j−1}e^{−2j²λ²} against reference values; Stephens-corrected p-value', () => {
    const ref: Array<[number, number]> = [
      [0.5, 0.9639452436648751],
      [0.8, 0.5441424115741981],
      [1, 0.2699996716735679],
      [1.5, 0.02221796261652636],
      [2, 0.0006709252557796953],
      [3, 3.045996e-8],
    ];
    for (const [l, q] of ref) expect(Math.abs(kolmogorovSurvival(l) - q) / q).toBeLessThan(1e-6);
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(-1)).toBe(1);
    expect(kolmogorovSurvival(0.15)).toBe(1);
    expect(kolmogorovSurvival(0.3)).toBeCloseTo(0.9999906941986655, 9);
    const n = 25;
    expect(ksPValue(0.2, n)).toBeCloseTo(kolmogorovSurvival((5 + 0.12 + 0.11 / 5) * 0.2), 14);
  });

  it('empty samples are named', () => {
    expect(() => ksOneSample([], (x) => x)).toThrow(/^ksOneSample: sample must not be empty/);
    expect(() => ksTwoSample([], [1])).toThrow(/^ksTwoSample: both samples must be non-empty/);
    expect(() => ksTwoSample([1], [])).toThrow(/both samples must be non-empty/);
  });
});

describe('normal distribution and Gaussian expectations', () => {
  it('erfc, φ and log Φ against reference values (mpmath)', () => {
    const ref: Array<[number, number]> = [
      [-2, 1.9953222650189528],
      [-0.3, 1.3286267594591274],
      [0, 1],
      [0.2, 0.7772974107895215],
      [0.49, 0.4883317388114769],
      [0.5, 0.4795001221869535],
      [1.7, 0.016209541409225436],
      [3.99, 1.6739211364520814e-8],
      [4, 1.541725790028002e-8],
      [6.5, 3.8421483271206475e-20],
      [9, 4.13703174651381e-37],
      [20, 5.3958656116079005e-176],
    ];
    for (const [x, v] of ref) expect(Math.abs(erfc(x) - v) / v).toBeLessThan(1e-13);
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
    expect(normalPdf(1.5)).toBeCloseTo(0.12951759566589174, 15);
    expect(normalPdf(-1.5)).toBe(normalPdf(1.5));
    expect(Math.abs(logNormalCdf(-10) - -53.23128515051247) / 53.2).toBeLessThan(1e-12);
    expect(Math.abs(logNormalCdf(-30) - -454.3212439563431) / 454).toBeLessThan(1e-12);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(10)).toBe(1);
  });

  it('normalQuantile: reference values, the ends of [0, 1], outside it named', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(/^normalQuantile: p must be in \[0, 1\], got 1.5/);
    expect(() => normalQuantile(NaN)).toThrow(/got NaN/);
  });

  test.prop([fc.integer({ min: 1, max: 60 })])('Hermite rule: symmetric nodes, weights summing to √π, exact for z^{2k} up to degree 2n − 1', (n) => {
    const { x, w } = hermiteRule(n);
    expect(x.length).toBe(n);
    let sw = 0;
    for (let i = 0; i < n; i++) {
      expect(x[i]).toBeCloseTo(-x[n - 1 - i], 10);
      expect(w[i]).toBeGreaterThan(0);
      sw += w[i];
    }
    expect(sw).toBeCloseTo(Math.sqrt(Math.PI), 10);
    let dfact = 1;
    for (let k = 1; 2 * k <= 2 * n - 1 && k <= 6; k++) {
      dfact *= 2 * k - 1;
      expect(Math.abs(gaussianExpectation((z) => z ** (2 * k), n) - dfact) / dfact).toBeLessThan(1e-9);
    }
    expect(Math.abs(gaussianExpectation((z) => z, n))).toBeLessThan(1e-12);
  });

  it('hermiteRule n out of range is named; Simpson rule for kinked g', () => {
    expect(() => hermiteRule(0)).toThrow(/^hermiteRule: n must be an integer in \[1, 400\], got 0/);
    expect(() => hermiteRule(401)).toThrow(/got 401/);
    expect(hermiteRule(400).x.length).toBe(400);
    expect(() => hermiteRule(2.5)).toThrow(/got 2.5/);
    expect(normalExpectation((z) => Math.max(0, z), false)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 9);
    expect(normalExpectation((z) => Math.abs(z) ** 3, false)).toBeCloseTo(2 * Math.sqrt(2 / Math.PI), 8);
    expect(normalExpectation((z) => (z < 0 ? 1 : 0), false)).toBeCloseTo(0.5, 9);
    expect(normalExpectation((z) => z * z, true)).toBeCloseTo(1, 12);
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  bernoulliSignWeightsError,
  bernoulliThresholdedRobustError,
  binomialPmfWindow,
  sumOfTwoBinomialsCdf,
  type WeightGroups,
} from '../src/papers/schmidt/model/errors.js';
import { thresholdInput } from '../src/papers/schmidt/model/learners.js';
import { Stream } from '../src/core/random/stream.js';
import { jStat } from '../src/core/stats/jstat.js';

/** Exact distribution over x ∈ {±1}^d of a fixed (w, θ*, y): P(x) = Π_j (½ + τ if x_j = yθ*_j else ½ − τ). */
function enumerate(d: number, f: (x: Float64Array) => void): void {
  for (let m = 0; m < 1 << d; m++) f(Float64Array.from({ length: d }, (_, j) => ((m >> j) & 1 ? 1 : -1)));
}
function prob(x: Float64Array, theta: Float64Array, y: number, tau: number): number {
  let p = 1;
  for (let j = 0; j < x.length; j++) p *= x[j] === y * theta[j] ? 0.5 + tau : 0.5 - tau;
  return p;
}
/** Brute-force robust error of f_w (or f_w∘T): ½Σ_y Σ_x P(x | y)·1{worst margin ≤ 0}. */
function bruteError(w: Float64Array, theta: Float64Array, tau: number, worst: (x: Float64Array, y: number) => number): number {
  let e = 0;
  for (const y of [-1, 1]) enumerate(w.length, (x) => (e += worst(x, y) <= 0 ? 0.5 * prob(x, theta, y, tau) : 0));
  return e;
}
/** Aligned groups and θ*-sign split of explicit w ∈ {−1, 0, 1}^d. */
function groupsOf(w: Float64Array, theta: Float64Array): { g: WeightGroups; split: { agreePos: number; disagreePos: number } } {
  const counts = [0, 0, 0];
  const split = { agreePos: 0, disagreePos: 0 };
  for (let j = 0; j < w.length; j++) {
    const v = Math.sign(w[j] * theta[j]);
    counts[v + 1]++;
    if (theta[j] > 0 && v > 0) split.agreePos++;
    if (theta[j] > 0 && v < 0) split.disagreePos++;
  }
  return { g: { values: [-1, 0, 1], counts }, split };
}

const signVec = (d: number): fc.Arbitrary<Float64Array> => fc.array(fc.constantFrom(-1, 1), { minLength: d, maxLength: d }).map((a) => Float64Array.from(a));

describe('exact binomial errors in the Bernoulli model', () => {
  test.prop([fc.integer({ min: 0, max: 3000 }), fc.double({ min: 0, max: 1, noNaN: true })])('pmf window sums to 1 and matches jStat at the mode', (k, p) => {
    const { lo, pmf } = binomialPmfWindow(k, p);
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const mode = Math.min(k, Math.floor((k + 1) * p));
    if (p > 0 && p < 1) expect(pmf[mode - lo] / jStat.binomial.pdf(mode, k, p)).toBeCloseTo(1, 8);
  });

  test.prop([
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 0, max: 40 }),
    fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    fc.integer({ min: -2, max: 82 }),
  ])('P(A + B ≤ m) equals the brute-force convolution', (k1, k2, p1, p2, m) => {
    let s = 0;
    for (let a = 0; a <= k1; a++) for (let b = 0; b <= k2 && a + b <= m; b++) s += jStat.binomial.pdf(a, k1, p1) * jStat.binomial.pdf(b, k2, p2);
    expect(Math.abs(sumOfTwoBinomialsCdf(k1, p1, k2, p2, m) - s)).toBeLessThan(1e-10);
  });

  test.prop([
    fc.integer({ min: 1, max: 10 }).chain((d) =>
      fc.tuple(
        signVec(d),
        fc.array(fc.constantFrom(-1, 0, 1), { minLength: d, maxLength: d }).map((a) => Float64Array.from(a)),
      ),
    ),
    fc.double({ min: 0, max: 0.5, noNaN: true }),
    fc.double({ min: 0, max: 1.5, noNaN: true }),
  ])('weights in {−1, 0, 1}: exact robust error equals enumeration over {±1}^d', ([theta, w], tau, eps) => {
    const l1 = w.reduce((s, v) => s + Math.abs(v), 0);
    const brute = bruteError(w, theta, tau, (x, y) => y * w.reduce((s, v, j) => s + v * x[j], 0) - eps * l1);
    expect(bernoulliSignWeightsError(groupsOf(w, theta).g, tau, eps)).toBeCloseTo(brute, 10);
  });

  test.prop([
    fc.integer({ min: 1, max: 10 }).chain((d) => fc.tuple(signVec(d), signVec(d))),
    fc.double({ min: 0, max: 0.5, noNaN: true }),
    fc.constantFrom(0, 0.3, 0.99, 1, 1.2),
  ])('f_w∘T: exact robust error equals enumeration of the adversary’s reachable thresholded inputs', ([theta, w], tau, eps) => {
    // Coordinate j of T(x′) can be +1 iff x_j + ε ≥ 0 and −1 iff x_j − ε < 0; the adversary picks the worse one.
    const brute = bruteError(w, theta, tau, (x, y) =>
      w.reduce((s, v, j) => {
        const opts = [x[j] + eps >= 0 ? 1 : null, x[j] - eps < 0 ? -1 : null].filter((o): o is number => o !== null);
        return s + Math.min(...opts.map((o) => y * v * o));
      }, 0),
    );
    const { g, split } = groupsOf(w, theta);
    expect(bernoulliThresholdedRobustError(g, tau, eps, split)).toBeCloseTo(brute, 10);
  });

  test('thresholding is the identity on {±1}^d under any perturbation of size < 1', () => {
    const rng = new Stream('T');
    for (let t = 0; t < 200; t++) {
      const x = Float64Array.from({ length: 50 }, () => rng.sign());
      const xp = x.map((v) => v + 0.999 * (2 * rng.uniform() - 1));
      expect(Array.from(thresholdInput(xp))).toEqual(Array.from(x));
    }
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  bernoulliRobustErrorOf,
  bernoulliRobustMistake,
  bernoulliRobustOk,
  bernoulliThresholdedOk,
  epsAtFraction,
  ERROR_TARGET,
  gaussianPriorRobustMistake,
  gaussianRobustErrorOf,
  gaussianRobustOk,
  gaussianSingleSampleOk,
  onesTheta,
  sigmaOf,
  Z99,
} from '../src/papers/schmidt/model/schmidtTrials.js';
import {
  bernoulliLearnerGroups,
  gaussianLearner,
  LINEAR_LEARNERS,
  meanSum,
  robustLinearObjective,
  signVector,
  softThreshold,
  thresholdInput,
  trainLogistic,
} from '../src/papers/schmidt/model/learners.js';
import {
  bernoulliSignWeightsError,
  bernoulliThresholdedRobustError,
  binomialPmfWindow,
  gaussianRobustArg,
  gaussianRobustError,
  gaussianStandardError,
  linearStats,
  sumOfTwoBinomialsCdf,
} from '../src/papers/schmidt/model/errors.js';
import {
  alignedCounts,
  bernoulliTheta,
  levelCountsOf,
  sampleBernoulliData,
  sampleLevelCounts,
  sampleSignCounts,
} from '../src/papers/schmidt/model/bernoulliModel.js';
import { gaussianTheta, sampleGaussianData, sampleGaussianMeanInnerProducts, sampleGaussianMeanSum } from '../src/papers/schmidt/model/gaussianModel.js';
import { Stream } from '../src/core/random/stream.js';
import { normalCdf, normalPdf, normalQuantile } from '../src/core/stats/normal.js';
import { clopperPearson } from '../src/core/stats/intervals.js';

/**
 * Oracle properties of src/papers/schmidt/model/schmidtTrials.ts (the per-trial functions of the Schmidt
 * claims, whose main tests are the seconds-long gates): at large d the exact robust error of a
 * learner concentrates on a closed form computed here from the model's definition
 * (x ~ N(yθ*, σ²I), ŵ = Σ y_i x_i ~ N(nθ*, nσ²I)), the "≤ 1%" events agree with the errors they
 * threshold, scale-equivariant learners give identical errors, and the mistake-sampling trials
 * average to the exact errors.
 */

/** E|N(μ, s²)| = s√(2/π)e^{−μ²/2s²} + μ(1 − 2Φ(−μ/s)). */
const meanAbsNormal = (mu: number, s: number): number => 2 * s * normalPdf(mu / s) + mu * (1 - 2 * normalCdf(-mu / s));

/** Limit (d → ∞) of the Gaussian robust-error argument (ε‖w‖₁ − ⟨w, θ*⟩)/(σ‖w‖₂) for the mean and sign learners, θ* = 1. */
function predictedArg(learner: 'mean' | 'sign', d: number, sigma: number, n: number, eps: number): number {
  const s = sigma / Math.sqrt(n); // ŵ/n ~ N(1, s²) per coordinate
  if (learner === 'mean') return (eps * d * meanAbsNormal(1, s) - d) / (sigma * Math.sqrt(d * (1 + s * s)));
  const p = normalCdf(1 / s); // P(sign ŵ_j = +1)
  return (eps * d - d * (2 * p - 1)) / (sigma * Math.sqrt(d));
}

describe('Gaussian model trials (schmidtTrials.ts)', () => {
  it('E|N(μ, s²)| by quadrature-free formula matches a Riemann sum (the oracle itself)', () => {
    for (const [mu, s] of [
      [1, 0.5],
      [1, 3],
      [0, 2],
      [-0.5, 1],
    ]) {
      let acc = 0;
      const h = 1e-3;
      for (let z = -12; z <= 12; z += h) acc += Math.abs(mu + s * z) * normalPdf(z) * h;
      expect(meanAbsNormal(mu, s)).toBeCloseTo(acc, 4);
    }
  });

  test.prop(
    [fc.integer({ min: 0, max: 1e6 }), fc.constantFrom<'mean' | 'sign'>('mean', 'sign'), fc.constantFrom(1, 4, 16), fc.double({ min: 0, max: 1, noNaN: true })],
    { numRuns: 6 },
  )(
    'at d = 2.5·10⁵ the exact robust error is Φ((ε E‖w‖₁ − E⟨w, θ*⟩)/(σ√E‖w‖²)) up to 5 standard deviations (mean and sign learners)',
    (seed, learner, n, f) => {
      const d = 250_000;
      const sigma = sigmaOf(0.5, d);
      // ε chosen so that the predicted argument is a = −2.5 + 5f (an unsaturated Φ).
      const a = -2.5 + 5 * f;
      const sd = sigma / Math.sqrt(n);
      const eps =
        learner === 'mean'
          ? (a * sigma * Math.sqrt(d * (1 + sd * sd)) + d) / (d * meanAbsNormal(1, sd))
          : (a * sigma * Math.sqrt(d) + d * (2 * normalCdf(1 / sd) - 1)) / d;
      const err = gaussianRobustErrorOf(new Stream(seed), d, sigma, n, eps, learner);
      expect(predictedArg(learner, d, sigma, n, eps)).toBeCloseTo(a, 9);
      // The argument fluctuates by at most (1 + ε)/σ (one standard deviation): ⟨w, θ*⟩ and ε‖w‖₁ have sd ≤ s√d, ‖w‖₂ concentrates.
      if (eps >= 0) expect(Math.abs(normalQuantile(err) - a)).toBeLessThan((5 * (1 + eps)) / sigma);
      expect(err).toBeGreaterThanOrEqual(0);
      expect(err).toBeLessThanOrEqual(1);
    },
  );

  test.prop(
    [
      fc.integer({ min: 0, max: 1e6 }),
      fc.constantFrom(...LINEAR_LEARNERS),
      fc.integer({ min: 2, max: 5 }),
      fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    ],
    { numRuns: 60 },
  )('"robust error ≤ 1%" is exactly the threshold of the exact robust error (same stream); error grows with ε', (seed, learner, logd, n, f) => {
    const d = 10 ** logd;
    const sigma = sigmaOf(0.5, d);
    const eps = epsAtFraction(d, f);
    const err = gaussianRobustErrorOf(new Stream(seed), d, sigma, n, eps, learner);
    expect(gaussianRobustOk(new Stream(seed), d, sigma, n, eps, learner)).toBe(err <= ERROR_TARGET);
    if (learner === 'mean' || learner === 'sign') {
      // The learned w does not depend on ε for these learners: β_ε(w) is nondecreasing in ε, and β_0 is the standard error.
      expect(gaussianRobustErrorOf(new Stream(seed), d, sigma, n, eps + 0.05, learner)).toBeGreaterThanOrEqual(err);
      expect(gaussianRobustErrorOf(new Stream(seed), d, sigma, n, 0, learner)).toBeLessThanOrEqual(err);
    }
  });

  test.prop([fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 0.5, noNaN: true })])(
    'the posterior-mean learner is a rescaled mean: identical robust errors',
    (seed, n, eps) => {
      const d = 500;
      const sigma = sigmaOf(0.7, d);
      expect(gaussianRobustErrorOf(new Stream(seed), d, sigma, n, eps, 'posterior')).toBeCloseTo(
        gaussianRobustErrorOf(new Stream(seed), d, sigma, n, eps, 'mean'),
        12,
      );
    },
  );

  it('the constant classifier errs with probability ½, perturbed or not; its "≤ 1%" event never holds', () => {
    expect(gaussianRobustErrorOf(new Stream(1), 100, 3, 5, 0.1, 'constant')).toBe(0.5);
    expect(gaussianRobustOk(new Stream(1), 100, 3, 5, 0.1, 'constant')).toBe(false);
    let wrong = 0;
    for (let t = 0; t < 2000; t++) if (gaussianPriorRobustMistake(new Stream(`c/${t}`), 50, 3, 5, 0.1, 'constant')) wrong++;
    const [lo, hi] = clopperPearson(wrong, 2000, 0.999);
    expect(lo).toBeLessThan(0.5);
    expect(hi).toBeGreaterThan(0.5);
  });

  it('one sample: standard error Φ(−√d/(σ√(1+σ²))) decides "≤ 1%" far from the threshold', () => {
    const d = 10_000;
    // σ = 5: Φ(−3.92) ≈ 4e-5 ≤ 1% on every stream; σ = 20: Φ(−0.25) ≈ 0.40 > 1%.
    for (let s = 0; s < 20; s++) {
      expect(gaussianSingleSampleOk(new Stream(`one/${s}`), d, 5)).toBe(true);
      expect(gaussianSingleSampleOk(new Stream(`one/${s}`), d, 20)).toBe(false);
    }
    expect(Z99).toBeCloseTo(2.3263478740408408, 12);
  });

  it('prior experiment: many samples and ε = 0 ⇒ almost never wrong; ε far above ‖θ‖∞-scale ⇒ always wrong', () => {
    let wrongClean = 0;
    let wrongHuge = 0;
    for (let t = 0; t < 300; t++) {
      if (gaussianPriorRobustMistake(new Stream(`p/${t}`), 400, 1, 400, 0, 'mean')) wrongClean++;
      if (gaussianPriorRobustMistake(new Stream(`p/${t}`), 400, 1, 400, 5, 'mean')) wrongHuge++;
    }
    // y⟨w, x⟩ ~ N(⟨w, θ⟩, ‖w‖²) with w ≈ θ, ‖θ‖ ≈ 20: P(wrong) ≈ Φ(−20) = 0; ε = 5: margin ≈ ‖θ‖² − 5‖θ‖₁ < 0.
    expect(wrongClean).toBe(0);
    expect(wrongHuge).toBe(300);
  });

  it('onesTheta is (1, …, 1), cached per d', () => {
    expect(Array.from(onesTheta(3))).toEqual([1, 1, 1]);
    expect(onesTheta(7)).toBe(onesTheta(7));
    for (let d = 1; d <= 12; d++) expect(onesTheta(d).length).toBe(d);
    expect(onesTheta(5).every((v) => v === 1)).toBe(true);
  });
});

describe('Bernoulli model trials (schmidtTrials.ts)', () => {
  test.prop(
    [
      fc.integer({ min: 0, max: 1e6 }),
      fc.constantFrom<'mean' | 'sign'>('mean', 'sign'),
      fc.integer({ min: 1, max: 9 }),
      fc.double({ min: 0, max: 0.3, noNaN: true }),
    ],
    { numRuns: 40 },
  )('"robust error ≤ 1%" thresholds the exact error on the same stream; the error is a probability, nondecreasing in ε', (seed, learner, nDrawn, eps) => {
    const n = learner === 'mean' ? 1 : nDrawn; // the exact error covers weights in a·{−1, 0, 1}: one sample for the mean
    const err = bernoulliRobustErrorOf(new Stream(seed), 400, 0.15, n, eps, learner);
    expect(err).toBeGreaterThanOrEqual(0);
    expect(err).toBeLessThanOrEqual(1);
    expect(bernoulliRobustOk(new Stream(seed), 400, 0.15, n, eps, learner)).toBe(err <= ERROR_TARGET);
    expect(bernoulliRobustErrorOf(new Stream(seed), 400, 0.15, n, eps + 0.1, learner)).toBeGreaterThanOrEqual(err - 1e-12);
  });

  it('sampled robust mistakes average to the exact robust error (same learner law; 95% Clopper–Pearson at 1e-4)', () => {
    const trials = 3000;
    for (const [learner, eps] of [
      ['mean', 0.1],
      ['sign', 0.2],
    ] as const) {
      let mistakes = 0;
      let exact = 0;
      for (let t = 0; t < trials; t++) {
        if (bernoulliRobustMistake(new Stream(`bm/${learner}/${t}`), 60, 0.2, learner === 'mean' ? 1 : 2, eps, learner)) mistakes++;
        exact += bernoulliRobustErrorOf(new Stream(`be/${learner}/${t}`), 60, 0.2, learner === 'mean' ? 1 : 2, eps, learner);
      }
      const [lo, hi] = clopperPearson(mistakes, trials, 1 - 1e-4);
      const mean = exact / trials;
      expect(mean).toBeGreaterThan(lo - 0.01);
      expect(mean).toBeLessThan(hi + 0.01);
      expect(mistakes).toBeGreaterThan(0);
    }
    let wrong = 0;
    for (let t = 0; t < 2000; t++) if (bernoulliRobustMistake(new Stream(`bc/${t}`), 30, 0.2, 2, 0.1, 'constant')) wrong++;
    const [lo, hi] = clopperPearson(wrong, 2000, 0.999);
    expect(lo).toBeLessThan(0.5);
    expect(hi).toBeGreaterThan(0.5);
  });

  test.prop([fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 1.01, max: 3, noNaN: true })], { numRuns: 40 })(
    'thresholding: for ε < 1 the robust error is the standard error; for ε > 1 every point is lost',
    (seed, small, big) => {
      const d = 2000;
      const tau = 0.1;
      expect(bernoulliThresholdedOk(new Stream(seed), d, tau, small)).toBe(bernoulliThresholdedOk(new Stream(seed), d, tau, 0));
      expect(bernoulliThresholdedOk(new Stream(seed), d, tau, big)).toBe(false);
    },
  );

  it('thresholding is robust from one sample for ε < 1 at d = 10⁴, τ = 0.1 (Thm 10), not at d = 2000', () => {
    let ok = 0;
    let okSmall = 0;
    for (let s = 0; s < 40; s++) {
      if (bernoulliThresholdedOk(new Stream(`th/${s}`), 10_000, 0.1, 0.5)) ok++;
      if (bernoulliThresholdedOk(new Stream(`th/${s}`), 2000, 0.1, 0.5)) okSmall++;
    }
    // One sample ŵ = yx agrees with θ* on ≈ (½ + τ)d coordinates; a test margin has mean 4τ²d and sd ≈ √d:
    // z = 0.04√d = 4 at d = 10⁴ (error ≈ 3e-5 ≤ 1%), 1.8 at d = 2000 (error ≈ 4% > 1%).
    expect(ok).toBeGreaterThanOrEqual(38);
    expect(okSmall).toBeLessThanOrEqual(2);
  });
});

describe('learners (learners.ts) against their definitions', () => {
  const data = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.integer({ min: 1, max: 5 }).chain((d) =>
      fc.record({
        n: fc.constant(n),
        d: fc.constant(d),
        X: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * d, maxLength: n * d }),
        y: fc.array(fc.constantFrom(1, -1), { minLength: n, maxLength: n }),
      }),
    ),
  );

  test.prop([data])('meanSum = Σ y_i x_i; signVector and thresholdInput coordinate-wise', ({ n, d, X, y }) => {
    const w = meanSum({ n, d, X: Float64Array.from(X), y: Float64Array.from(y) });
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += y[i] * X[i * d + j];
      expect(w[j]).toBeCloseTo(s, 12);
    }
    expect(Array.from(signVector(w))).toEqual(Array.from(w, (v) => Math.sign(v)));
    expect(Array.from(thresholdInput(w))).toEqual(Array.from(w, (v) => (v >= 0 ? 1 : -1)));
  });

  test.prop([
    fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 8 }).map((a) => Float64Array.from(a)),
    fc.double({ min: 0, max: 2, noNaN: true }),
    fc.integer({ min: 1, max: 9 }),
  ])('softThreshold = sgn(m)·max(|m| − ε, 0) and maximises ⟨w, ŵ/n⟩ − ε‖w‖₁ among unit vectors (vs the mean and sign directions)', (m, eps, n) => {
    const s = softThreshold(m, eps);
    s.forEach((v, j) => expect(v).toBeCloseTo(Math.sign(m[j]) * Math.max(Math.abs(m[j]) - eps, 0), 12));
    const wSum = m.map((v) => v * n);
    const unit = (v: Float64Array): Float64Array => {
      const nv = Math.hypot(...v);
      return nv > 0 ? v.map((x) => x / nv) : v;
    };
    const best = robustLinearObjective(unit(s), wSum, n, eps);
    // Direct: Σ w_j m_j − ε Σ|w_j|.
    const u = unit(s);
    expect(best).toBeCloseTo(
      u.reduce((acc, v, j) => acc + v * m[j] - eps * Math.abs(v), 0),
      10,
    );
    for (const other of [unit(m.slice()), unit(signVector(m))])
      if (Math.hypot(...s) > 0) expect(best).toBeGreaterThanOrEqual(robustLinearObjective(other, wSum, n, eps) - 1e-12);
    expect(gaussianLearner('soft', wSum, n, 1, eps)).toEqual(
      softThreshold(
        wSum.map((v) => v / n),
        eps,
      ),
    );
    expect(gaussianLearner('sign', wSum, n, 1, eps)).toEqual(signVector(wSum));
    expect(gaussianLearner('mean', wSum, n, 1, eps)).toBe(wSum);
    gaussianLearner('posterior', wSum, n, 2, eps)?.forEach((v, j) => expect(v).toBeCloseTo(wSum[j] / (4 + n), 12));
    expect(gaussianLearner('constant', wSum, n, 1, eps)).toBeNull();
  });

  test.prop([
    fc.integer({ min: 1, max: 7 }).chain((n) => fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n + 1, maxLength: n + 1 })),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ])('Bernoulli learner groups: level ℓ ↦ 2ℓ − n (mean, posterior), its sign, its soft threshold; equal values merged, counts preserved', (levels, eps) => {
    const n = levels.length - 1;
    const total = levels.reduce((s, k) => s + k, 0);
    const expectFor = (name: 'mean' | 'posterior' | 'sign' | 'soft', f: (m: number) => number) => {
      const g = bernoulliLearnerGroups(name, levels, eps);
      expect(g.counts.reduce((s, k) => s + k, 0)).toBe(total);
      expect([...g.values]).toEqual([...g.values].sort((a, b) => a - b));
      expect(new Set(g.values).size).toBe(g.values.length);
      const want = new Map<number, number>();
      levels.forEach((k, l) => {
        if (k > 0) want.set(f(2 * l - n), (want.get(f(2 * l - n)) ?? 0) + k);
      });
      expect(new Map(g.values.map((v, i) => [v, g.counts[i]]))).toEqual(want);
    };
    expectFor('mean', (m) => m);
    expectFor('posterior', (m) => m);
    expectFor('sign', (m) => Math.sign(m));
    expectFor('soft', (m) => (Math.abs(m / n) - eps > 0 ? Math.sign(m) * (Math.abs(m / n) - eps) : 0));
  });

  it('trainLogistic separates separable data, lowers its objective with more iterations, and names bad options', () => {
    // Two clusters at ±(1, 1): separable by w ∝ (1, 1).
    const X = Float64Array.of(1, 1.2, 0.8, 1, 1.1, 0.9, -1, -1.1, -0.9, -1, -1.2, -0.8);
    const y = Float64Array.of(1, 1, 1, -1, -1, -1);
    const lab = { n: 6, d: 2, X, y };
    const short = trainLogistic(lab, { iterations: 5 });
    const long = trainLogistic(lab, { iterations: 300 });
    expect(long.objective).toBeLessThan(short.objective);
    for (let i = 0; i < 6; i++) expect(y[i] * (long.w[0] * X[2 * i] + long.w[1] * X[2 * i + 1] + long.b)).toBeGreaterThan(0);
    expect(long.iterations).toBe(300);
    // The objective is what its doc says: mean logistic loss + (λ/2)‖w‖².
    let loss = 0;
    for (let i = 0; i < 6; i++) loss += Math.log1p(Math.exp(-y[i] * (long.w[0] * X[2 * i] + long.w[1] * X[2 * i + 1] + long.b)));
    expect(long.objective).toBeCloseTo(loss / 6 + 0.5e-3 * (long.w[0] ** 2 + long.w[1] ** 2), 10);
    // Stronger regularisation, smaller weights.
    expect(Math.hypot(...trainLogistic(lab, { lambda: 1, iterations: 300 }).w)).toBeLessThan(Math.hypot(...long.w));
    expect(() => trainLogistic(lab, { lambda: -1 })).toThrow('trainLogistic: lambda must be ≥ 0, got -1');
    expect(() => trainLogistic(lab, { iterations: 0 })).toThrow(/trainLogistic: iterations must be an integer in \[1, ∞\], got 0/);
    expect(() => trainLogistic({ ...lab, n: 1 })).toThrow(/trainLogistic: n must be an integer in \[2, ∞\], got 1/);
    expect(() => softThreshold(Float64Array.of(1), -0.1)).toThrow('softThreshold: eps must be ≥ 0, got -0.1');
    expect(() => gaussianLearner('svm' as 'mean', Float64Array.of(1), 1, 1, 0)).toThrow(
      'gaussianLearner: learner must be one of mean, posterior, soft, sign, constant, got "svm"',
    );
    expect(() => bernoulliLearnerGroups('constant', [1, 1], 0)).toThrow('bernoulliLearnerGroups: the constant learner has no weights');
  });
});

describe('exact errors (errors.ts): edge cases and named bad input', () => {
  it('w = 0 errs on every point; binomial windows at p ∈ {0, 1} and k = 0 are point masses; bad σ, τ, ε, k, p are named', () => {
    const zero = linearStats(new Float64Array(3), Float64Array.of(1, 1, 1));
    expect(gaussianStandardError(zero, 1)).toBe(1);
    expect(gaussianRobustError(zero, 1, 0.1)).toBe(1);
    expect(gaussianRobustArg(zero, 1, 0.1)).toBe(Infinity);
    expect(binomialPmfWindow(0, 0.3)).toEqual({ lo: 0, pmf: Float64Array.of(1) });
    expect(binomialPmfWindow(5, 0)).toEqual({ lo: 0, pmf: Float64Array.of(1) });
    expect(binomialPmfWindow(5, 1)).toEqual({ lo: 5, pmf: Float64Array.of(1) });
    const w = binomialPmfWindow(40, 0.3);
    let total = 0;
    w.pmf.forEach((v, i) => {
      total += v;
      expect(v).toBeCloseTo(binPmf(40, 0.3, w.lo + i), 10);
    });
    expect(total).toBeCloseTo(1, 9); // the mode is placed by lgamma (≈ 1e-11 relative)
    expect(() => linearStats(Float64Array.of(1), Float64Array.of(1, 2))).toThrow('linearStats: w and theta differ in length');
    for (const s of [0, -1, Infinity, NaN])
      expect(() => gaussianStandardError(zero, s)).toThrow(`gaussianStandardError: sigma must be a finite number > 0, got ${s}`);
    expect(() => gaussianRobustArg(zero, 0, 0.1)).toThrow('gaussianRobustArg: sigma must be a finite number > 0, got 0');
    expect(() => binomialPmfWindow(-1, 0.5)).toThrow('binomialPmfWindow: k must be an integer ≥ 0');
    expect(() => binomialPmfWindow(2.5, 0.5)).toThrow('binomialPmfWindow: k must be an integer ≥ 0');
    for (const p of [-0.1, 1.1, NaN]) expect(() => binomialPmfWindow(3, p)).toThrow(`binomialPmfWindow: p must be in [0, 1], got ${p}`);
    const g = { values: [-1, 1], counts: [3, 5] };
    for (const tau of [-0.1, 0.6, NaN])
      expect(() => bernoulliSignWeightsError(g, tau, 0)).toThrow(`bernoulliSignWeightsError: tau must be in [0, ½], got ${tau}`);
    for (const eps of [-1, Infinity]) expect(() => bernoulliSignWeightsError(g, 0.1, eps)).toThrow('bernoulliSignWeightsError: eps must');
    expect(() => bernoulliSignWeightsError({ values: [-1, 2], counts: [1, 1] }, 0.1, 0)).toThrow(
      'bernoulliSignWeightsError: weights must take values in a·{−1, 0, +1}',
    );
    expect(() => bernoulliThresholdedRobustError(g, 0.7, 0)).toThrow('bernoulliThresholdedRobustError: tau must be in [0, ½], got 0.7');
    expect(() => bernoulliThresholdedRobustError(g, 0.1, -1)).toThrow('bernoulliThresholdedRobustError: eps must');
    expect(() => bernoulliThresholdedRobustError({ values: [1, 3], counts: [1, 1] }, 0.1, 1)).toThrow(
      'bernoulliThresholdedRobustError: weights must take values',
    );
    expect(() => bernoulliThresholdedRobustError(g, 0.1, 1)).toThrow('bernoulliThresholdedRobustError: at ε = 1 the error depends o');
    // No weight at all: every point is an error (margin 0 counts as an error); ε > 1 under thresholding loses every point.
    expect(bernoulliSignWeightsError({ values: [0], counts: [4] }, 0.1, 0)).toBe(1);
    expect(bernoulliThresholdedRobustError(g, 0.1, 1.5)).toBe(1);
    expect(bernoulliThresholdedRobustError({ values: [0], counts: [4] }, 0.1, 0.5)).toBe(1);
    // Sign weights with a common scale a: the error does not depend on a (and values 0 or empty groups are ignored).
    expect(bernoulliSignWeightsError({ values: [-2, 0, 2], counts: [3, 4, 5] }, 0.1, 0.2)).toBeCloseTo(
      bernoulliSignWeightsError({ values: [-1, 1], counts: [3, 5] }, 0.1, 0.2),
      12,
    );
    expect(bernoulliSignWeightsError({ values: [-1, 1, 3], counts: [3, 5, 0] }, 0.1, 0.2)).toBeCloseTo(
      bernoulliSignWeightsError({ values: [-1, 1], counts: [3, 5] }, 0.1, 0.2),
      12,
    );
  });

  test.prop([
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 0, max: 30 }),
    fc.double({ min: 0, max: 0.5, noNaN: true }),
    fc.double({ min: 0, max: 0.9, noNaN: true }),
  ])('sign-weight robust error = P(A + B′ ≤ ⌊(1+ε)S/2⌋) by enumeration of A ~ Bin(K₊, q), B′ ~ Bin(K₋, 1 − q)', (kp, km, tau, eps) => {
    const q = 0.5 + tau;
    const S = kp + km;
    const cut = Math.floor(((1 + eps) * S) / 2 + 1e-9);
    let want = 0;
    for (let a = 0; a <= kp; a++) for (let b = 0; b <= km; b++) if (a + b <= cut) want += binPmf(kp, q, a) * binPmf(km, 1 - q, b);
    expect(bernoulliSignWeightsError({ values: [-1, 1], counts: [km, kp] }, tau, eps)).toBeCloseTo(want, 9);
    expect(sumOfTwoBinomialsCdf(kp, q, km, 1 - q, cut)).toBeCloseTo(want, 9);
  });
});

/** Binomial pmf C(n, l) p^l (1 − p)^{n−l} from an independent log Γ (the implementation uses jStat's). */
function binPmf(n: number, p: number, l: number): number {
  return Math.exp(lgammaOf(n + 1) - lgammaOf(l + 1) - lgammaOf(n - l + 1)) * p ** l * (1 - p) ** (n - l);
}

/** log Γ(x) by Lanczos (g = 7), for the enumeration oracles. */
function lgammaOf(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgammaOf(1 - x);
  const z = x - 1;
  let s = c[0];
  for (let i = 1; i < 9; i++) s += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

describe('model samplers: first moments against the model (fast; the agreement-in-law tests are in the gates)', () => {
  it('level counts: Σ k_ℓ = d and E k_ℓ = d·P(Bin(n, ½ + τ) = ℓ); sign counts: E K₊ = d·P(Bin > n/2), E K₀ = d·P(Bin = n/2)', () => {
    const d = 30;
    const draws = 3000;
    for (const [n, tau] of [
      [4, 0.1],
      [5, 0.25],
    ] as const) {
      const q = 0.5 + tau;
      const mean = new Array<number>(n + 1).fill(0);
      const sign = { plus: 0, zero: 0, minus: 0 };
      for (let t = 0; t < draws; t++) {
        const k = sampleLevelCounts(new Stream(`lc/${n}/${t}`), d, n, tau);
        expect(k).toHaveLength(n + 1);
        expect(k.reduce((s, v) => s + v, 0)).toBe(d);
        k.forEach((v, l) => (mean[l] += v / draws));
        const s = sampleSignCounts(new Stream(`sc/${n}/${t}`), d, n, tau);
        expect(s.plus + s.zero + s.minus).toBe(d);
        sign.plus += s.plus / draws;
        sign.zero += s.zero / draws;
      }
      for (let l = 0; l <= n; l++) {
        const p = binPmf(n, q, l);
        // The mean of a Bin(d, p) count over `draws` draws: 5 standard errors.
        expect(Math.abs(mean[l] - d * p)).toBeLessThan(5 * Math.sqrt((d * p * (1 - p)) / draws) + 1e-9);
      }
      let pPlus = 0;
      for (let l = 0; l <= n; l++) if (2 * l > n) pPlus += binPmf(n, q, l);
      const pZero = n % 2 === 0 ? binPmf(n, q, n / 2) : 0;
      expect(Math.abs(sign.plus - d * pPlus)).toBeLessThan(5 * Math.sqrt((d * pPlus * (1 - pPlus)) / draws) + 1e-9);
      expect(Math.abs(sign.zero - d * pZero)).toBeLessThan(5 * Math.sqrt((d * pZero * (1 - pZero)) / draws) + 1e-9);
    }
  });

  it('explicit Bernoulli data: aligned counts c_j ~ Bin(n, ½ + τ) and their level histogram', () => {
    const d = 400;
    const n = 6;
    const tau = 0.2;
    const theta = bernoulliTheta(new Stream('bt'), d);
    expect(theta.every((v) => v === 1 || v === -1)).toBe(true);
    const data = sampleBernoulliData(new Stream('bd'), theta, tau, n);
    expect(data.X.every((v) => v === 1 || v === -1)).toBe(true);
    const c = alignedCounts(data, theta);
    const levels = levelCountsOf(c, n);
    expect(levels.reduce((s, v) => s + v, 0)).toBe(d);
    levels.forEach((k, l) => expect(k).toBe(Array.from(c).filter((v) => v === l).length));
    const meanC = c.reduce((s, v) => s + v, 0) / d;
    expect(Math.abs(meanC - n * (0.5 + tau))).toBeLessThan(5 * Math.sqrt((n * 0.7 * 0.3) / d));
  });

  it('Gaussian sufficient statistics: E⟨ŵ, θ*⟩ = nd, E‖ŵ‖² = n²d + σ²nd (inner products and the explicit mean sum)', () => {
    const d = 50;
    const n = 3;
    const sigma = 2;
    const draws = 4000;
    let wt = 0;
    let w2 = 0;
    for (let t = 0; t < draws; t++) {
      const s = sampleGaussianMeanInnerProducts(new Stream(`gi/${t}`), d, sigma, n);
      wt += s.wTheta / draws;
      w2 += s.wNormSq / draws;
    }
    // sd(⟨ŵ, θ⟩) = σ√(nd) = 24.5; sd(‖ŵ‖²) ≈ √(4n³dσ² + 2σ⁴n²d) ≈ 149.
    expect(Math.abs(wt - n * d)).toBeLessThan((5 * sigma * Math.sqrt(n * d)) / Math.sqrt(draws));
    expect(Math.abs(w2 - (n * n * d + sigma * sigma * n * d))).toBeLessThan(
      (5 * Math.sqrt(4 * n ** 3 * d * sigma ** 2 + 2 * sigma ** 4 * n * n * d)) / Math.sqrt(draws),
    );
    const theta = gaussianTheta(new Stream('gt'), 2000, 'ones');
    const sum = meanSum(sampleGaussianData(new Stream('gd'), theta, sigma, n));
    const avg = sum.reduce((s, v) => s + v, 0) / 2000;
    expect(Math.abs(avg - n)).toBeLessThan((5 * sigma * Math.sqrt(n)) / Math.sqrt(2000));
    const fast = sampleGaussianMeanSum(new Stream('gm'), theta, sigma, n);
    expect(Math.abs(fast.reduce((s, v) => s + v, 0) / 2000 - n)).toBeLessThan((5 * sigma * Math.sqrt(n)) / Math.sqrt(2000));
    expect(Array.from(gaussianTheta(new Stream('x'), 4, 'spike'))).toEqual([2, 0, 0, 0]);
    expect(gaussianTheta(new Stream('x'), 9, 'hypercube').every((v) => Math.abs(v) === 1)).toBe(true);
    expect(() => gaussianTheta(new Stream('x'), 4, 'round' as 'ones')).toThrow('gaussianTheta: kind must be one of hypercube, ones, spike, got "round"');
  });
});

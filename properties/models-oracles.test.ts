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
} from '../src/models/schmidtTrials.js';
import { LINEAR_LEARNERS } from '../src/models/learners.js';
import { Stream } from '../src/random/stream.js';
import { normalCdf, normalPdf, normalQuantile } from '../src/stats/normal.js';
import { clopperPearson } from '../src/stats/intervals.js';

/**
 * Oracle properties of src/models/schmidtTrials.ts (the per-trial functions of the Schmidt
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
    for (const [mu, s] of [[1, 0.5], [1, 3], [0, 2], [-0.5, 1]]) {
      let acc = 0;
      const h = 1e-3;
      for (let z = -12; z <= 12; z += h) acc += Math.abs(mu + s * z) * normalPdf(z) * h;
      expect(meanAbsNormal(mu, s)).toBeCloseTo(acc, 4);
    }
  });

  test.prop([fc.integer({ min: 0, max: 1e6 }), fc.constantFrom<'mean' | 'sign'>('mean', 'sign'), fc.constantFrom(1, 4, 16), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 6 })(
    'at d = 2.5·10⁵ the exact robust error is Φ((ε E‖w‖₁ − E⟨w, θ*⟩)/(σ√E‖w‖²)) up to 5 standard deviations (mean and sign learners)',
    (seed, learner, n, f) => {
      const d = 250_000;
      const sigma = sigmaOf(0.5, d);
      // ε chosen so that the predicted argument is a = −2.5 + 5f (an unsaturated Φ).
      const a = -2.5 + 5 * f;
      const sd = sigma / Math.sqrt(n);
      const eps = learner === 'mean' ? (a * sigma * Math.sqrt(d * (1 + sd * sd)) + d) / (d * meanAbsNormal(1, sd)) : (a * sigma * Math.sqrt(d) + d * (2 * normalCdf(1 / sd) - 1)) / d;
      const err = gaussianRobustErrorOf(new Stream(seed), d, sigma, n, eps, learner);
      expect(predictedArg(learner, d, sigma, n, eps)).toBeCloseTo(a, 9);
      // The argument fluctuates by at most (1 + ε)/σ (one standard deviation): ⟨w, θ*⟩ and ε‖w‖₁ have sd ≤ s√d, ‖w‖₂ concentrates.
      if (eps >= 0) expect(Math.abs(normalQuantile(err) - a)).toBeLessThan((5 * (1 + eps)) / sigma);
      expect(err).toBeGreaterThanOrEqual(0);
      expect(err).toBeLessThanOrEqual(1);
    },
  );

  test.prop([fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(...LINEAR_LEARNERS), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 60 })(
    '"robust error ≤ 1%" is exactly the threshold of the exact robust error (same stream); error grows with ε',
    (seed, learner, logd, n, f) => {
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
    },
  );

  test.prop([fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 0.5, noNaN: true })])('the posterior-mean learner is a rescaled mean: identical robust errors', (seed, n, eps) => {
    const d = 500;
    const sigma = sigmaOf(0.7, d);
    expect(gaussianRobustErrorOf(new Stream(seed), d, sigma, n, eps, 'posterior')).toBeCloseTo(gaussianRobustErrorOf(new Stream(seed), d, sigma, n, eps, 'mean'), 12);
  });

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
  test.prop([fc.integer({ min: 0, max: 1e6 }), fc.constantFrom<'mean' | 'sign'>('mean', 'sign'), fc.integer({ min: 1, max: 9 }), fc.double({ min: 0, max: 0.3, noNaN: true })], { numRuns: 40 })(
    '"robust error ≤ 1%" thresholds the exact error on the same stream; the error is a probability, nondecreasing in ε',
    (seed, learner, nDrawn, eps) => {
      const n = learner === 'mean' ? 1 : nDrawn; // the exact error covers weights in a·{−1, 0, 1}: one sample for the mean
      const err = bernoulliRobustErrorOf(new Stream(seed), 400, 0.15, n, eps, learner);
      expect(err).toBeGreaterThanOrEqual(0);
      expect(err).toBeLessThanOrEqual(1);
      expect(bernoulliRobustOk(new Stream(seed), 400, 0.15, n, eps, learner)).toBe(err <= ERROR_TARGET);
      expect(bernoulliRobustErrorOf(new Stream(seed), 400, 0.15, n, eps + 0.1, learner)).toBeGreaterThanOrEqual(err - 1e-12);
    },
  );

  it('sampled robust mistakes average to the exact robust error (same learner law; 95% Clopper–Pearson at 1e-4)', () => {
    const trials = 3000;
    for (const [learner, eps] of [['mean', 0.1], ['sign', 0.2]] as const) {
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

import type { Stream } from '../../../core/random/stream.js';
import { normalCdf, normalQuantile } from '../../../core/stats/normal.js';
import { sampleLevelCounts, sampleBernoulliRobustMargin, sampleSignCounts, sampleThetaSplit } from './bernoulliModel.js';
import {
  bernoulliSignWeightsError,
  bernoulliThresholdedRobustError,
  gaussianRobustArg,
  gaussianStandardError,
  linearStats,
  signCounts,
  type WeightGroups,
} from './errors.js';
import { meanRobustOkAcrossN } from './gaussianMeanRobustSet.js';
import { sampleGaussianMeanInnerProducts, sampleGaussianMeanSum, sampleGaussianPrior } from './gaussianModel.js';
import { bernoulliLearnerGroups, gaussianLearner, type LearnerName } from './learners.js';

/**
 * One trial of each experiment of Schmidt et al., on sufficient statistics (exact in law):
 * "error ≤ 1%" events use the exact closed forms / binomial CDFs of the learned classifier;
 * "expected error" events draw one fresh test point's (robust) margin exactly.
 * θ* = (1, …, 1) in the Gaussian upper-bound trials and aligned counts in the Bernoulli trials:
 * every learner is equivariant under coordinate sign flips, so any θ* ∈ {±1}^d gives the same law.
 * @internal
 */
export const ERROR_TARGET = 0.01;
/** Φ⁻¹(0.99): β_ε(w) ≤ 1% ⇔ (ε‖w‖₁ − ⟨w, θ*⟩)/(σ‖w‖₂) ≤ −z₀.₉₉. */
export const Z99 = -normalQuantile(ERROR_TARGET);

const onesCache = new Map<number, Float64Array>();
/** θ* = (1, …, 1) ∈ R^d (cached: read-only). */
export function onesTheta(d: number): Float64Array {
  let t = onesCache.get(d);
  if (!t) {
    t = new Float64Array(d).fill(1);
    if (onesCache.size > 8) onesCache.clear();
    onesCache.set(d, t);
  }
  return t;
}

/** σ = c·d^{1/4}. */
export const sigmaOf = (c: number, d: number): number => c * Math.pow(d, 0.25);
/** ε at fraction f ∈ [0, 1] of the log-range [¼d^{−1/4}, ¼]: ¼·d^{−(1−f)/4}. */
export const epsAtFraction = (d: number, f: number): number => 0.25 * Math.pow(d, -(1 - f) / 4);

/** Gaussian, n samples, learner: the exact ℓ∞ robust error β_ε(w) of the learned classifier (θ* = 1). O(d). */
export function gaussianRobustErrorOf(rng: Stream, d: number, sigma: number, n: number, eps: number, learner: LearnerName = 'mean'): number {
  if (learner === 'constant') return 0.5; // predicts +1: errs w.p. ½, perturbed or not
  const theta = onesTheta(d);
  const w = gaussianLearner(learner, sampleGaussianMeanSum(rng, theta, sigma, n), n, sigma, eps) as Float64Array;
  return normalCdf(gaussianRobustArg(linearStats(w, theta), sigma, eps));
}

/** Gaussian, n samples, learner (mean by default): is β_ε(w) ≤ 1%, i.e. (ε‖w‖₁ − ⟨w,θ*⟩)/(σ‖w‖₂) ≤ −z₀.₉₉? O(d). */
export function gaussianRobustOk(rng: Stream, d: number, sigma: number, n: number, eps: number, learner: LearnerName = 'mean'): boolean {
  if (learner === 'constant') return 0.5 <= ERROR_TARGET;
  const theta = onesTheta(d);
  const w = gaussianLearner(learner, sampleGaussianMeanSum(rng, theta, sigma, n), n, sigma, eps) as Float64Array;
  return gaussianRobustArg(linearStats(w, theta), sigma, eps) <= -Z99;
}

const acrossN = new Map<string, (n: number, rng: Stream) => boolean>();

/**
 * gaussianRobustOk of the mean learner as a function of (n, trial stream) at fixed (d, σ, ε), for searches over n
 * whose probes share their trial streams: the same decisions as gaussianRobustOk(rng, d, σ, n, ε), each trial's
 * O(d) draw reduced once to its interval of n (gaussianMeanRobustSet.ts), so a trial costs O(d) once instead of
 * at every probe. Cached per (d, σ, ε).
 */
export function gaussianRobustOkAcrossN(d: number, sigma: number, eps: number): (n: number, rng: Stream) => boolean {
  const key = `${d}|${sigma}|${eps}`;
  let f = acrossN.get(key);
  if (!f) {
    f = meanRobustOkAcrossN(d, sigma, eps, Z99, (rng, n) => gaussianRobustOk(rng, d, sigma, n, eps));
    if (acrossN.size >= 8) acrossN.clear();
    acrossN.set(key, f);
  }
  return f;
}

/** Gaussian, one sample ŵ = yx: is the standard error β(ŵ) ≤ 1%? O(1) (dimension-free). */
export function gaussianSingleSampleOk(rng: Stream, d: number, sigma: number): boolean {
  const s = sampleGaussianMeanInnerProducts(rng, d, sigma, 1);
  return gaussianStandardError({ wTheta: s.wTheta, wNorm2: Math.sqrt(s.wNormSq) }, sigma) <= ERROR_TARGET;
}

/**
 * Lower-bound experiment (Thm 11): θ ~ N(0, I_d), ŵ = nθ + σ√n g, the learner's w, and a fresh test
 * point: y⟨w, x⟩ ~ N(⟨w, θ⟩, σ²‖w‖²), so the robust margin is ⟨w, θ⟩ + σ‖w‖₂ z − ε‖w‖₁. Returns true
 * when that point is robustly misclassified (margin ≤ 0). O(d).
 */
export function gaussianPriorRobustMistake(rng: Stream, d: number, sigma: number, n: number, eps: number, learner: LearnerName): boolean {
  if (learner === 'constant') return rng.sign() < 0; // predicts +1: wrong on y = −1
  const theta = sampleGaussianPrior(rng.child('theta'), d);
  const w = gaussianLearner(learner, sampleGaussianMeanSum(rng.child('data'), theta, sigma, n), n, sigma, eps) as Float64Array;
  const s = linearStats(w, theta);
  if (s.wNorm2 === 0) return true;
  return s.wTheta + sigma * s.wNorm2 * rng.child('test').normal() - eps * s.wNorm1 <= 0;
}

/** Aligned weight groups of a Bernoulli learner trained on n samples (sign: O(√n) fast path, same law). */
function bernoulliGroups(rng: Stream, d: number, tau: number, n: number, eps: number, learner: LearnerName): WeightGroups {
  if (learner === 'sign') {
    const k = sampleSignCounts(rng, d, n, tau);
    return { values: [-1, 0, 1], counts: [k.minus, k.zero, k.plus] };
  }
  return bernoulliLearnerGroups(learner, sampleLevelCounts(rng, d, n, tau), eps);
}

/** Bernoulli, n samples, learner with aligned weights in a·{−1, 0, 1} (mean of one sample, sign): the exact robust error. */
export function bernoulliRobustErrorOf(rng: Stream, d: number, tau: number, n: number, eps: number, learner: LearnerName): number {
  return bernoulliSignWeightsError(bernoulliGroups(rng, d, tau, n, eps, learner), tau, eps);
}

/** Bernoulli: is that exact robust error ≤ 1%? */
export function bernoulliRobustOk(rng: Stream, d: number, tau: number, n: number, eps: number, learner: LearnerName): boolean {
  return bernoulliRobustErrorOf(rng, d, tau, n, eps, learner) <= ERROR_TARGET;
}

/** Bernoulli, n samples, any linear learner: is a fresh test point robustly misclassified? (exact sampling of the margin) */
export function bernoulliRobustMistake(rng: Stream, d: number, tau: number, n: number, eps: number, learner: LearnerName): boolean {
  if (learner === 'constant') return rng.sign() < 0;
  return sampleBernoulliRobustMargin(rng.child('test'), bernoulliGroups(rng.child('data'), d, tau, n, eps, learner), tau, eps) <= 0;
}

/** Bernoulli, one sample ŵ = yx, classifier f_ŵ∘T (Thm 10): exact ℓ∞ robust error ≤ 1% (θ* uniform)? */
export function bernoulliThresholdedOk(rng: Stream, d: number, tau: number, eps: number): boolean {
  const g = bernoulliLearnerGroups('mean', sampleLevelCounts(rng.child('data'), d, 1, tau), 0);
  const c = signCounts(g);
  const split = c && eps === 1 ? sampleThetaSplit(rng.child('theta'), c.agree, c.disagree) : undefined;
  return bernoulliThresholdedRobustError(g, tau, eps, split) <= ERROR_TARGET;
}

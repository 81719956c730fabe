import { findThreshold, type ThresholdResult } from '#core/checks/threshold.js';
import type { Stream } from '#core/random/stream.js';
import { gaussianRobustOk, gaussianSingleSampleOk, sigmaOf } from '../../model/schmidtTrials.js';

/**
 * A threshold search with the calibration's test settings: bisection over [lo, hi] with an SPRT
 * per probe of P[event] ≥ level at α = 10⁻³, β = 0.1, indifference δ = 0.05, at most `cap` trials.
 */
export function calSearch(
  event: (v: number, rng: Stream) => boolean,
  rng: Stream,
  level: number,
  cap: number,
  range: { lo: number; hi: number; integer: boolean; relTol?: number; direction?: 'holds-above' | 'holds-below' },
): ThresholdResult {
  return findThreshold({ event, p0: level, delta: 0.05, alpha: 1e-3, beta: 0.1, cap, rng, ...range });
}

/** Largest c with P[β(yx) ≤ 1%] ≥ level at σ = c·d^{1/4} (Gaussian model, one sample; bisection in c ∈ [0.05, 3], relative resolution 0.5%). */
export function cCritical(rng: Stream, d: number, level: number, cap: number): ThresholdResult {
  return calSearch((c, r) => gaussianSingleSampleOk(r, d, sigmaOf(c, d)), rng, level, cap, {
    lo: 0.05,
    hi: 3,
    integer: false,
    relTol: 0.005,
    direction: 'holds-below',
  });
}

/** Largest ε at which n samples still give robust error ≤ 1% at level `level` (bisection in ε). */
export function epsCritical(rng: Stream, d: number, sigma: number, n: number, level: number, cap: number): ThresholdResult {
  return calSearch((eps, r) => gaussianRobustOk(r, d, sigma, n, eps), rng, level, cap, {
    lo: 0.02 * Math.pow(d, -0.25),
    hi: 1,
    integer: false,
    relTol: 0.005,
    direction: 'holds-below',
  });
}

import { findThreshold, type ThresholdResult } from '#core/checks/threshold.js';
import type { Stream } from '#core/random/stream.js';
import type { DecisionContext } from '#core/claim/types.js';
import { bernoulliRobustOk, bernoulliThresholdedOk, gaussianRobustOk, gaussianSingleSampleOk, sigmaOf } from '../../model/schmidtTrials.js';

/**
 * A threshold search with the calibration's test settings: bisection over [lo, hi] with an SPRT per
 * probe of P[event] ≥ level at α = 10⁻³, β = 0.1, indifference δ = 0.05, at most `cap` trials (how
 * the constants of Schmidt et al. 2018's main-text theorems are calibrated).
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

/**
 * c*(d): the largest c with P[β(yx) ≤ 1%] ≥ level at σ = c·d^{1/4} (Gaussian model of Schmidt et al.
 * 2018, one sample; bisection in c ∈ [0.05, 3], relative resolution 0.5%).
 */
export function cCritical(rng: Stream, d: number, level: number, cap: number): ThresholdResult {
  return calSearch((c, r) => gaussianSingleSampleOk(r, d, sigmaOf(c, d)), rng, level, cap, {
    lo: 0.05,
    hi: 3,
    integer: false,
    relTol: 0.005,
    direction: 'holds-below',
  });
}

/**
 * The largest ε with P[β_ε(ŵ) ≤ 1%] ≥ level for ŵ = Σ y_i x_i from n samples at noise σ (Gaussian model
 * of Schmidt et al. 2018; bisection in ε ∈ [0.02·d^{−1/4}, 1], relative resolution 0.5%).
 */
export function epsCritical(rng: Stream, d: number, sigma: number, n: number, level: number, cap: number): ThresholdResult {
  return calSearch((eps, r) => gaussianRobustOk(r, d, sigma, n, eps), rng, level, cap, {
    lo: 0.02 * Math.pow(d, -0.25),
    hi: 1,
    integer: false,
    relTol: 0.005,
    direction: 'holds-below',
  });
}

/**
 * n* of the Bernoulli model of Schmidt et al. 2018 (Thm 9/10) at (τ, ε): the smallest n with
 * P[exact robust error of sign(ŵ) ≤ 1%] ≥ 0.9 (bisection over [1, 2²⁰], SPRT per probe at the check's
 * α, β); for "threshold" the f∘T classifier, whose one sample suffices (n* = 1, or 2 when even one fails).
 */
export function bSignNStar(d: number, tau: number, eps: number, learner: 'sign' | 'threshold', rng: Stream, ctx: DecisionContext): number {
  if (learner === 'threshold') {
    const r = findThreshold({
      event: (n, rr) => bernoulliThresholdedOk(rr, d, tau, Math.min(eps, 0.999)),
      p0: 0.9,
      delta: 0.05,
      alpha: ctx.alpha,
      beta: ctx.beta,
      cap: ctx.budget.trials,
      rng,
      lo: 1,
      hi: 1,
      integer: true,
    });
    return r.holdsAt ?? 2;
  }
  const r = findThreshold({
    event: (n, rr) => bernoulliRobustOk(rr, d, tau, n, eps, 'sign'),
    p0: 0.9,
    delta: 0.05,
    alpha: ctx.alpha,
    beta: ctx.beta,
    cap: ctx.budget.trials,
    rng,
    lo: 1,
    hi: 1 << 20,
    integer: true,
  });
  return r.holdsAt ?? 1 << 21;
}

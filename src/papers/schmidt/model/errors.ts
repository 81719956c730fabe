import { jStat } from '../../../core/stats/jstat.js';
import { normalCdf } from '../../../core/stats/normal.js';

/**
 * Exact classification errors of linear classifiers f_w(x) = sgn⟨w, x⟩ in Schmidt et al.'s models.
 * Convention: sgn(0) = 0 ≠ y, so a margin of exactly 0 is an error (w = 0 errs on every point).
 * ℓ∞ robust error: P[∃x′, ‖x′ − x‖∞ ≤ ε, f(x′) ≠ y]; for a linear f the worst case is
 * x′ = x − yε·sgn(w) (src/papers/schmidt/model/linfLinear.ts), i.e. the robust margin is y⟨w, x⟩ − ε‖w‖₁.
 */

// ---------------------------------------------------------------- Gaussian model, closed forms

/** The three numbers the Gaussian errors of a fixed w depend on. */
export interface LinearStats {
  /** ⟨w, θ⟩ */
  wTheta: number;
  /** ‖w‖₁ */
  wNorm1: number;
  /** ‖w‖₂ */
  wNorm2: number;
}

/** ⟨w, θ⟩, ‖w‖₁, ‖w‖₂ in one pass. */
export function linearStats(w: Float64Array, theta: Float64Array): LinearStats {
  if (w.length !== theta.length) throw new RangeError(`linearStats: w and theta differ in length (${w.length} vs ${theta.length})`);
  let wt = 0;
  let l1 = 0;
  let l2 = 0;
  for (let j = 0; j < w.length; j++) {
    const v = w[j];
    wt += v * theta[j];
    l1 += Math.abs(v);
    l2 += v * v;
  }
  return { wTheta: wt, wNorm1: l1, wNorm2: Math.sqrt(l2) };
}

function requireSigma(api: string, sigma: number): void {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`${api}: sigma must be a finite number > 0, got ${sigma}`);
}

/**
 * Argument of the Gaussian robust error: (ε‖w‖₁ − ⟨w, θ*⟩)/(σ‖w‖₂), so β_ε(w) = Φ(arg).
 * y⟨w, x⟩ ~ N(⟨w, θ*⟩, σ²‖w‖₂²) and the worst case subtracts ε‖w‖₁. +∞ for w = 0 (always wrong).
 */
export function gaussianRobustArg(s: LinearStats, sigma: number, eps: number): number {
  requireSigma('gaussianRobustArg', sigma);
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`gaussianRobustArg: eps must be a finite number ≥ 0, got ${eps}`);
  if (s.wNorm2 === 0) return Infinity;
  return (eps * s.wNorm1 - s.wTheta) / (sigma * s.wNorm2);
}

/** Standard error β(w) = Φ(−⟨w, θ*⟩/(σ‖w‖₂)) (Schmidt et al., Gaussian model). 1 for w = 0. */
export function gaussianStandardError(s: Pick<LinearStats, 'wTheta' | 'wNorm2'>, sigma: number): number {
  requireSigma('gaussianStandardError', sigma);
  if (s.wNorm2 === 0) return 1;
  return normalCdf(-s.wTheta / (sigma * s.wNorm2));
}

/** ℓ∞ robust error β_ε(w) = Φ((ε‖w‖₁ − ⟨w, θ*⟩)/(σ‖w‖₂)). 1 for w = 0. */
export function gaussianRobustError(s: LinearStats, sigma: number, eps: number): number {
  const a = gaussianRobustArg(s, sigma, eps);
  return a === Infinity ? 1 : normalCdf(a);
}

/**
 * Lower bound of Thm 11 (arXiv 1804.11285v2 appendix): with θ ~ N(0, I), every learner from n
 * samples has expected ℓ∞ robust error ≥ ½·P_v[√(n/(σ²+n))·‖v‖∞ ≤ ε] = ½(2Φ(t) − 1)^d,
 * t = ε√((σ² + n)/n). Computed as ½·exp(d·log1p(−2Φ(−t))).
 */
export function thm11LowerBound(d: number, sigma: number, n: number, eps: number): number {
  requireSigma('thm11LowerBound', sigma);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`thm11LowerBound: d must be an integer ≥ 1, got ${d}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`thm11LowerBound: n must be an integer ≥ 1, got ${n}`);
  if (!(eps >= 0)) throw new RangeError(`thm11LowerBound: eps must be ≥ 0, got ${eps}`);
  const t = eps * Math.sqrt((sigma * sigma + n) / n);
  return 0.5 * Math.exp(d * Math.log1p(-2 * normalCdf(-t)));
}

// ---------------------------------------------------------------- binomials, exactly

/** pmf of Bin(k, p) on a window [lo, lo + pmf.length − 1] holding all but < 1e-40 (relative to the mode) of the mass. */
export interface PmfWindow {
  lo: number;
  pmf: Float64Array;
}

const REL_CUT = 1e-40;

/**
 * Binomial pmf P(A = a) = C(k, a) p^a (1 − p)^{k−a} on the window around the mode where it exceeds
 * 1e-40 × its maximum: the mode from lgamma, then the ratio recurrence
 * P(a+1)/P(a) = (k − a)/(a + 1) · p/(1 − p) outwards. O(window) = O(√k).
 */
export function binomialPmfWindow(k: number, p: number): PmfWindow {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`binomialPmfWindow: k must be an integer ≥ 0, got ${k}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialPmfWindow: p must be in [0, 1], got ${p}`);
  if (k === 0 || p === 0) return { lo: 0, pmf: Float64Array.of(1) };
  if (p === 1) return { lo: k, pmf: Float64Array.of(1) };
  const mode = Math.min(k, Math.floor((k + 1) * p));
  const logMode = jStat.gammaln(k + 1) - jStat.gammaln(mode + 1) - jStat.gammaln(k - mode + 1) + mode * Math.log(p) + (k - mode) * Math.log1p(-p);
  const pm = Math.exp(logMode);
  const r = p / (1 - p);
  const up: number[] = [];
  let v = pm;
  for (let a = mode; a < k; a++) {
    v *= ((k - a) / (a + 1)) * r;
    if (v < REL_CUT * pm) break;
    up.push(v);
  }
  const down: number[] = [];
  v = pm;
  for (let a = mode; a > 0; a--) {
    v *= a / (k - a + 1) / r;
    if (v < REL_CUT * pm) break;
    down.push(v);
  }
  const pmf = new Float64Array(down.length + 1 + up.length);
  for (let i = 0; i < down.length; i++) pmf[down.length - 1 - i] = down[i];
  pmf[down.length] = pm;
  for (let i = 0; i < up.length; i++) pmf[down.length + 1 + i] = up[i];
  return { lo: mode - down.length, pmf };
}

/**
 * P(A + B ≤ m) for independent A ~ Bin(k1, p1), B ~ Bin(k2, p2), exactly (up to the 1e-40
 * relative tails dropped by the windows): Σ_a P(A = a)·P(B ≤ m − a), with P(B ≤ ·) from the
 * cumulative sums of B's window. O(√k1 + √k2).
 * @internal
 */
export function sumOfTwoBinomialsCdf(k1: number, p1: number, k2: number, p2: number, m: number): number {
  const A = binomialPmfWindow(k1, p1);
  const B = binomialPmfWindow(k2, p2);
  const cdfB = new Float64Array(B.pmf.length);
  let c = 0;
  for (let i = 0; i < B.pmf.length; i++) {
    c += B.pmf[i];
    cdfB[i] = c;
  }
  const totalB = c;
  let totalA = 0;
  for (let i = 0; i < A.pmf.length; i++) totalA += A.pmf[i];
  let s = 0;
  const mf = Math.floor(m);
  for (let i = 0; i < A.pmf.length; i++) {
    const j = mf - (A.lo + i) - B.lo;
    if (j < 0) continue;
    s += A.pmf[i] * (j >= cdfB.length ? totalB : cdfB[j]);
  }
  // Normalise away the round-off of the two windows' total mass (each is 1 up to ~1e-15).
  return Math.min(1, Math.max(0, s / (totalA * totalB)));
}

// ---------------------------------------------------------------- Bernoulli model, exactly

/**
 * A linear classifier in the Bernoulli model described by its *aligned* weights v_j = w_j θ*_j,
 * grouped by value: counts[g] coordinates carry value values[g]. On a fresh test point
 * s_j = y x_j θ*_j ∈ {±1} iid with P(s_j = +1) = ½ + τ, and y⟨w, x⟩ = Σ_j v_j s_j, so the margin
 * is a sum of independent two-valued terms: Σ_g values[g]·(2A_g − counts[g]), A_g ~ Bin(counts[g], ½ + τ).
 */
export interface WeightGroups {
  values: number[];
  counts: number[];
}

function requireTau(api: string, tau: number): void {
  if (!(tau >= 0 && tau <= 0.5)) throw new RangeError(`${api}: tau must be in [0, ½], got ${tau}`);
}

/** ‖w‖₁ = Σ_g |values[g]|·counts[g]. */
export function groupsNorm1(g: WeightGroups): number {
  let s = 0;
  for (let i = 0; i < g.values.length; i++) s += Math.abs(g.values[i]) * g.counts[i];
  return s;
}

/** Counts of aligned weights > 0 (agree with θ*) and < 0 (disagree), when every nonzero |v| equals one a; null otherwise. */
export function signCounts(g: WeightGroups): { agree: number; disagree: number; scale: number } | null {
  let a = 0;
  let agree = 0;
  let disagree = 0;
  for (let i = 0; i < g.values.length; i++) {
    const v = g.values[i];
    if (v === 0 || g.counts[i] === 0) continue;
    if (a === 0) a = Math.abs(v);
    else if (Math.abs(Math.abs(v) - a) > 1e-12 * a) return null;
    if (v > 0) agree += g.counts[i];
    else disagree += g.counts[i];
  }
  return { agree, disagree, scale: a };
}

/** floor(x) robust to round-off just below an integer (x = 499.9999999999 → 500). */
function floorTol(x: number): number {
  return Math.floor(x + 1e-9 * Math.max(1, Math.abs(x)));
}

/**
 * Exact ℓ∞ robust error (ε = 0: standard error) in the (θ*, τ)-Bernoulli model of a classifier
 * whose aligned weights take values in a·{−1, 0, +1} (e.g. ŵ = yx, sign(ŵ)). With K₊ agreeing and
 * K₋ disagreeing coordinates, S = K₊ + K₋, A ~ Bin(K₊, q), B′ ~ Bin(K₋, 1 − q), q = ½ + τ:
 *   robust margin / a = 2(A + B′) − S − εS, error = P(A + B′ ≤ ⌊(1 + ε)S/2⌋)
 * (margin 0 counts as an error). General weights: see sampleBernoulliRobustMargin (exact in law).
 */
export function bernoulliSignWeightsError(g: WeightGroups, tau: number, eps: number): number {
  requireTau('bernoulliSignWeightsError', tau);
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`bernoulliSignWeightsError: eps must be a finite number ≥ 0, got ${eps}`);
  const c = signCounts(g);
  if (!c)
    throw new RangeError('bernoulliSignWeightsError: weights must take values in a·{−1, 0, +1} (one magnitude); use sampleBernoulliRobustMargin for general w');
  const S = c.agree + c.disagree;
  if (S === 0) return 1;
  const q = 0.5 + tau;
  return sumOfTwoBinomialsCdf(c.agree, q, c.disagree, 1 - q, floorTol(((1 + eps) * S) / 2));
}

/**
 * Exact ℓ∞ robust error of f_w∘T, T(x)_i = +1 if x_i ≥ 0 else −1 (Thm 10), for aligned weights in
 * a·{−1, 0, +1}, θ* uniform on {±1}^d. Inputs lie on {±1}^d and x′ ∈ x + [−ε, ε]^d:
 * - ε < 1: T(x′) = x for every x′, so the robust error equals the standard error;
 * - ε > 1: every T(x′) ∈ {±1}^d is reachable, the adversary picks −y·sgn(w): error 1;
 * - ε = 1: a coordinate with x_j = −1 can be sent to T = +1 (x′_j = 0), one with x_j = +1 cannot
 *   change, so the robust margin is 2N − S with N = #{j: y w_j > 0, x_j = +1}. Given y, with θ*_j
 *   signs split as counts.agreePos etc., N = Bin(#{agree, yθ*_j = +1}, q) + Bin(#{disagree, yθ*_j = −1}, 1 − q).
 */
export function bernoulliThresholdedRobustError(g: WeightGroups, tau: number, eps: number, thetaSplit?: { agreePos: number; disagreePos: number }): number {
  requireTau('bernoulliThresholdedRobustError', tau);
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`bernoulliThresholdedRobustError: eps must be a finite number ≥ 0, got ${eps}`);
  if (eps < 1) return bernoulliSignWeightsError(g, tau, 0);
  const c = signCounts(g);
  if (!c) throw new RangeError('bernoulliThresholdedRobustError: weights must take values in a·{−1, 0, +1}');
  const S = c.agree + c.disagree;
  if (S === 0 || eps > 1) return 1;
  if (!thetaSplit)
    throw new RangeError('bernoulliThresholdedRobustError: at ε = 1 the error depends on the signs of θ*: pass thetaSplit {agreePos, disagreePos}');
  const q = 0.5 + tau;
  const m = floorTol(S / 2);
  const { agreePos, disagreePos } = thetaSplit;
  // y = +1: yθ*_j = θ*_j; y = −1: yθ*_j = −θ*_j.
  const plus = sumOfTwoBinomialsCdf(agreePos, q, c.disagree - disagreePos, 1 - q, m);
  const minus = sumOfTwoBinomialsCdf(c.agree - agreePos, q, disagreePos, 1 - q, m);
  return 0.5 * (plus + minus);
}

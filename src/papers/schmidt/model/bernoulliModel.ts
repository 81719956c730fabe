import { binomial, rademacherVector } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';
import { binomialPmfWindow, groupsNorm1, type WeightGroups } from './errors.js';
import { requireInt, sampleLabelled, type LabelledData } from './gaussianModel.js';

/**
 * Schmidt et al.'s (θ*, τ)-Bernoulli model (slides, "Definition (Bernoulli Model)"):
 * θ* ∈ {±1}^d, y ~ U{±1}, x_j = y θ*_j with probability ½ + τ, else −y θ*_j, independently.
 * Sufficient statistics: every learner here is a function of the aligned counts
 * c_j = #{i : y_i x_ij θ*_j = +1} ~ Bin(n, ½ + τ) (iid over j, independent of θ*), so a training
 * set is summarised by the level counts k_ℓ = #{j : c_j = ℓ} ~ Multinomial(d; Bin(n, ½ + τ)).
 */
function requireTau(api: string, tau: number): void {
  if (!(tau >= 0 && tau <= 0.5)) throw new RangeError(`${api}: tau must be in [0, ½], got ${tau}`);
}

/** θ* uniform on {±1}^d. */
export function bernoulliTheta(rng: Stream, d: number): Float64Array {
  requireInt('bernoulliTheta', 'd', d, 1);
  return rademacherVector(rng, d);
}

/** Naive sampler of n labelled points (reference for the sufficient-statistic samplers). */
export function sampleBernoulliData(rng: Stream, theta: Float64Array, tau: number, n: number): LabelledData {
  requireInt('sampleBernoulliData', 'n', n, 1);
  requireTau('sampleBernoulliData', tau);
  const q = 0.5 + tau;
  return sampleLabelled(rng, n, theta.length, (y, j) => (rng.uniform() < q ? 1 : -1) * y * theta[j]);
}

/** Aligned counts c_j = #{i : y_i x_ij θ*_j = +1} of explicit data (the naive route to the level counts). */
export function alignedCounts(data: LabelledData, theta: Float64Array): Float64Array {
  const c = new Float64Array(data.d);
  for (let i = 0; i < data.n; i++) {
    const off = i * data.d;
    for (let j = 0; j < data.d; j++) if (data.y[i] * data.X[off + j] * theta[j] > 0) c[j]++;
  }
  return c;
}

/** Level counts k_ℓ = #{j : c_j = ℓ}, ℓ = 0…n, from aligned counts. */
export function levelCountsOf(aligned: Float64Array, n: number): number[] {
  const k = new Array<number>(n + 1).fill(0);
  for (const c of aligned) k[c]++;
  return k;
}

/**
 * Level counts in law: (k_0, …, k_n) ~ Multinomial(d; P(Bin(n, q) = ℓ)), q = ½ + τ, drawn as
 * conditional binomials k_ℓ ~ Bin(d − Σ_{m<ℓ} k_m, π_ℓ / Σ_{m≥ℓ} π_m). O(n) binomial draws, no d loop.
 */
export function sampleLevelCounts(rng: Stream, d: number, n: number, tau: number): number[] {
  requireInt('sampleLevelCounts', 'd', d, 1);
  requireInt('sampleLevelCounts', 'n', n, 1);
  requireTau('sampleLevelCounts', tau);
  const { lo, pmf } = binomialPmfWindow(n, 0.5 + tau);
  const pi = new Float64Array(n + 1);
  for (let i = 0; i < pmf.length; i++) pi[lo + i] = pmf[i];
  const tail = new Float64Array(n + 2);
  for (let l = n; l >= 0; l--) tail[l] = tail[l + 1] + pi[l];
  const k = new Array<number>(n + 1).fill(0);
  let left = d;
  for (let l = 0; l <= n && left > 0; l++) {
    if (l === n || tail[l + 1] <= 0) {
      k[l] = left;
      left = 0;
      break;
    }
    const p = Math.min(1, Math.max(0, pi[l] / tail[l]));
    const x = binomial(rng, left, p);
    k[l] = x;
    left -= x;
  }
  return k;
}

/**
 * Counts of sign(ŵ) in law, aligned with θ*: (K₊, K₀, K₋) = #{j : c_j > n/2, = n/2, < n/2} ~
 * Multinomial(d; ρ₊, ρ₀, ρ₋) with ρ₊ = P(Bin(n, q) > n/2), ρ₀ = P(Bin(n, q) = n/2) (0 for odd n).
 * Two binomial draws: the same law as grouping sampleLevelCounts by sign, at O(√n) instead of O(n).
 */
export function sampleSignCounts(rng: Stream, d: number, n: number, tau: number): { plus: number; zero: number; minus: number } {
  requireInt('sampleSignCounts', 'd', d, 1);
  requireInt('sampleSignCounts', 'n', n, 1);
  requireTau('sampleSignCounts', tau);
  const { lo, pmf } = binomialPmfWindow(n, 0.5 + tau);
  let plus = 0;
  let zero = 0;
  let total = 0;
  for (let i = 0; i < pmf.length; i++) {
    const l = lo + i;
    total += pmf[i];
    if (2 * l > n) plus += pmf[i];
    else if (2 * l === n) zero += pmf[i];
  }
  plus /= total;
  zero /= total;
  const kp = binomial(rng, d, Math.min(1, plus));
  const kz = plus < 1 ? binomial(rng, d - kp, Math.min(1, zero / (1 - plus))) : 0;
  return { plus: kp, zero: kz, minus: d - kp - kz };
}

/**
 * One fresh test point's ℓ∞ robust margin y⟨w, x⟩ − ε‖w‖₁ in law, for any aligned weight groups:
 * Σ_g values[g]·(2A_g − counts[g]) − ε‖w‖₁ with A_g ~ Bin(counts[g], ½ + τ). Exact sampling (O(#groups)
 * binomial draws); this is what we use for general w, whose error distribution has no cheap exact CDF.
 */
export function sampleBernoulliRobustMargin(rng: Stream, g: WeightGroups, tau: number, eps: number): number {
  requireTau('sampleBernoulliRobustMargin', tau);
  const q = 0.5 + tau;
  let m = 0;
  for (let i = 0; i < g.values.length; i++) {
    if (g.values[i] === 0 || g.counts[i] === 0) continue;
    m += g.values[i] * (2 * binomial(rng, g.counts[i], q) - g.counts[i]);
  }
  return m - eps * groupsNorm1(g);
}

/** Split of agreeing / disagreeing coordinates by the sign of θ* (uniform, independent of the aligned counts): Bin(·, ½). */
export function sampleThetaSplit(rng: Stream, agree: number, disagree: number): { agreePos: number; disagreePos: number } {
  return { agreePos: binomial(rng, agree, 0.5), disagreePos: binomial(rng, disagree, 0.5) };
}

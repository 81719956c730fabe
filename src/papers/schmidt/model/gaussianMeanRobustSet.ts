import { normalVector } from '../../../core/random/samplers.js';
import { Stream } from '../../../core/random/stream.js';
import { requirePositive } from './gaussianModel.js';

/**
 * One trial of the mean learner at every n at once (Gaussian model of Schmidt et al. 2018, θ* = (1, …, 1)).
 * A trial's stream draws g ~ N(0, I_d) and ŵ = nθ* + σ√n·g (sampleGaussianMeanSum); the same g at every n
 * (the threshold searches' common random numbers). With a = √n/σ, ŵ = σ√n·(aθ* + g), so
 *
 *   β_ε(ŵ) ≤ 1%  ⇔  (ε‖ŵ‖₁ − ⟨ŵ, θ*⟩)/(σ‖ŵ‖₂) ≤ −z₀.₉₉  ⇔  G(a) ≤ 0,
 *   G(a) = ε·Σ_j |a + g_j| − (a·d + S) + z₀.₉₉·σ·√(a²d + 2aS + Q),   S = Σ_j g_j,  Q = Σ_j g_j².
 *
 * G is convex in a (a sum of absolute values, a linear term and a Euclidean norm ‖aθ* + g‖₂), so the n at
 * which the trial's event holds form one interval in a; it is empty or [a_lo, ∞) (meanRobustSetOf). a_lo is
 * found by Newton's method from a = 0: on a convex function each tangent step stays left of the root, so the
 * iterates rise monotonically to it. One pass over g per step, O(d) (O(1) once a ≥ max_j(−g_j), where every
 * |a + g_j| = a + g_j). A query within relative distance GUARD of a_lo is answered by the direct O(d)
 * computation instead, so rounding in either computation cannot flip a decision there.
 */
export interface MeanRobustSet {
  /** The set is [a_lo, ∞) in a = √n/σ (a_lo ≥ 0; Infinity: empty). */
  aLo: number;
}

/** Relative distance to an end below which a query is decided by the direct computation. */
const GUARD = 1e-7;
const MAX_NEWTON = 200;

interface TrialSums {
  g: Float64Array;
  d: number;
  S: number;
  Q: number;
  /** max_j(−g_j): for a ≥ M every a + g_j ≥ 0. */
  M: number;
}

function trialSums(g: Float64Array): TrialSums {
  let S = 0;
  let Q = 0;
  let M = -Infinity;
  for (let j = 0; j < g.length; j++) {
    const v = g[j];
    S += v;
    Q += v * v;
    if (-v > M) M = -v;
  }
  return { g, d: g.length, S, Q, M };
}

/** G(a) and a subgradient G′(a) (right derivative of Σ|a + g_j|: d − 2·#{g_j < −a}). */
function evalG(t: TrialSums, a: number, eps: number, zs: number): { G: number; dG: number } {
  const { g, d, S, Q, M } = t;
  let F: number;
  let below = 0;
  if (a >= M) F = a * d + S;
  else {
    F = 0;
    for (let j = 0; j < d; j++) {
      const v = a + g[j];
      F += Math.abs(v);
      below += +(v < 0); // branch-free: the signs of a + g_j near a_lo are unpredictable
    }
  }
  const N = Math.sqrt(Math.max(0, a * a * d + 2 * a * S + Q));
  const G = eps * F - (a * d + S) + zs * N;
  const dG = eps * (d - 2 * below) - d + (N > 0 ? (zs * (a * d + S)) / N : 0);
  return { G, dG };
}

/**
 * The set {a > 0 : G(a) ≤ 0} of one trial (module comment), from its g. With c = (ε − 1)√d + z₀.₉₉σ (G's slope at
 * infinity over √d): if c > 0 the set is empty (for ⟨aθ* + g, θ*⟩ ≥ 0, Cauchy–Schwarz gives ‖aθ* + g‖₂ ≥ that/√d
 * and ‖aθ* + g‖₁ ≥ it, so G ≥ c/√d·⟨aθ* + g, θ*⟩ ≥ 0; otherwise −⟨aθ* + g, θ*⟩ > 0 and G > 0); if c < 0, G → −∞
 * and the set is [a_lo, ∞), a_lo by Newton's method from a = 0 upwards. null when c is within rounding of 0 or
 * Newton's method did not settle within its step cap (the caller then decides every query directly).
 * @internal (exported for its oracle test)
 */
export function meanRobustSetOf(g: Float64Array, sigma: number, eps: number, z: number): MeanRobustSet | null {
  const d = g.length;
  const zs = z * sigma;
  const c = (eps - 1) * Math.sqrt(d) + zs;
  if (Math.abs(c) <= 1e-6 * ((eps + 1) * Math.sqrt(d) + zs)) return null;
  if (c > 0) return { aLo: Infinity };
  const t = trialSums(g);
  let a = 0;
  let e = evalG(t, a, eps, zs);
  if (e.G <= 0) return { aLo: 0 };
  // Invariant: G(a) > 0, so a < a_lo (G is non-increasing: convex with G → −∞). Stop once a step is below GUARD/4 of a
  // and G(a·(1 + GUARD/2)) ≤ 0: then a_lo ∈ (a, a(1 + GUARD/2)], inside the guard band around a.
  for (let it = 0; it < MAX_NEWTON; it++) {
    if (!(e.dG < 0)) return null; // G > 0 and non-decreasing: impossible when G → −∞; decide directly
    const step = -e.G / e.dG;
    if (a > 0 && !(step > 0.25 * GUARD * a)) {
      const b = a * (1 + 0.5 * GUARD);
      const f = evalG(t, b, eps, zs);
      if (f.G <= 0) return { aLo: a };
      a = b;
      e = f;
      continue;
    }
    a += step;
    e = evalG(t, a, eps, zs);
    if (e.G <= 0) return { aLo: a }; // a tangent step from the left ends at most at a_lo: here within rounding of it
  }
  return null;
}

/** Is a inside the set, outside it, or too close to a_lo to say (null)? */
function classify(s: MeanRobustSet, a: number): boolean | null {
  if (s.aLo === Infinity) return false;
  if (Math.abs(a - s.aLo) <= GUARD * s.aLo) return null;
  return a >= s.aLo;
}

/**
 * The event "β_ε(ŵ) ≤ 1%" of the mean learner as a function of (n, trial stream), at fixed (d, σ, ε): each trial's
 * g is drawn once and reduced to its interval of n (module comment); later probes of the same trial at any n are
 * O(1). Decides exactly as `direct(rng, n)` (the O(d) computation it replaces), which it calls for queries next to
 * a_lo and for trials whose interval did not settle. Memo keyed by the trial stream's seed.
 */
export function meanRobustOkAcrossN(
  d: number,
  sigma: number,
  eps: number,
  z: number,
  direct: (rng: Stream, n: number) => boolean,
): (n: number, rng: Stream) => boolean {
  requirePositive('meanRobustOkAcrossN', 'sigma', sigma);
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`meanRobustOkAcrossN: eps must be a finite number ≥ 0, got ${eps}`);
  const memo = new Map<string, MeanRobustSet | null>();
  return (n, rng) => {
    requirePositive('meanRobustOkAcrossN', 'n', n);
    let s = memo.get(rng.seed);
    if (s === undefined) {
      // The same draws as sampleGaussianMeanSum(rng, θ*, σ, n): g = normalVector(rng, d) first.
      s = meanRobustSetOf(normalVector(new Stream(rng.seed), d), sigma, eps, z);
      memo.set(rng.seed, s);
    }
    const c = s === null ? null : classify(s, Math.sqrt(n) / sigma);
    return c ?? direct(new Stream(rng.seed), n);
  };
}

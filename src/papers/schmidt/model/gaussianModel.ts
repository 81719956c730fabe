import { chiSquare, normalVector, rademacherVector } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';

/**
 * Schmidt et al.'s (θ*, σ)-Gaussian model (slides, "Definition (Gaussian Model)"):
 *   y ~ U{±1},  x ~ N(y·θ*, σ² I_d),  ‖θ*‖₂ = √d.
 * The naive sampler draws the n × d data; the sufficient-statistic samplers draw the same
 * distribution of what the learners use (ŵ = Σ y_i x_i, or its inner products) at O(d) or O(1)
 * cost (docs/theory/dimension-free.md), so d = 10⁶ is cheap.
 */
export type ThetaKind = 'hypercube' | 'ones' | 'spike';
const THETA_KINDS: readonly ThetaKind[] = ['hypercube', 'ones', 'spike'];

export function requireInt(api: string, name: string, v: number, min: number, max = Infinity): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${api}: ${name} must be an integer in [${min}, ${max === Infinity ? '∞' : max}], got ${v}`);
  }
}

export function requirePositive(api: string, name: string, v: number): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${api}: ${name} must be a finite number > 0, got ${v}`);
}

/**
 * θ* with ‖θ*‖₂ = √d: "hypercube" = iid random signs, "ones" = (1, …, 1), "spike" = √d·e₁.
 * Every learner of this paper is equivariant under coordinate sign flips, so "hypercube" and
 * "ones" give the same error distributions.
 */
export function gaussianTheta(rng: Stream, d: number, kind: ThetaKind = 'hypercube'): Float64Array {
  requireInt('gaussianTheta', 'd', d, 1);
  if (kind === 'hypercube') return rademacherVector(rng, d);
  const t = new Float64Array(d);
  if (kind === 'ones') t.fill(1);
  else if (kind === 'spike') t[0] = Math.sqrt(d);
  else throw new RangeError(`gaussianTheta: kind must be one of ${THETA_KINDS.join(', ')}, got "${kind as string}"`);
  return t;
}

/** Labelled data: X is n × d row-major (X[i·d + j] = x_ij), y ∈ {±1}ⁿ. */
export interface LabelledData {
  n: number;
  d: number;
  X: Float64Array;
  y: Float64Array;
}

/** n iid labelled points: y_i ~ U{±1}, x_ij = coord(y_i, j) (the naive samplers of both models). */
export function sampleLabelled(rng: Stream, n: number, d: number, coord: (y: number, j: number) => number): LabelledData {
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const yi = rng.sign();
    y[i] = yi;
    for (let j = 0; j < d; j++) X[i * d + j] = coord(yi, j);
  }
  return { n, d, X, y };
}

/** Naive sampler: n iid pairs y_i ~ U{±1}, x_i = y_i θ* + σ z_i, z_i ~ N(0, I_d). Reference for the fast samplers. */
export function sampleGaussianData(rng: Stream, theta: Float64Array, sigma: number, n: number): LabelledData {
  requireInt('sampleGaussianData', 'n', n, 1);
  requirePositive('sampleGaussianData', 'sigma', sigma);
  return sampleLabelled(rng, n, theta.length, (y, j) => y * theta[j] + sigma * rng.normal());
}

/**
 * ŵ = Σ_{i≤n} y_i x_i in law, without the n × d data: y_i x_i = θ* + σ y_i z_i and y_i z_i ~ N(0, I)
 * iid, so ŵ = n θ* + σ√n g with g ~ N(0, I_d). O(d). A real n > 0 gives the Gaussian interpolation
 * between integers (n θ* + σ√n g is a Brownian motion in n), used for the continuous threshold n_c.
 */
export function sampleGaussianMeanSum(rng: Stream, theta: Float64Array, sigma: number, n: number): Float64Array {
  requirePositive('sampleGaussianMeanSum', 'n', n);
  requirePositive('sampleGaussianMeanSum', 'sigma', sigma);
  const d = theta.length;
  const s = sigma * Math.sqrt(n);
  const g = normalVector(rng, d);
  for (let j = 0; j < d; j++) g[j] = n * theta[j] + s * g[j];
  return g;
}

/** θ ~ N(0, I_d): the prior of the lower bound (Thm 11). */
export function sampleGaussianPrior(rng: Stream, d: number): Float64Array {
  requireInt('sampleGaussianPrior', 'd', d, 1);
  return normalVector(rng, d);
}

/** What the standard error of a linear classifier needs: ⟨w, θ*⟩ and ‖w‖₂². */
export interface InnerProducts {
  wTheta: number;
  wNormSq: number;
}

/**
 * ⟨ŵ, θ*⟩ and ‖ŵ‖₂² of ŵ = Σ_{i≤n} y_i x_i in law at O(1) (any θ* with ‖θ*‖₂ = √d): split g along
 * θ*·d^{−½}, g = Z₁ θ*·d^{−½} + g⊥ with Z₁ ~ N(0, 1) and ‖g⊥‖² ~ χ²_{d−1} independent. Then
 *   ⟨ŵ, θ*⟩ = n d + σ√(n d)·Z₁,   ‖ŵ‖² = n² d + 2nσ√(n d)·Z₁ + σ² n (Z₁² + χ²_{d−1}).
 */
export function sampleGaussianMeanInnerProducts(rng: Stream, d: number, sigma: number, n: number): InnerProducts {
  requireInt('sampleGaussianMeanInnerProducts', 'd', d, 1);
  requireInt('sampleGaussianMeanInnerProducts', 'n', n, 1);
  requirePositive('sampleGaussianMeanInnerProducts', 'sigma', sigma);
  const z1 = rng.normal();
  const rest = d > 1 ? chiSquare(rng, d - 1) : 0;
  const s = sigma * Math.sqrt(n * d);
  return {
    wTheta: n * d + s * z1,
    wNormSq: n * n * d + 2 * n * s * z1 + sigma * sigma * n * (z1 * z1 + rest),
  };
}

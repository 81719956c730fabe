import type { Stream } from '../../../core/random/stream.js';

/**
 * ℓ∞ attacks on linear classifiers f(x) = sgn(⟨w, x⟩ + b).
 * Exact worst case (Schmidt et al.): min_{‖δ‖∞≤ε} y(⟨w, x + δ⟩ + b) = y(⟨w, x⟩ + b) − ε‖w‖₁, attained at
 * x′ = x − yε·sgn(w). With a box constraint x′ ∈ [lo, hi]^d the problem stays separable: each
 * coordinate goes to the end of [max(lo, x_j − ε), min(hi, x_j + ε)] that lowers y w_j x′_j.
 * A generic attack (projected sign-gradient descent on the margin, with random restarts) uses only
 * f and ∇f; on a linear model it must never find a smaller margin than the exact worst case.
 */
function sameLength(api: string, w: ArrayLike<number>, x: ArrayLike<number>): void {
  if (w.length !== x.length) throw new RangeError(`${api}: w and x differ in length (${w.length} vs ${x.length})`);
}

function requireEps(api: string, eps: number): void {
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`${api}: eps must be a finite number ≥ 0, got ${eps}`);
}

/** x′ = x − yε·sgn(w): the exact ℓ∞ worst case for f_w (unconstrained inputs). */
export function linfWorstCase(w: Float64Array, x: Float64Array, y: number, eps: number): Float64Array {
  sameLength('linfWorstCase', w, x);
  requireEps('linfWorstCase', eps);
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = x[j] - y * eps * Math.sign(w[j]);
  return out;
}

/** y(⟨w, x⟩ + b) − ε‖w‖₁: the smallest margin over the ℓ∞ ball (≤ 0 means a robust error). */
export function linfWorstMargin(w: Float64Array, x: Float64Array, y: number, eps: number, b = 0): number {
  sameLength('linfWorstMargin', w, x);
  requireEps('linfWorstMargin', eps);
  let s = b;
  let l1 = 0;
  for (let j = 0; j < x.length; j++) {
    s += w[j] * x[j];
    l1 += Math.abs(w[j]);
  }
  return y * s - eps * l1;
}

/** Exact worst case with x′ ∈ [lo, hi]^d as well as ‖x′ − x‖∞ ≤ ε (x itself must lie in the box). @internal */
export function linfWorstCaseBoxed(w: Float64Array, x: Float64Array, y: number, eps: number, lo = 0, hi = 1): Float64Array {
  sameLength('linfWorstCaseBoxed', w, x);
  requireEps('linfWorstCaseBoxed', eps);
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) {
    if (!(x[j] >= lo && x[j] <= hi)) throw new RangeError(`linfWorstCaseBoxed: x[${j}] = ${x[j]} is outside the box [${lo}, ${hi}]`);
    const c = y * w[j];
    out[j] = c > 0 ? Math.max(lo, x[j] - eps) : c < 0 ? Math.min(hi, x[j] + eps) : x[j];
  }
  return out;
}

/** y(⟨w, x′⟩ + b) at the boxed worst case x′ (linfWorstCaseBoxed). */
export function linfWorstMarginBoxed(w: Float64Array, b: number, x: Float64Array, y: number, eps: number, lo = 0, hi = 1): number {
  const xp = linfWorstCaseBoxed(w, x, y, eps, lo, hi);
  let s = b;
  for (let j = 0; j < x.length; j++) s += w[j] * xp[j];
  return y * s;
}

/**
 * Exact worst-case margin of the binarised classifier f(x) = sgn(⟨w, B(x)⟩ + b), B(x)_j = 1[x_j ≥ cut],
 * over x′ ∈ [lo, hi]^d with ‖x′ − x‖∞ ≤ ε. Coordinate j can reach both sides of the cut iff
 * max(lo, x_j − ε) < cut ≤ min(hi, x_j + ε); such a coordinate contributes min(0, y w_j) (the adversary
 * picks B = 1 or 0), every other one its fixed y w_j B(x_j).
 */
export function binarizedWorstMargin(w: Float64Array, b: number, x: Float64Array, y: number, eps: number, cut = 0.5, lo = 0, hi = 1): number {
  sameLength('binarizedWorstMargin', w, x);
  requireEps('binarizedWorstMargin', eps);
  let s = y * b;
  for (let j = 0; j < x.length; j++) {
    const c = y * w[j];
    const low = Math.max(lo, x[j] - eps);
    const high = Math.min(hi, x[j] + eps);
    if (low < cut && cut <= high) s += Math.min(0, c);
    else s += x[j] >= cut ? c : 0;
  }
  return s;
}

/** A differentiable scalar model for the generic attack: the classifier is sgn f(x). */
export interface DifferentiableModel {
  f(x: Float64Array): number;
  grad(x: Float64Array): Float64Array;
}

export interface PgdOptions {
  steps: number;
  /** Step size of x′ ← Π(x′ − α·y·sgn ∇f(x′)) (default 2.5ε/steps, Madry et al.). */
  stepSize?: number;
  /** Random starts inside the ball (the first restart starts at x). */
  restarts: number;
  rng: Stream;
  /** Optional box [lo, hi]^d for x′. */
  box?: [number, number];
}

/**
 * Generic ℓ∞ attack: projected sign-gradient descent on the margin y·f(x′) (PGD), restarts from
 * uniform points of the ball, projection onto the ball (and box). Returns the point of smallest
 * margin found. Knows nothing about linearity.
 *   restart r: x′ ← Π(x + [r > 0]·ε·u), u ~ U[−1, 1]^d;  step: x′ ← Π(x′ − α·y·sgn ∇f(x′)),
 *   Π(v)_j = min(hi, max(lo, min(x_j + ε, max(x_j − ε, v_j)))).
 * Same arithmetic and draws as {@link pgdLinfReference}, with the ball's ends x ± ε computed once and
 * preallocated buffers (the best point is copied into one buffer instead of a new array per improvement).
 */
export function pgdLinf(model: DifferentiableModel, x: Float64Array, y: number, eps: number, opts: PgdOptions): { x: Float64Array; margin: number } {
  requireEps('pgdLinf', eps);
  if (!Number.isInteger(opts.steps) || opts.steps < 1) throw new RangeError(`pgdLinf: steps must be an integer ≥ 1, got ${opts.steps}`);
  if (!Number.isInteger(opts.restarts) || opts.restarts < 1) throw new RangeError(`pgdLinf: restarts must be an integer ≥ 1, got ${opts.restarts}`);
  const alpha = opts.stepSize ?? (2.5 * eps) / opts.steps;
  const [lo, hi] = opts.box ?? [-Infinity, Infinity];
  const d = x.length;
  const down = new Float64Array(d);
  const up = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    down[j] = x[j] - eps;
    up[j] = x[j] + eps;
  }
  const project = (v: Float64Array): void => {
    for (let j = 0; j < d; j++) v[j] = Math.min(hi, Math.max(lo, Math.min(up[j], Math.max(down[j], v[j]))));
  };
  const bestX = new Float64Array(x);
  let bestMargin = y * model.f(x);
  const xp = new Float64Array(d);
  const ay = alpha * y;
  for (let r = 0; r < opts.restarts; r++) {
    xp.set(x);
    if (r > 0) for (let j = 0; j < d; j++) xp[j] += eps * (2 * opts.rng.uniform() - 1);
    project(xp);
    for (let s = 0; s < opts.steps; s++) {
      const g = model.grad(xp);
      for (let j = 0; j < d; j++) xp[j] -= ay * Math.sign(g[j]);
      project(xp);
      const m = y * model.f(xp);
      if (m < bestMargin) {
        bestMargin = m;
        bestX.set(xp);
      }
    }
  }
  return { x: bestX, margin: bestMargin };
}

/** The original pgdLinf (a fresh array per restart and per improvement): the bench's "before" and the equality test's reference. @internal */
export function pgdLinfReference(model: DifferentiableModel, x: Float64Array, y: number, eps: number, opts: PgdOptions): { x: Float64Array; margin: number } {
  requireEps('pgdLinf', eps);
  const alpha = opts.stepSize ?? (2.5 * eps) / opts.steps;
  const [lo, hi] = opts.box ?? [-Infinity, Infinity];
  const d = x.length;
  const project = (v: Float64Array): void => {
    for (let j = 0; j < d; j++) v[j] = Math.min(hi, Math.max(lo, Math.min(x[j] + eps, Math.max(x[j] - eps, v[j]))));
  };
  let best = { x: Float64Array.from(x), margin: y * model.f(x) };
  for (let r = 0; r < opts.restarts; r++) {
    const xp = Float64Array.from(x);
    if (r > 0) for (let j = 0; j < d; j++) xp[j] += eps * (2 * opts.rng.uniform() - 1);
    project(xp);
    for (let s = 0; s < opts.steps; s++) {
      const g = model.grad(xp);
      for (let j = 0; j < d; j++) xp[j] -= alpha * y * Math.sign(g[j]);
      project(xp);
      const m = y * model.f(xp);
      if (m < best.margin) best = { x: Float64Array.from(xp), margin: m };
    }
  }
  return best;
}

/** f(x) = ⟨w, x⟩ + b as a DifferentiableModel (gradient w). */
export function linearModel(w: Float64Array, b = 0): DifferentiableModel {
  return {
    f: (x) => {
      let s = b;
      for (let j = 0; j < w.length; j++) s += w[j] * x[j];
      return s;
    },
    grad: () => w,
  };
}

import { normalVector } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';

/**
 * Vardi et al.'s biased ReLU network (docs/theory/catalogue.md, "Vardi et al. 2022"):
 *   f_θ(x) = Σ_{l≤k} a_l relu(w_l·x + b_l),   θ = [w_1, …, w_k, b, a] ∈ R^{k·d + 2k}
 * stored as one Float64Array: θ[l·d + j] = w_l[j], θ[k·d + l] = b_l, θ[k·d + k + l] = a_l.
 * f is 2-homogeneous in θ: f_{tθ} = t² f_θ, hence ⟨θ, ∇_θ q_i⟩ = 2 q_i for q_i = y_i f_θ(x_i).
 * relu′(0) is taken as 0 (one element of the Clarke subdifferential [0, 1]).
 */
export interface BiasedReluShape {
  d: number;
  k: number;
}

function requireShape(api: string, s: BiasedReluShape): void {
  if (!Number.isInteger(s.d) || s.d < 1) throw new RangeError(`${api}: d must be an integer ≥ 1, got ${s.d}`);
  if (!Number.isInteger(s.k) || s.k < 1) throw new RangeError(`${api}: k must be an integer ≥ 1, got ${s.k}`);
}

function requireTheta(api: string, theta: Float64Array, s: BiasedReluShape): void {
  requireShape(api, s);
  const len = thetaLength(s);
  if (theta.length !== len) throw new RangeError(`${api}: θ must have length k·d + 2k = ${len}, got ${theta.length}`);
}

function requireInput(api: string, x: Float64Array, d: number): void {
  if (x.length !== d) throw new RangeError(`${api}: x must have length d = ${d}, got ${x.length}`);
}

/** dim θ = k·d + 2k. */
export function thetaLength(s: BiasedReluShape): number {
  return s.k * s.d + 2 * s.k;
}

/** Offset of b in θ (k·d); a starts at k·d + k. */
export function biasOffset(s: BiasedReluShape): number {
  return s.k * s.d;
}

/** Offset of a in θ (k·d + k). */
export function outputOffset(s: BiasedReluShape): number {
  return s.k * s.d + s.k;
}

/** ReLU, relu(z) = max(0, z). */
export function relu(z: number): number {
  return z > 0 ? z : 0;
}

/** relu′(z) = 1 for z > 0, else 0 (the Clarke element 0 at the kink). */
function reluPrime(z: number): number {
  return z > 0 ? 1 : 0;
}

/**
 * Small random initialisation of docs/theory/catalogue.md: w_l ~ N(0, s²I_d/d), a_l ~ N(0, s²), b = 0.
 * (‖w_l‖ ≈ s, so every neuron starts at scale s.)
 */
export function initTheta(rng: Stream, s: BiasedReluShape, scale: number): Float64Array {
  requireShape('initTheta', s);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`initTheta: scale must be a finite number > 0, got ${scale}`);
  const theta = new Float64Array(thetaLength(s));
  theta.set(normalVector(rng.child('W'), s.k * s.d, scale / Math.sqrt(s.d)), 0);
  theta.set(normalVector(rng.child('a'), s.k, scale), outputOffset(s));
  return theta;
}

/** Pre-activations z_l = w_l·x + b_l (length k). @internal */
export function preActivations(theta: Float64Array, s: BiasedReluShape, x: Float64Array): Float64Array {
  requireTheta('preActivations', theta, s);
  requireInput('preActivations', x, s.d);
  const { d, k } = s;
  const z = new Float64Array(k);
  const bo = biasOffset(s);
  for (let l = 0; l < k; l++) {
    let acc = theta[bo + l];
    const off = l * d;
    for (let j = 0; j < d; j++) acc += theta[off + j] * x[j];
    z[l] = acc;
  }
  return z;
}

/** f_θ(x) = Σ_l a_l relu(w_l·x + b_l). */
export function forward(theta: Float64Array, s: BiasedReluShape, x: Float64Array): number {
  const z = preActivations(theta, s, x);
  const ao = outputOffset(s);
  let f = 0;
  for (let l = 0; l < s.k; l++) f += theta[ao + l] * relu(z[l]);
  return f;
}

/** ∇_x f_θ(x) = Σ_l a_l relu′(w_l·x + b_l) w_l. @internal (the reference of pgdAttackSpan's tests and bench: the claims attack in span coordinates) */
export function inputGradient(theta: Float64Array, s: BiasedReluShape, x: Float64Array): Float64Array {
  const z = preActivations(theta, s, x);
  const { d, k } = s;
  const ao = outputOffset(s);
  const g = new Float64Array(d);
  for (let l = 0; l < k; l++) {
    const c = theta[ao + l] * reluPrime(z[l]);
    if (c === 0) continue;
    const off = l * d;
    for (let j = 0; j < d; j++) g[j] += c * theta[off + j];
  }
  return g;
}

/**
 * ∇_θ q for the margin q = y·f_θ(x):
 *   ∂q/∂w_l = y a_l relu′(z_l) x,  ∂q/∂b_l = y a_l relu′(z_l),  ∂q/∂a_l = y relu(z_l).
 * @internal
 */
export function marginGradient(theta: Float64Array, s: BiasedReluShape, x: Float64Array, y: number): Float64Array {
  const z = preActivations(theta, s, x);
  const { d, k } = s;
  const bo = biasOffset(s);
  const ao = outputOffset(s);
  const g = new Float64Array(theta.length);
  for (let l = 0; l < k; l++) {
    const c = y * theta[ao + l] * reluPrime(z[l]);
    if (c !== 0) {
      const off = l * d;
      for (let j = 0; j < d; j++) g[off + j] = c * x[j];
    }
    g[bo + l] = c;
    g[ao + l] = y * relu(z[l]);
  }
  return g;
}

/** Margins q_i = y_i f_θ(x_i) for the rows x_i of X (n × d, row-major). @internal */
export function margins(theta: Float64Array, s: BiasedReluShape, X: Float64Array, y: Float64Array): Float64Array {
  const n = y.length;
  if (X.length !== n * s.d) throw new RangeError(`margins: X must be n × d = ${n}×${s.d}, got ${X.length} entries`);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) q[i] = y[i] * forward(theta, s, X.subarray(i * s.d, (i + 1) * s.d));
  return q;
}

import { logEll, logNegDerivative } from '#core/linalg/losses.js';
import type { Stream } from '#core/random/stream.js';
import { requireInt } from './gaussianModel.js';

/**
 * A one-hidden-layer ReLU network for binary classification of d-pixel images (the nonlinear model of
 * schmidt.mnist-network):
 *   f(x) = c + Σ_{j<h} a_j·relu(⟨W_j, x⟩ + b_j),   label sgn f(x) ∈ {±1},
 * with the logistic loss ℓ(y f(x)) = log(1 + e^{−y f(x)}) (computed in the log domain, #core/linalg/losses).
 * W is h × d row-major (W[j·d + i]). Parameters live in one Float64Array `theta` = [W | b | a | c] so that an
 * optimiser treats them as one vector.
 */
export interface Mlp {
  d: number;
  h: number;
  /** [W (h·d) | b (h) | a (h) | c (1)]. */
  theta: Float64Array;
}

/** Number of parameters of a d → h → 1 network: h·d + 2h + 1. @internal */
export function mlpParamCount(d: number, h: number): number {
  return h * d + 2 * h + 1;
}

/**
 * He initialisation: W_ji ~ N(0, 2/d), a_j ~ N(0, 1/h), b = 0, c = 0 (so f(x) = O(‖x‖/√d) at start).
 */
export function initMlp(rng: Stream, d: number, h: number): Mlp {
  requireInt('initMlp', 'd', d, 1);
  requireInt('initMlp', 'h', h, 1);
  const theta = new Float64Array(mlpParamCount(d, h));
  const sw = Math.sqrt(2 / d);
  for (let k = 0; k < h * d; k++) theta[k] = sw * rng.normal();
  const sa = Math.sqrt(1 / h);
  for (let j = 0; j < h; j++) theta[h * d + h + j] = sa * rng.normal();
  return { d, h, theta };
}

/** Scratch space of one forward pass: the hidden pre-activations z_j = ⟨W_j, x⟩ + b_j. */
export interface MlpScratch {
  z: Float64Array;
}

/** Scratch for {@link mlpForward} and the gradients (h pre-activations). */
export function mlpScratch(net: Mlp): MlpScratch {
  return { z: new Float64Array(net.h) };
}

/** f(x) = c + Σ_j a_j relu(z_j), z_j = ⟨W_j, x⟩ + b_j (z kept in `s` for the gradients). */
export function mlpForward(net: Mlp, x: Float64Array, s: MlpScratch = mlpScratch(net)): number {
  const { d, h, theta } = net;
  if (x.length !== d) throw new RangeError(`mlpForward: x has length ${x.length}, expected d = ${d}`);
  const bOff = h * d;
  const aOff = bOff + h;
  let f = theta[aOff + h];
  for (let j = 0; j < h; j++) {
    let zj = theta[bOff + j];
    const off = j * d;
    for (let i = 0; i < d; i++) zj += theta[off + i] * x[i];
    s.z[j] = zj;
    if (zj > 0) f += theta[aOff + j] * zj;
  }
  return f;
}

/**
 * ∇ₓ f(x) = Σ_{j: z_j > 0} a_j W_j, from the pre-activations `s.z` of the last {@link mlpForward} at x
 * (ReLU's derivative at 0 is taken as 0). Written into `out`.
 */
export function mlpInputGradient(net: Mlp, s: MlpScratch, out: Float64Array = new Float64Array(net.d)): Float64Array {
  const { d, h, theta } = net;
  const aOff = h * d + h;
  out.fill(0);
  for (let j = 0; j < h; j++) {
    if (!(s.z[j] > 0)) continue;
    const aj = theta[aOff + j];
    const off = j * d;
    for (let i = 0; i < d; i++) out[i] += aj * theta[off + i];
  }
  return out;
}

/** ℓ(q) = log(1 + e^{−q}), the logistic loss of the margin q = y f(x), exact for every finite q. @internal */
export function logisticLoss(q: number): number {
  return Math.exp(logEll(q, 'logistic'));
}

/**
 * Adds w·∇_θ ℓ(y f(x)) to `grad` (same layout as θ), from the pre-activations `s.z` of the last
 * {@link mlpForward} at x with value f:
 *   ∂ℓ/∂f = −y σ(−y f),  ∂f/∂c = 1,  ∂f/∂a_j = relu(z_j),  ∂f/∂b_j = a_j 1[z_j > 0],  ∂f/∂W_ji = a_j 1[z_j > 0] x_i.
 * Returns ℓ(y f(x)) (unweighted).
 */
export function mlpAccumulateLossGradient(net: Mlp, x: Float64Array, y: number, f: number, s: MlpScratch, grad: Float64Array, w = 1): number {
  const { d, h, theta } = net;
  const q = y * f;
  // ∂ℓ/∂f = −y σ(−q), σ(−q) = exp(log(−ℓ′(q))) without overflow.
  const g = -y * Math.exp(logNegDerivative(q, 'logistic')) * w;
  const bOff = h * d;
  const aOff = bOff + h;
  grad[aOff + h] += g;
  for (let j = 0; j < h; j++) {
    const zj = s.z[j];
    if (!(zj > 0)) continue;
    grad[aOff + j] += g * zj;
    const gj = g * theta[aOff + j];
    grad[bOff + j] += gj;
    const off = j * d;
    for (let i = 0; i < d; i++) grad[off + i] += gj * x[i];
  }
  return logisticLoss(q);
}

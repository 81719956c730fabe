import { getActivation, type Activation } from './activations.js';
import { matvec } from '../../../core/linalg/kernels.js';
import { normalVector, rademacherVector } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';

/**
 * Bubeck et al.'s random two-layer network (slides eq. 1):
 *   f(x) = k^{-1/2} Σ_{l≤k} a_l σ(w_l·x),  w_l ~ N(0, I_d/d),  a_l ~ U{±1} (or N(0, 1)).
 * W is stored row-major (k × d): W[l, j] = w_l[j].
 */
export interface TwoLayerNet {
  d: number;
  k: number;
  W: Float64Array;
  a: Float64Array;
  act: Activation;
}

export type OutputWeights = 'rademacher' | 'gaussian';

function requireDim(api: string, name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${api}: ${name} must be an integer ≥ ${min}, got ${v}`);
}

/** Draw a random net: w_l ~ N(0, I_d/d) iid, a_l ~ U{±1} (rademacher) or N(0, 1) (gaussian). */
export function sampleTwoLayerNet(rng: Stream, d: number, k: number, activation: string, outputWeights: OutputWeights = 'rademacher'): TwoLayerNet {
  requireDim('sampleTwoLayerNet', 'd', d, 1);
  requireDim('sampleTwoLayerNet', 'k', k, 1);
  if (outputWeights !== 'rademacher' && outputWeights !== 'gaussian')
    throw new RangeError(`sampleTwoLayerNet: outputWeights must be one of rademacher, gaussian, got ${JSON.stringify(outputWeights)}`);
  const act = getActivation(activation);
  const W = normalVector(rng.child('W'), k * d, 1 / Math.sqrt(d));
  const a = outputWeights === 'gaussian' ? normalVector(rng.child('a'), k) : rademacherVector(rng.child('a'), k);
  return { d, k, W, a, act };
}

/** Pre-activations u = W x (u_l = w_l·x). */
export function preActivations(net: TwoLayerNet, x: Float64Array): Float64Array {
  return matvec(net.W, net.k, net.d, x);
}

/** f(x) = k^{-1/2} Σ a_l σ(w_l·x). */
export function forward(net: TwoLayerNet, x: Float64Array): number {
  return outputFromPre(net, preActivations(net, x));
}

/** f from pre-activations u: k^{-1/2} Σ a_l σ(u_l). @internal */
export function outputFromPre(net: TwoLayerNet, u: Float64Array): number {
  let s = 0;
  for (let l = 0; l < net.k; l++) s += net.a[l] * net.act.f(u[l]);
  return s / Math.sqrt(net.k);
}

/** ∇f(x) = k^{-1/2} Σ a_l σ′(w_l·x) w_l (slides eq. 6). */
export function inputGradient(net: TwoLayerNet, x: Float64Array, u = preActivations(net, x)): Float64Array {
  const g = new Float64Array(net.d);
  const s = 1 / Math.sqrt(net.k);
  for (let l = 0; l < net.k; l++) {
    const c = s * net.a[l] * net.act.df(u[l]);
    if (c === 0) continue;
    const off = l * net.d;
    for (let j = 0; j < net.d; j++) g[j] += c * net.W[off + j];
  }
  return g;
}

import { normalVector, spherePoint } from '#core/random/samplers.js';
import type { Stream } from '#core/random/stream.js';
import { getActivation } from '../../model/activations.js';
import type { EtaSample } from '../../model/bubeckEta.js';
import { sampleBubeckTrial, type BubeckMethod } from '../../model/bubeckSampler.js';
import { applyImplToSample, implScales, requireImpl } from '../../model/mutants.js';
import type { GradientRay } from '../../model/oneStep.js';
import { sampleTwoLayerNet, type TwoLayerNet } from '../../model/twoLayer.js';
import type { BubeckParams } from './space.js';

// ---- sampling ----
function sampleInput(rng: Stream, d: number, input: string): Float64Array {
  return input === 'gaussian' ? normalVector(rng, d) : spherePoint(rng, d);
}

export interface Drawn {
  net: TwoLayerNet;
  x: Float64Array;
}
export function draw(p: BubeckParams, rng: Stream): Drawn {
  const net = sampleTwoLayerNet(rng.child('net'), p.d, p.k, p.activation, p.outputWeights);
  return { net, x: sampleInput(rng.child('x'), p.d, p.input) };
}

/**
 * The gradient ray f, ‖∇f‖², t ↦ f(x + t∇f) of one trial, as implementation `p.impl` computes it.
 * Drawn with the exact dimension-free sampler (src/papers/bubeck/model/bubeckReduced.ts: same joint law as the
 * naive net, tested in properties/bubeck-reduced.test.ts); `method: 'naive'` uses the d-dimensional reference.
 */
export function rayOf(p: BubeckParams, rng: Stream, method: BubeckMethod = 'reduced'): EtaSample & GradientRay {
  const s = sampleBubeckTrial({ d: p.d, k: p.k, activation: p.activation, outputWeights: p.outputWeights, input: p.input }, rng, { method });
  return applyImplToSample(s, requireImpl(p.impl), p.k);
}

/**
 * f(x) for sphere inputs by its exact law: u = Wx has iid N(0, 1) entries when ‖x‖ = √d, so
 * f = k^{-1/2} Σ a_l σ(u_l) — the same distribution as the naive net at O(k) (notes/dimension-free.md).
 */
export function sampleOutputExact(p: BubeckParams, rng: Stream): number {
  const act = getActivation(p.activation);
  let s = 0;
  for (let l = 0; l < p.k; l++) {
    const a = p.outputWeights === 'gaussian' ? rng.normal() : rng.sign();
    s += a * act.f(rng.normal());
  }
  return (implScales(requireImpl(p.impl), p.k).fs * s) / Math.sqrt(p.k);
}

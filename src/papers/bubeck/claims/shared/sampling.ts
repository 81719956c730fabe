import { normalVector, spherePoint } from '#core/random/samplers.js';
import type { Stream } from '#core/random/stream.js';
import { getActivation } from '../../model/activations.js';
import type { EtaSample } from '../../model/bubeckEta.js';
import { sampleBubeckTrial, type BubeckMethod } from '../../model/bubeckSampler.js';
import { applyImplToSample, implScales, requireImpl } from '../../model/mutants.js';
import { reducedGradNormSq, reducedOutput } from '../../model/reducedMoments.js';
import type { GradientRay } from '../../model/oneStep.js';
import { sampleTwoLayerNet, type TwoLayerNet } from '../../model/twoLayer.js';
import type { Trial } from './space.js';

/**
 * A naive (d-dimensional) draw of Bubeck et al. 2021's model: the net f(x) = k^{-1/2} Σ a_l σ(w_l·x),
 * w_l ~ N(0, I_d/d), and an input x uniform on √d·S^{d−1} (or x ~ N(0, I_d) when `input` is 'gaussian').
 */
export function draw(p: Trial, rng: Stream): { net: TwoLayerNet; x: Float64Array } {
  const net = sampleTwoLayerNet(rng.child('net'), p.d, p.k, p.activation, p.outputWeights);
  const x = p.input === 'gaussian' ? normalVector(rng.child('x'), p.d) : spherePoint(rng.child('x'), p.d);
  return { net, x };
}

/**
 * The gradient ray f(x), ‖∇f(x)‖², t ↦ f(x + t∇f(x)) of one trial of Bubeck et al. 2021's model, as implementation
 * `p.impl` computes it. Drawn with the exact dimension-free sampler (src/papers/bubeck/model/bubeckReduced.ts: same
 * joint law as the naive net, tested in properties/bubeck-reduced.test.ts); `method: 'naive'` uses the d-dimensional reference.
 */
export function rayOf(p: Trial, rng: Stream, method: BubeckMethod = 'reduced'): EtaSample & GradientRay {
  const s = sampleBubeckTrial({ d: p.d, k: p.k, activation: p.activation, outputWeights: p.outputWeights, input: p.input }, rng, { method });
  return applyImplToSample(s, requireImpl(p.impl), p.k);
}

/**
 * `rayOf(p, rng).f` (reduced sampler) bit for bit, as implementation `p.impl` computes it (f_b = fs·f), from only the
 * draws f reads (n², u, a): for statistics of f alone (src/papers/bubeck/model/reducedMoments.ts).
 */
export function outputOf(p: Trial, rng: Stream): number {
  const impl = requireImpl(p.impl);
  const f = reducedOutput(p, rng);
  return impl === 'reference' ? f : implScales(impl, p.k).fs * f;
}

/**
 * `rayOf(p, rng).gradNormSq` (reduced sampler) bit for bit, as implementation `p.impl` computes it (‖∇f_b‖² = gs²‖∇f‖²),
 * from only the draws ‖∇f‖² reads (n², u, a, S).
 */
export function gradNormSqOf(p: Trial, rng: Stream): number {
  const impl = requireImpl(p.impl);
  const g = reducedGradNormSq(p, rng);
  if (impl === 'reference') return g;
  const { gs } = implScales(impl, p.k);
  return gs * gs * g;
}

/**
 * f(x) for sphere inputs by its exact law (Bubeck et al. 2021's model): u = Wx has iid N(0, 1) entries when ‖x‖ = √d,
 * so f = k^{-1/2} Σ a_l σ(u_l) — the same distribution as the naive net at O(k) (docs/theory/dimension-free.md).
 */
export function sampleOutputExact(p: Trial, rng: Stream): number {
  const act = getActivation(p.activation);
  let s = 0;
  for (let l = 0; l < p.k; l++) {
    const a = p.outputWeights === 'gaussian' ? rng.normal() : rng.sign();
    s += a * act.f(rng.normal());
  }
  return (implScales(requireImpl(p.impl), p.k).fs * s) / Math.sqrt(p.k);
}

import type { GradientRay } from './oneStep.js';
import { dot, matvec } from '../../../core/linalg/kernels.js';
import { inputGradient, outputFromPre, preActivations, type TwoLayerNet } from './twoLayer.js';

/**
 * The gradient ray of a concrete (naive, d-dimensional) net at x: f(x), ‖∇f(x)‖² and
 * t ↦ f(x + t∇f) = k^{-1/2} Σ a_l σ(u_l + t·(W∇f)_l), exact at O(k) per t once u = Wx and W∇f are known.
 */
export function gradientRayOf(net: TwoLayerNet, x: Float64Array): GradientRay & { grad: Float64Array } {
  const u = preActivations(net, x);
  const g = inputGradient(net, x, u);
  const wg = matvec(net.W, net.k, net.d, g);
  const v = new Float64Array(net.k);
  return {
    f: outputFromPre(net, u),
    gradNormSq: dot(g, g),
    grad: g,
    fAlong: (t) => {
      for (let l = 0; l < net.k; l++) v[l] = u[l] + t * wg[l];
      return outputFromPre(net, v);
    },
  };
}

import { axpy, matTvec, matvec, norm2 } from '../src/core/linalg/kernels.js';
import { spherePoint } from '../src/core/random/samplers.js';
import type { Stream } from '../src/core/random/stream.js';
import type { TwoLayerNet } from '../src/papers/bubeck/model/twoLayer.js';

/**
 * Lower estimate of Bubeck et al.'s gradient instability
 *   ρ(R) = sup_{‖δ‖≤R} ‖∇f(x+δ) − ∇f(x)‖ / ‖∇f(x)‖
 * by projected gradient ascent on J(δ) = ½‖∇f(x+δ) − g₀‖² with ∇_δ J = H(x+δ)(∇f(x+δ) − g₀),
 * H(y) = Wᵀ diag(a ⊙ σ″(Wy)/√k) W, from the starts ±R·g₀/‖g₀‖ and random directions of norm R,
 * normalised steps and projection onto the ball. An honest lower estimate: it can falsify
 * "ρ ≤ ½", never certify it. `gradScale` multiplies ∇f (1 for the reference implementation).
 * The unfused reference of `gradientStability` (four matrix–vector products per step and start, one start
 * after another); `gradientStability` returns bit-identical results.
 */
export function gradientStabilityReference(
  net: TwoLayerNet,
  x: Float64Array,
  radius: number,
  rng: Stream,
  opts: { randomStarts?: number; steps?: number; gradScale?: number } = {},
): { rho: number; gradNorm: number } {
  const { k, d } = net;
  const steps = opts.steps ?? 12;
  const gs = (opts.gradScale ?? 1) / Math.sqrt(k);
  const grad = (y: Float64Array): { g: Float64Array; u: Float64Array } => {
    const u = matvec(net.W, k, d, y);
    const c = new Float64Array(k);
    for (let l = 0; l < k; l++) c[l] = gs * net.a[l] * net.act.df(u[l]);
    return { g: matTvec(net.W, k, d, c), u };
  };
  const { g: g0 } = grad(x);
  const g0n = norm2(g0);
  if (g0n === 0) return { rho: Infinity, gradNorm: 0 };
  const y = new Float64Array(d);
  const evalAt = (delta: Float64Array): { value: number; ascent: Float64Array } => {
    for (let j = 0; j < d; j++) y[j] = x[j] + delta[j];
    const { g, u } = grad(y);
    const diff = g;
    axpy(-1, g0, diff);
    const value = norm2(diff) / g0n;
    const wd = matvec(net.W, k, d, diff);
    for (let l = 0; l < k; l++) wd[l] *= gs * net.a[l] * net.act.d2f(u[l]);
    return { value, ascent: matTvec(net.W, k, d, wd) };
  };
  const starts: Float64Array[] = [];
  for (const s of [1, -1]) {
    const v = new Float64Array(d);
    axpy((s * radius) / g0n, g0, v);
    starts.push(v);
  }
  for (let i = 0; i < (opts.randomStarts ?? 2); i++) starts.push(spherePoint(rng.child('start', i), d, radius));
  let best = 0;
  for (const start of starts) {
    const delta = Float64Array.from(start);
    let stepLen = 0.5 * radius;
    for (let it = 0; it <= steps; it++) {
      const { value, ascent } = evalAt(delta);
      if (value > best) best = value;
      if (it === steps) break;
      const an = norm2(ascent);
      if (an === 0) break;
      axpy(stepLen / an, ascent, delta);
      const dn = norm2(delta);
      if (dn > radius) for (let j = 0; j < d; j++) delta[j] *= radius / dn;
      stepLen *= 0.8;
    }
  }
  return { rho: best, gradNorm: g0n };
}

import { axpy, norm2 } from '../../../core/linalg/kernels.js';
import { spherePoint } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';
import { rowPass } from './rowPass.js';
import type { TwoLayerNet } from './twoLayer.js';

/**
 * Lower estimate of Bubeck et al.'s gradient instability
 *   ρ(R) = sup_{‖δ‖≤R} ‖∇f(x+δ) − ∇f(x)‖ / ‖∇f(x)‖
 * by projected gradient ascent on J(δ) = ½‖∇f(x+δ) − g₀‖² with ∇_δ J = H(x+δ)(∇f(x+δ) − g₀),
 * H(y) = Wᵀ diag(a ⊙ σ″(Wy)/√k) W, from the starts ±R·g₀/‖g₀‖ and random directions of norm R,
 * normalised steps (length ½R·0.8^t at step t) and projection onto the ball. An honest lower
 * estimate: it can falsify "ρ ≤ ½", never certify it. `gradScale` multiplies ∇f (1 for the
 * reference implementation).
 *
 * All starts ascend in lock step and each step makes two passes over W for all of them (rowPass:
 * u = Wy with ∇f(y) = Wᵀ(a ⊙ σ′(u))/√k, then W(∇f(y) − g₀) with the ascent Wᵀ(…)), instead of four
 * matrix–vector products per start; the final evaluation skips the unused ascent. Bit-identical to
 * the unfused reference (properties/bubeck-gradient-stability-reference.ts; same sums in the same order).
 */
export function gradientStability(
  net: TwoLayerNet,
  x: Float64Array,
  radius: number,
  rng: Stream,
  opts: { randomStarts?: number; steps?: number; gradScale?: number } = {},
): { rho: number; gradNorm: number } {
  const { k, d, W, a, act } = net;
  const steps = opts.steps ?? 12;
  const gs = (opts.gradScale ?? 1) / Math.sqrt(k);
  const g0 = new Float64Array(d);
  rowPass(W, k, d, [x], (_b, l, s) => gs * a[l] * act.df(s), [new Float64Array(k)], [g0]);
  const g0n = norm2(g0);
  if (g0n === 0) return { rho: Infinity, gradNorm: 0 };
  const deltas: Float64Array[] = [];
  for (const s of [1, -1]) {
    const v = new Float64Array(d);
    axpy((s * radius) / g0n, g0, v);
    deltas.push(v);
  }
  for (let i = 0; i < (opts.randomStarts ?? 2); i++) deltas.push(spherePoint(rng.child('start', i), d, radius));
  const ys = deltas.map(() => new Float64Array(d));
  const us = deltas.map(() => new Float64Array(k));
  const grads = deltas.map(() => new Float64Array(d));
  const ascents = deltas.map(() => new Float64Array(d));
  const scratch = deltas.map(() => new Float64Array(k));
  let active = deltas.map((_, i) => i);
  let best = 0;
  let stepLen = 0.5 * radius;
  for (let it = 0; it <= steps && active.length > 0; it++) {
    const pick = <T>(xs: T[]): T[] => active.map((i) => xs[i]);
    for (const i of active) {
      const y = ys[i];
      const delta = deltas[i];
      for (let j = 0; j < d; j++) y[j] = x[j] + delta[j];
    }
    const aU = pick(us);
    rowPass(W, k, d, pick(ys), (_b, l, s) => gs * a[l] * act.df(s), aU, pick(grads));
    for (const i of active) {
      const diff = grads[i];
      axpy(-1, g0, diff);
      const value = norm2(diff) / g0n;
      if (value > best) best = value;
    }
    if (it === steps) break;
    rowPass(W, k, d, pick(grads), (b, l, s) => s * (gs * a[l] * act.d2f(aU[b][l])), pick(scratch), pick(ascents));
    const next: number[] = [];
    for (const i of active) {
      const ascent = ascents[i];
      const delta = deltas[i];
      const an = norm2(ascent);
      if (an === 0) continue;
      axpy(stepLen / an, ascent, delta);
      const dn = norm2(delta);
      if (dn > radius) for (let j = 0; j < d; j++) delta[j] *= radius / dn;
      next.push(i);
    }
    active = next;
    stepLen *= 0.8;
  }
  return { rho: best, gradNorm: g0n };
}

import { getActivation } from './activations.js';
import { resolveBubeckParams, type BubeckTrialParams } from './bubeckTrial.js';
import { chiSquare } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';

/**
 * The prefix of a reduced Bubeck trial's draws (bubeckReduced.ts, drawReducedBubeck: n², u, a, S, z in this
 * order from `rng` itself) that f and ‖∇f‖² read: n² = ‖x‖² (d on the sphere, χ²_d for x ~ N(0, I)), u ~ N(0, n²/d)^k,
 * a ~ U{±1}^k or N(0, 1)^k. Draws stop there, so the values equal the full trial's bit for bit.
 */
function drawPrefix(api: string, params: BubeckTrialParams, rng: Stream): { k: number; d: number; xNormSq: number; u: Float64Array; a: Float64Array } {
  const p = resolveBubeckParams(api, params);
  const { d, k } = p;
  const xNormSq = p.input === 'sphere' ? d : chiSquare(rng, d);
  const sd = Math.sqrt(xNormSq / d);
  const u = new Float64Array(k);
  for (let l = 0; l < k; l++) u[l] = sd * rng.normal();
  const a = new Float64Array(k);
  if (p.outputWeights === 'gaussian') for (let l = 0; l < k; l++) a[l] = 1 * rng.normal();
  else for (let l = 0; l < k; l++) a[l] = rng.sign();
  return { k, d, xNormSq, u, a };
}

/**
 * f(x) = k^{-1/2} Σ_l a_l σ(u_l) of one reduced Bubeck trial, drawn from `rng` as `reducedBubeckTrial(params, rng).f`
 * is, and equal to it bit for bit (same draws, same sum), without the draws and O(k) work the rest of the trial needs.
 */
export function reducedOutput(params: BubeckTrialParams, rng: Stream): number {
  const { k, u, a } = drawPrefix('reducedOutput', params, rng);
  const act = getActivation(params.activation);
  let f = 0;
  for (let l = 0; l < k; l++) f += a[l] * act.f(u[l]);
  return f * (1 / Math.sqrt(k));
}

/**
 * ‖∇f(x)‖² = (u·c)²/n² + ‖c‖²·S with c = a ⊙ σ′(u)/√k and S ~ χ²_{d−1}/d (0 when d = 1), of one reduced Bubeck trial:
 * equal bit for bit to `reducedBubeckTrial(params, rng).gradNormSq` (same draws up to S, same sums), skipping z and the
 * rotation.
 */
export function reducedGradNormSq(params: BubeckTrialParams, rng: Stream): number {
  const { k, d, xNormSq, u, a } = drawPrefix('reducedGradNormSq', params, rng);
  const S = d > 1 ? chiSquare(rng, d - 1) / d : 0;
  const act = getActivation(params.activation);
  const invSqrtK = 1 / Math.sqrt(k);
  let uDotC = 0;
  let cNormSq = 0;
  for (let l = 0; l < k; l++) {
    const cl = invSqrtK * a[l] * act.df(u[l]);
    uDotC += u[l] * cl;
    cNormSq += cl * cl;
  }
  return (uDotC * uDotC) / xNormSq + cNormSq * S;
}

import { normalExpectation } from '#core/stats/normalExpectation.js';
import { getActivation } from '../../model/activations.js';
import type { GradientRay } from '../../model/oneStep.js';

// ---- exact moments of the activation under z ~ N(0, 1) (quadrature, independent of the simulation) ----
const momentCache = new Map<string, number>();
function moment(name: string, which: 'f2' | 'df2' | 'df2z2'): number {
  const key = `${name}/${which}`;
  const hit = momentCache.get(key);
  if (hit !== undefined) return hit;
  const a = getActivation(name);
  const g = which === 'f2' ? (z: number) => a.f(z) ** 2 : which === 'df2' ? (z: number) => a.df(z) ** 2 : (z: number) => (a.df(z) * z) ** 2;
  const v = normalExpectation(g, Number.isFinite(a.smoothness));
  momentCache.set(key, v);
  return v;
}
/** E σ(z)², z ~ N(0, 1). */
export const eSigma2 = (act: string): number => moment(act, 'f2');
/** E σ′(z)². */
export const eDSigma2 = (act: string): number => moment(act, 'df2');
/** E[σ′(z)² z²]. */
export const eDSigma2Z2 = (act: string): number => moment(act, 'df2z2');

/** ‖∇f‖² ≥ ½ E σ′(z)² and ‖∇f‖ > 0 (Ω(1): a strictly positive lower bound). */
export function gradientEvent(ray: GradientRay, act: string): boolean {
  return ray.gradNormSq > 0 && ray.gradNormSq >= 0.5 * eDSigma2(act);
}

import { normalExpectation } from '#core/stats/normalExpectation.js';
import { getActivation } from '../../model/activations.js';
import type { GradientRay } from '../../model/oneStep.js';

/**
 * Exact moments of the activation under z ~ N(0, 1), by quadrature (Gauss–Hermite for smooth σ, Simpson otherwise),
 * independent of the simulation: the constants of Bubeck et al. 2021's moment identities.
 */
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

/** E σ(z)², z ~ N(0, 1): the variance of f(x) (Bubeck et al. 2021, E f(x)² = E σ(z)²). */
export const eSigma2 = (act: string): number => moment(act, 'f2');
/** E σ′(z)², z ~ N(0, 1): the limit of E‖∇f(x)‖² (Bubeck et al. 2021). */
export const eDSigma2 = (act: string): number => moment(act, 'df2');
/** E[σ′(z)² z²], z ~ N(0, 1): the radial term of E‖∇f(x)‖² = E[σ′(z)²z²]/d + E[σ′(z)²](d−1)/d. */
export const eDSigma2Z2 = (act: string): number => moment(act, 'df2z2');

/** The gradient lower bound's event ‖∇f(x)‖² ≥ ½ E σ′(z)² and ‖∇f(x)‖ > 0 (Bubeck et al. 2021: ‖∇f(x)‖ = Ω(1) w.h.p.). */
export function gradientEvent(ray: Pick<GradientRay, 'gradNormSq'>, act: string): boolean {
  return ray.gradNormSq > 0 && ray.gradNormSq >= 0.5 * eDSigma2(act);
}

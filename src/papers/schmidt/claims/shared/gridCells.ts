import type { Profile } from '#core/claim/types.js';
import { epsAtFraction } from '../../model/schmidtTrials.js';
import { round6 } from './rounding.js';
import { D_GRID } from './settings.js';

/** Fractions f of the ε-grid ε = ¼·d^{−(1−f)/4}: a log-grid of [¼d^{−1/4}, ¼]. */
const EPS_FRACTIONS = [0, 0.5, 1];

/**
 * The grid of the sample-complexity bracket (Schmidt et al. 2018, eq. 17): cells (d, ε = ¼d^{−(1−f)/4}),
 * f ∈ {0, ½, 1}, ε rounded to 10⁻⁶; d ∈ {10², 10³, 10⁴} (smoke), up to 10⁵ (standard), up to 10⁶ (paper;
 * a bisection there costs ≈ 15 s).
 */
export function gridCells(profile: Profile): Array<{ d: number; eps: number }> {
  const ds = profile === 'smoke' ? [1e2, 1e3, 1e4] : profile === 'standard' ? D_GRID.slice(0, 4) : D_GRID;
  return ds.flatMap((d) => EPS_FRACTIONS.map((f) => ({ d, eps: round6(epsAtFraction(d, f)) })));
}

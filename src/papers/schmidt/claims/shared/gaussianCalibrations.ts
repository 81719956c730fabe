import { requireConstant } from '#core/claim/constants.js';
import type { Calibration, ConstantsTable, Profile } from '#core/claim/types.js';
import type { ThresholdResult } from '#core/checks/threshold.js';
import type { Stream } from '#core/random/stream.js';
import { gaussianRobustOk, gaussianRobustOkAcrossN, sigmaOf } from '../../model/schmidtTrials.js';
import { C } from './constantNames.js';
import { gridCells } from './gridCells.js';
import { CAL_LOWER_LEVEL, CAL_UPPER_LEVEL, D_GRID } from './settings.js';
import { calSearch, cCritical, epsCritical } from './thresholdSearch.js';

/** Calibration of schmidt.gaussian.c (σ ≤ c·d^{1/4} ⇒ one sample gives standard error ≤ 1% w.h.p.; Schmidt et al. 2018, Gaussian model). */
export const gaussianCCalibration: Calibration = {
  name: C.c,
  description: `c of σ ≤ c·d^{1/4}: the smallest over d ∈ {${D_GRID.join(', ')}} of the largest c with P[β(yx) ≤ 1%] ≥ ${CAL_UPPER_LEVEL} (bisection in c with an SPRT per probe, relative resolution 0.5%; the conservative end of the bracket).`,
  estimate: (rng, profile) => {
    let best: ThresholdResult | null = null;
    for (const d of D_GRID) {
      const r = cCritical(rng.child('d', d), d, CAL_UPPER_LEVEL, profile === 'smoke' ? 400 : 1500);
      if (!best || (r.holdsAt ?? 0) < (best.holdsAt ?? 0)) best = r;
    }
    const b = best as ThresholdResult;
    return {
      value: b.holdsAt ?? 0.05,
      ci: [b.holdsAt ?? 0.05, b.failsAt ?? b.holdsAt ?? 0.05],
      method: `min over d of the bisection bracket's holding end at level ${CAL_UPPER_LEVEL}`,
    };
  },
};

/** Calibration of schmidt.gaussian.c1 (σ ≤ c1·d^{1/4} in the robust upper bound of Schmidt et al. 2018, main-text form). */
export const gaussianC1Calibration: Calibration = {
  name: C.c1,
  description: `c1 of σ ≤ c1·d^{1/4}: the smallest over d ∈ {10², …, 10⁵} of the largest c1 for which one sample gives robust error ≤ 1% at ε = ¼d^{−1/4} with probability ≥ ${CAL_UPPER_LEVEL} (bisection in c1, SPRT per probe).`,
  estimate: (rng, profile) => {
    let best: ThresholdResult | null = null;
    const grid = profile === 'paper' ? D_GRID : D_GRID.slice(0, 4);
    for (const d of grid) {
      const eps = 0.25 * Math.pow(d, -0.25);
      const r = calSearch((c1, rr) => gaussianRobustOk(rr, d, sigmaOf(c1, d), 1, eps), rng.child('d', d), CAL_UPPER_LEVEL, profile === 'smoke' ? 300 : 1000, {
        lo: 0.05,
        hi: 3,
        integer: false,
        relTol: 0.005,
        direction: 'holds-below',
      });
      if (!best || (r.holdsAt ?? 0) < (best.holdsAt ?? 0)) best = r;
    }
    const b = best as ThresholdResult;
    return {
      value: b.holdsAt ?? 0.05,
      ci: [b.holdsAt ?? 0.05, b.failsAt ?? 0.05],
      method: `min over d of the bisection bracket's holding end, level ${CAL_UPPER_LEVEL}`,
    };
  },
};

/** Calibration of schmidt.gaussian.c2 (n ≥ c2 ε²√d samples suffice for robust error ≤ 1%; Schmidt et al. 2018, main-text form). */
export const gaussianC2Calibration: Calibration = {
  name: C.c2,
  description: `c2 of n ≥ c2 ε²√d at σ = c1·d^{1/4}: n = max(1, ⌈c2 ε²√d⌉) samples must suffice for every ε ∈ [¼d^{−1/4}, ¼]; n* jumps to k at ε_k = the largest ε for which k − 1 samples still suffice (level ${CAL_UPPER_LEVEL}), so c2 = max over d ∈ {10², …, 10⁵} and k ∈ {2, 3, 4} of (k − 1)/(ε_k²√d), ε_k from the holding end of an ε-bisection.`,
  estimate: (rng, profile, k) => {
    const c1 = requireConstant(k, C.c1);
    let value = 0;
    let ci: [number, number] = [0, 0];
    const grid = profile === 'paper' ? D_GRID : D_GRID.slice(0, 4);
    for (const d of grid) {
      for (const kk of [2, 3, 4]) {
        const r = epsCritical(rng.child(`d${d}`, kk), d, sigmaOf(c1, d), kk - 1, CAL_UPPER_LEVEL, profile === 'smoke' ? 300 : 800);
        const e = r.holdsAt ?? 0.02 * Math.pow(d, -0.25);
        const v = (kk - 1) / (e * e * Math.sqrt(d));
        if (v > value) {
          value = v;
          const ef = r.failsAt ?? e;
          ci = [(kk - 1) / (ef * ef * Math.sqrt(d)), v];
        }
      }
    }
    return { value, ci, method: 'max over (d, k) of (k−1)/(ε_k²√d), ε-bisection with SPRT per probe' };
  },
};

/** Calibration of schmidt.c_hi (n* ≤ max(1, c_hi ε²√d), the upper end of Schmidt et al. 2018, eq. 17). */
export const cHiCalibration: Calibration = {
  name: C.cHi,
  description: `c_hi: n* at level ${CAL_UPPER_LEVEL} on every grid cell (d ∈ {10², …, 10⁶}, ε = ¼d^{−(1−f)/4}, f ∈ {0, ½, 1}), σ = c1 d^{1/4}; ⌈c_hi ε²√d⌉ ≥ n* needs c_hi > (n* − 1)/(ε²√d): c_hi = max over cells (n* from the bisection's holding end).`,
  estimate: (rng, profile, k) => calibrateBracket(rng, profile, k, 'hi'),
};

/** Calibration of schmidt.c_lo (c_lo ε²√d/log d ≤ n*, the lower end of Schmidt et al. 2018, eq. 17). */
export const cLoCalibration: Calibration = {
  name: C.cLo,
  description: `c_lo: n* at level ${CAL_LOWER_LEVEL} on every grid cell, σ = c1 d^{1/4}; ⌊c_lo ε²√d/log d⌋ < n* needs c_lo < n*·log d/(ε²√d): c_lo = min over cells (n* from the holding end).`,
  estimate: (rng, profile, k) => calibrateBracket(rng, profile, k, 'lo'),
};

/**
 * The ends of the bracket of eq. 17 (Schmidt et al. 2018) from n* on every grid cell at σ = c1·d^{1/4}:
 * c_hi = max over cells of (n* − 1)/(ε²√d), c_lo = min over cells of n*·log d/(ε²√d) (n* by bisection, SPRT per probe).
 */
function calibrateBracket(rng: Stream, profile: Profile, k: ConstantsTable, which: 'lo' | 'hi'): { value: number; ci: [number, number]; method: string } {
  const c1 = requireConstant(k, C.c1);
  const level = which === 'hi' ? CAL_UPPER_LEVEL : CAL_LOWER_LEVEL;
  const cells = gridCells(profile === 'smoke' ? 'smoke' : 'paper');
  let value = which === 'hi' ? 0 : Infinity;
  let ci: [number, number] = [0, 0];
  for (const [i, cell] of cells.entries()) {
    const r = calSearch(gaussianRobustOkAcrossN(cell.d, sigmaOf(c1, cell.d), cell.eps), rng.child('cell', i), level, profile === 'smoke' ? 200 : 600, {
      lo: 1,
      hi: 4096,
      integer: true,
    });
    const nStar = r.holdsAt ?? 4096;
    const base = cell.eps * cell.eps * Math.sqrt(cell.d);
    if (which === 'hi') {
      const v = ((nStar - 1) / base) * (1 + 1e-6);
      if (v > value) {
        value = v;
        ci = [(Math.max(1, r.failsAt ?? 1) - 1) / base, v];
      }
    } else {
      const v = ((nStar * Math.log(cell.d)) / base) * (1 - 1e-6);
      if (v < value) {
        value = v;
        ci = [((r.failsAt ?? 0) * Math.log(cell.d)) / base, v];
      }
    }
  }
  return {
    value,
    ci: [Math.min(ci[0], value), Math.max(ci[1], value)],
    method: `${which === 'hi' ? 'max' : 'min'} over ${cells.length} grid cells, n* by bisection with an SPRT per probe at level ${level}`,
  };
}

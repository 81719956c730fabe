import { requireConstant } from '#core/claim/constants.js';
import type { Calibration } from '#core/claim/types.js';
import type { ThresholdResult } from '#core/checks/threshold.js';
import { bernoulliRobustMistake, bernoulliRobustOk } from '../../model/schmidtTrials.js';
import { C } from './constantNames.js';
import { CAL_UPPER_LEVEL, D_GRID, GAMMA } from './settings.js';
import { calSearch } from './thresholdSearch.js';

/**
 * Calibration of schmidt.bernoulli.c (τ ≥ c·d^{−1/4} ⇒ one sample gives error ≤ 1% w.h.p.; Schmidt et al. 2018, main-text form; Thm 27 is the explicit
 * one).
 */
export const bernoulliCCalibration: Calibration = {
  name: C.bc,
  description: `c of τ ≥ c·d^{−1/4}: the largest over d ∈ {10², …, 10⁶} of the smallest c with P[error(f_yx) ≤ 1%] ≥ ${CAL_UPPER_LEVEL} (bisection in c, SPRT per probe, exact binomial errors).`,
  estimate: (rng, profile) => {
    let best: ThresholdResult | null = null;
    for (const d of D_GRID) {
      const r = calSearch(
        (c, rr) => bernoulliRobustOk(rr, d, Math.min(0.5, c * Math.pow(d, -0.25)), 1, 0, 'mean'),
        rng.child('d', d),
        CAL_UPPER_LEVEL,
        profile === 'smoke' ? 400 : 1500,
        {
          lo: 0.05,
          hi: 3,
          integer: false,
          relTol: 0.005,
        },
      );
      if (!best || (r.holdsAt ?? 3) > (best.holdsAt ?? 3)) best = r;
    }
    const b = best as ThresholdResult;
    return {
      value: b.holdsAt ?? 3,
      ci: [b.failsAt ?? b.holdsAt ?? 3, b.holdsAt ?? 3],
      method: `max over d of the bisection bracket's holding end at level ${CAL_UPPER_LEVEL}`,
    };
  },
};

/** Calibration of schmidt.bernoulli.c2 (n ≤ c2 ε²γ²d/log(d/γ) ⇒ linear learners have robust error ≥ ½ − γ; Schmidt et al. 2018, Thm 9 / Thm 31). */
export const bernoulliC2Calibration: Calibration = {
  name: C.bc2,
  description: `c2 of n ≤ c2 ε²γ²d/log(d/γ), τ = c·d^{−1/4}, ε = r·τ, r ∈ {0.5, 1, 1.5}, γ = ${GAMMA}: for each grid cell (d ∈ {10², …, 10⁶}) the largest n at which every linear learner (mean, sign, soft) still has P[robust mistake] ≥ ½ (stricter than ½ − γ); c2 = min over cells of (n + 1)·log(d/γ)/(ε²γ²d).`,
  estimate: (rng, profile, k) => {
    const c = requireConstant(k, C.bc);
    let value = Infinity;
    let ci: [number, number] = [0, 0];
    const ds = profile === 'smoke' ? D_GRID.slice(0, 3) : D_GRID;
    for (const d of ds) {
      for (const r of [0.5, 1, 1.5]) {
        const tau = c * Math.pow(d, -0.25);
        const eps = r * tau;
        let nLo = Infinity;
        for (const learner of ['mean', 'sign', 'soft'] as const) {
          const res = calSearch(
            (n, rr) => bernoulliRobustMistake(rr, d, tau, n, eps, learner),
            rng.child(`${d}/${r}/${learner}`),
            0.5,
            profile === 'smoke' ? 200 : 500,
            {
              lo: 1,
              hi: 1 << 16,
              integer: true,
              direction: 'holds-below',
            },
          );
          nLo = Math.min(nLo, res.holdsAt ?? 0);
        }
        const base = (eps * eps * GAMMA * GAMMA * d) / Math.log(d / GAMMA);
        const v = ((nLo + 1) / base) * (1 - 1e-6);
        if (v < value) {
          value = v;
          ci = [(nLo / base) * (1 - 1e-6), v];
        }
      }
    }
    return {
      value,
      ci,
      method: 'min over (d, r) cells of (n_lo + 1)·log(d/γ)/(ε²γ²d), n_lo by bisection (holds-below) with an SPRT per probe, min over learners',
    };
  },
};

import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { requireConstant } from '#core/claim/constants.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { thresholdCheck } from '#core/checks/threshold.js';
import type { Params, Profile } from '#core/claim/types.js';
import { gaussianRobustOk, sigmaOf } from '../model/schmidtTrials.js';
import { cHiCalibration, cLoCalibration } from './shared/gaussianCalibrations.js';
import { C } from './shared/constantNames.js';
import { control } from './shared/control.js';
import { unit } from './shared/draws.js';
import { gridCells } from './shared/gridCells.js';
import { ROBUST_EVENT_DESC } from './shared/robustEvent.js';
import { round6 } from './shared/rounding.js';
import { GAMMA } from './shared/settings.js';
import { first, inReal } from './shared/validators.js';

export interface NStarParams extends Params {
  d: number;
  eps: number;
  gamma: number;
}

/** Bisection range for n*: [1, max(64, 4·upper bound)]. */
const nStarSearch = (upper: number): { lo: number; hi: number; integer: boolean } => ({ lo: 1, hi: Math.max(64, Math.ceil(4 * upper)), integer: true });

const nStarHyp = {
  describe: (profile: Profile) => ({
    d:
      profile === 'smoke'
        ? '{10², 10³, 10⁴}'
        : profile === 'standard'
          ? '{10², 10³, 10⁴, 10⁵} (10⁶ in the paper profile and the calibration)'
          : '{10², 10³, 10⁴, 10⁵, 10⁶}',
    eps: '¼·d^{−(1−f)/4}, f ∈ {0, ½, 1} (log-grid of [¼d^{−1/4}, ¼]); cells with f > 0 drawn 3× as often (at f = 0 one sample suffices by the choice of c1)',
    sigma: 'c1·d^{1/4} (calibrated c1)',
    learner: 'mean',
  }),
  // noBias: spread the configurations over the grid (fast-check otherwise favours the first cells).
  arbitrary: (profile: Profile): fc.Arbitrary<NStarParams> =>
    fc.noBias(fc.oneof(...gridCells(profile).map((c) => ({ arbitrary: fc.constant({ d: c.d, eps: c.eps, gamma: GAMMA }), weight: c.f > 0 ? 3 : 1 })))),
  validate: (p: NStarParams) =>
    first(
      gridCells('paper').some((c) => c.d === p.d && Math.abs(c.eps - p.eps) < 1e-9)
        ? null
        : `(d, eps) must be a grid cell (d ∈ {10², …, 10⁶}, eps = ¼d^{−(1−f)/4}, f ∈ {0, ½, 1}), got (${p.d}, ${p.eps})`,
      inReal('gamma', p.gamma, GAMMA, GAMMA),
    ),
};

export const sampleComplexity = defineClaim<NStarParams>({
  id: 'schmidt.sample-complexity',
  paper: 'schmidt',
  statement:
    'n*(ε, d) = the smallest n with robust error ≤ 1% w.h.p. for the mean learner at σ = c1 d^{1/4}: over the grid d ∈ [10², 10⁶], ε ∈ [¼d^{−1/4}, ¼], c_lo ε²√d/log d ≤ n* ≤ max(1, c_hi ε²√d) with calibrated c_lo, c_hi (the bracket of eq. 17).',
  hypotheses: nStarHyp,
  checks: [
    thresholdCheck<NStarParams>({
      name: 'nstar-in-bracket',
      describe: `n* of P[${ROBUST_EVENT_DESC}] ≥ 1 − γ: fails w.h.p. at ⌊c_lo ε²√d/log d⌋, holds w.h.p. at ⌈max(1, c_hi ε²√d)⌉; bisection for n*`,
      event: (p, n, rng, ctx) => gaussianRobustOk(rng, p.d, sigmaOf(requireConstant(ctx.constants, C.c1), p.d), n, p.eps),
      target: (p) => 1 - p.gamma,
      delta: 0.05,
      search: (p, ctx) => nStarSearch(Math.max(1, requireConstant(ctx.constants, C.cHi) * p.eps * p.eps * Math.sqrt(p.d))),
      bounds: (p, ctx) => ({
        lower: (requireConstant(ctx.constants, C.cLo) * p.eps * p.eps * Math.sqrt(p.d)) / Math.log(p.d),
        upper: Math.max(1, requireConstant(ctx.constants, C.cHi) * p.eps * p.eps * Math.sqrt(p.d)),
      }),
      measured: (p, r, ctx) => ({
        d: p.d,
        eps: p.eps,
        sigma: sigmaOf(requireConstant(ctx.constants, C.c1), p.d),
        nStar: r.holdsAt ?? NaN,
        epsSqRootD: p.eps * p.eps * Math.sqrt(p.d),
      }),
    }),
  ],
  controls: [
    control('eps-above-range', 'ε ∈ [1, 1.5], above the claimed range: no n makes the robust error ≤ 1%, so n* ≤ max(1, c_hi ε²√d) must fail', () =>
      fc.record({ d: fc.constantFrom(100, 1000, 10000), e: unit(1, 1.5) }).map(({ d, e }) => ({ d, eps: round6(e), gamma: GAMMA })),
    ),
  ],
  constants: [C.c1, C.cLo, C.cHi],
  calibrations: [cHiCalibration, cLoCalibration],
  profiles: budgets(
    { configurations: 3, trials: 200, controlConfigurations: 1 },
    { configurations: 8, trials: 300, controlConfigurations: 1 },
    { configurations: 15, trials: 2000 },
  ),
  notes:
    'Each probe n runs an SPRT of P[β_ε(ŵ) ≤ 1%] ≥ 1 − γ on trials that share their streams across probes (common random numbers); the bracket of eq. (17) is tested by its two end probes, and n* by bisection (reported).',
});

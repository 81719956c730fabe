import { budgets } from '#core/claim/budgets.js';
import { requireConstant } from '#core/claim/constants.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { thresholdCheck } from '#core/checks/threshold.js';
import { withFigures } from '#core/checks/withFigures.js';
import { cases, defineSpace, fixed, oneOf, real, type PointOf } from '#core/space/index.js';
import { epsAtFraction, gaussianRobustOkAcrossN, sigmaOf } from '../model/schmidtTrials.js';
import { C } from './shared/constantNames.js';
import { cHiCalibration, cLoCalibration } from './shared/gaussianCalibrations.js';
import { gridCells } from './shared/gridCells.js';
import { ROBUST_EVENT_DESC } from './shared/robustEvent.js';
import { round6 } from './shared/rounding.js';
import { errorsAgainstNFigure, nStarFigure } from './shared/sampleComplexityFigures.js';
import { GAMMA } from './shared/settings.js';

/** Bisection range for n*: [1, max(64, 4·upper bound)]. */
const nStarSearch = (upper: number): { lo: number; hi: number; integer: boolean } => ({ lo: 1, hi: Math.max(64, Math.ceil(4 * upper)), integer: true });

/**
 * The grid cells (d, ε = ¼d^{−(1−f)/4}), f ∈ {0, ½, 1}; cells with f > 0 drawn 3× as often (at f = 0,
 * ε = ¼d^{−1/4}, one sample suffices by the choice of c1). σ = c1·d^{1/4} (calibrated c1), the mean learner.
 */
const nStarSpace = defineSpace({
  cell: cases((c) => gridCells(c.profile), {
    keys: ['d', 'eps'],
    weights: (row) => (row.eps === round6(epsAtFraction(row.d, 0)) ? 1 : 3),
  }),
  gamma: fixed(GAMMA),
});

export type NStarParams = PointOf<typeof nStarSpace>;

/** The control's configurations: ε ∈ [1, 1.5], above the claimed range, d ∈ {10², 10³, 10⁴}. */
const epsAboveRange = defineSpace({
  d: oneOf([100, 1000, 10000]),
  eps: real({ min: 1, max: 1.5, digits: 6 }),
  gamma: fixed(GAMMA),
});

/** The bracket of eq. (17) at one cell, tested at its two ends, and n* by bisection (reported). */
const nStarCheck = thresholdCheck<NStarParams>({
  name: 'nstar-in-bracket',
  describe: `n* of P[${ROBUST_EVENT_DESC}] ≥ 1 − γ: fails w.h.p. at ⌊c_lo ε²√d/log d⌋, holds w.h.p. at ⌈max(1, c_hi ε²√d)⌉; bisection for n*`,
  event: (p, n, rng, ctx) => gaussianRobustOkAcrossN(p.d, sigmaOf(requireConstant(ctx.constants, C.c1), p.d), p.eps)(n, rng),
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
});

export const sampleComplexity = defineClaim<NStarParams>({
  id: 'schmidt.sample-complexity',
  paper: 'schmidt',
  statement:
    '$n^*(\\varepsilon, d)$ = the smallest n with robust error ≤ 1% w.h.p. for the mean learner at $\\sigma = c_1 d^{1/4}$: over the grid ' +
    '$d \\in [10^2, 10^6]$, $\\varepsilon \\in [\\tfrac14 d^{-1/4}, \\tfrac14]$, $c_{\\mathrm{lo}}\\,\\varepsilon^2\\sqrt{d}/\\log d \\le n^* \\le ' +
    '\\max(1, c_{\\mathrm{hi}}\\,\\varepsilon^2\\sqrt{d})$ with calibrated c_lo, c_hi (the bracket of eq. 17).',
  hypotheses: nStarSpace.hypotheses(),
  checks: [
    withFigures(nStarCheck, (p, outcome, ctx) => {
      const nStar = outcome.evidence.measured?.nStar ?? NaN;
      // The error curves of the ε = ¼ cells (one panel per d): where the gap between standard and robust error is widest.
      return [nStarFigure(p, nStar, ctx), ...(p.eps === 0.25 ? [errorsAgainstNFigure(p, nStar, ctx)] : [])];
    }),
  ],
  controls: [
    {
      id: 'eps-above-range',
      description: 'ε ∈ [1, 1.5], above the claimed range: no n makes the robust error ≤ 1%, so n* ≤ max(1, c_hi ε²√d) must fail',
      arbitrary: epsAboveRange.arbitrary,
    },
  ],
  constants: [C.c1, C.cLo, C.cHi],
  calibrations: [cHiCalibration, cLoCalibration],
  profiles: budgets(
    { configurations: 3, trials: 200, controlConfigurations: 1 },
    { configurations: 8, trials: 300, controlConfigurations: 1 },
    { configurations: 15, trials: 2000 },
  ),
  notes:
    'Each probe n runs an SPRT of P[β_ε(ŵ) ≤ 1%] ≥ 1 − γ on trials that share their streams across probes (common random numbers); the bracket of ' +
    'eq. (17) is tested by its two end probes, and n* by bisection (reported).',
});

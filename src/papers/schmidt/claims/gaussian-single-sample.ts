import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { scalingCheck } from '#core/checks/scaling.js';
import { defineSpace, derived, fixed, int, real, type PointOf, type SpaceContext } from '#core/space/index.js';
import { gaussianSingleSampleOk, sigmaOf } from '../model/schmidtTrials.js';
import { C } from './shared/constantNames.js';
import { gaussianCCalibration } from './shared/gaussianCalibrations.js';
import { round6 } from './shared/rounding.js';
import { D_GRID, GAMMA } from './shared/settings.js';
import { cCritical } from './shared/thresholdSearch.js';

type DContext = SpaceContext<{ d: number }>;
/** The regime's edge σ = c·d^{1/4}, c = schmidt.gaussian.c (calibrated; 0.5 before calibration). */
const sigmaMax = (c: DContext): number => sigmaOf(c.constant(C.c, 0.5), c.p.d);

/** σ ≤ c·d^{1/4} (drawn from [0.05, 1]·c·d^{1/4}), d ∈ [10², 10⁶] log-uniform, γ = 0.1. */
const singleParams = {
  d: int({ min: 100, max: 1e6, scale: 'log' }),
  sigma: real({ min: (c: DContext) => 0.05 * sigmaMax(c), max: sigmaMax, digits: 6, describe: '[0.05, 1]·c·d^{1/4}, c = schmidt.gaussian.c (calibrated)' }),
  gamma: fixed(GAMMA),
};
const singleSpace = defineSpace(singleParams);

export type SingleSampleParams = PointOf<typeof singleSpace>;

/** The control's configurations: σ = 4·c·d^{1/4}, far above the regime. */
const sigmaFarAbove = defineSpace({
  ...singleParams,
  sigma: derived((c: DContext) => round6(4 * sigmaMax(c)), { formula: 'σ = 4·c·d^{1/4}' }),
});

export const gaussianSingleSample = defineClaim<SingleSampleParams>({
  id: 'schmidt.gaussian-single-sample',
  paper: 'schmidt',
  statement:
    'Gaussian model, $\\sigma \\le c\\,d^{1/4}$, $\\hat w = yx$ from one sample ⇒ standard error $\\beta(\\hat w) \\le 1\\%$ with probability ≥ ' +
    '1 − γ; the critical c is flat in d.',
  hypotheses: singleSpace.hypotheses(),
  checks: [
    probabilityCheck<SingleSampleParams>({
      name: 'single-sample-accurate',
      describe: 'P[β(yx) ≤ 1%] ≥ 1 − γ, β from ⟨ŵ,θ*⟩ = d + σ√d Z₁, ‖ŵ‖² = d + 2σ√d Z₁ + σ²(Z₁² + χ²_{d−1}) (exact, O(1))',
      target: (p) => 1 - p.gamma,
      delta: 0.05,
      event: (p, rng) => gaussianSingleSampleOk(rng, p.d, p.sigma),
    }),
    scalingCheck<SingleSampleParams>({
      name: 'critical-c-flat-in-d',
      describe: 'log c*(d) against log d, c*(d) = largest c with P[β(yx) ≤ 1%] ≥ 1 − γ at σ = c·d^{1/4} (bisection + SPRT); slope in [−0.05, 0.05]',
      grid: (p, ctx) => (ctx.profile === 'smoke' ? [1e2, 1e4, 1e6] : D_GRID),
      sample: (p, d, rng, ctx) => {
        const r = cCritical(rng, d, 1 - p.gamma, ctx.budget.trials);
        return r.holdsAt ?? 0.05;
      },
      replicates: (p, ctx) => ctx.budget.replicates ?? 2,
      range: [-0.05, 0.05],
      quantity: 'c*',
      sizeName: 'd',
    }),
  ],
  controls: [
    {
      id: 'sigma-far-above',
      description: 'σ = 4·c·d^{1/4}, far above the regime: one sample must no longer give 1% error w.h.p.',
      arbitrary: sigmaFarAbove.arbitrary,
    },
  ],
  constants: [C.c],
  calibrations: [gaussianCCalibration],
  profiles: budgets(
    { configurations: 2, trials: 400, replicates: 2, controlConfigurations: 1 },
    { configurations: 5, trials: 1000, replicates: 3, controlConfigurations: 2 },
    { configurations: 20, trials: 5000, replicates: 5 },
  ),
  notes: 'Dimension-free exact sampling: only ⟨ŵ, θ*⟩ and ‖ŵ‖₂ enter the standard error, and both are drawn exactly at O(1) for any d.',
});

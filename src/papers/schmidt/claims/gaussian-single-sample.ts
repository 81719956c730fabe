import { budgets } from '#core/claim/budgets.js';
import { requireConstant } from '#core/claim/constants.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { scalingCheck } from '#core/checks/scaling.js';
import type { ConstantsTable, Params, Profile } from '#core/claim/types.js';
import fc from 'fast-check';
import { gaussianSingleSampleOk, sigmaOf } from '../model/schmidtTrials.js';
import { gaussianCCalibration } from './shared/gaussianCalibrations.js';
import { cCritical } from './shared/thresholdSearch.js';
import { C } from './shared/constantNames.js';
import { control } from './shared/control.js';
import { dExpArb, unit } from './shared/draws.js';
import { floor6, round6 } from './shared/rounding.js';
import { D_GRID, GAMMA } from './shared/settings.js';
import { first, inInt, inReal } from './shared/validators.js';

export interface SingleSampleParams extends Params {
  d: number;
  sigma: number;
  gamma: number;
}

const singleHyp = {
  describe: () => ({ d: '[10², 10⁶] (log-uniform)', sigma: '(0, c·d^{1/4}], c = schmidt.gaussian.c (calibrated)', gamma: String(GAMMA) }),
  arbitrary: (profile: Profile, k: ConstantsTable): fc.Arbitrary<SingleSampleParams> => {
    const c = k[C.c]?.value ?? 0.5;
    return fc.record({ d: dExpArb(2, 6), f: unit(0.05, 1) }).map(({ d, f }) => ({ d, sigma: floor6(f * sigmaOf(c, d)), gamma: GAMMA }));
  },
  validate: (p: SingleSampleParams, k: ConstantsTable) => {
    const c = requireConstant(k, C.c);
    return first(inInt('d', p.d, 100, 1e6), inReal('sigma', p.sigma, 1e-9, sigmaOf(c, p.d)), inReal('gamma', p.gamma, GAMMA, GAMMA));
  },
};

export const gaussianSingleSample = defineClaim<SingleSampleParams>({
  id: 'schmidt.gaussian-single-sample',
  paper: 'schmidt',
  statement: 'Gaussian model, σ ≤ c·d^{1/4}, ŵ = yx from one sample ⇒ standard error β(ŵ) ≤ 1% with probability ≥ 1 − γ; the critical c is flat in d.',
  hypotheses: singleHyp,
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
    control('sigma-far-above', 'σ = 4·c·d^{1/4}, far above the regime: one sample must no longer give 1% error w.h.p.', (profile, k) =>
      singleHyp.arbitrary(profile, k).map((p) => ({ ...p, sigma: round6(4 * sigmaOf(k[C.c]?.value ?? 0.5, p.d)) })),
    ),
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

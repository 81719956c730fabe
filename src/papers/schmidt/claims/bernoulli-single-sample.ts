import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { requireConstant } from '#core/claim/constants.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import type { ConstantsTable, Params, Profile } from '#core/claim/types.js';
import { bernoulliRobustErrorOf } from '../model/schmidtTrials.js';
import { bernoulliCCalibration } from './shared/bernoulliCalibrations.js';
import { C } from './shared/constantNames.js';
import { control } from './shared/control.js';
import { dExpArb, unit } from './shared/draws.js';
import { ceil6, round6 } from './shared/rounding.js';
import { GAMMA } from './shared/settings.js';
import { first, inInt, inReal, oneOf } from './shared/validators.js';

export interface BernoulliSingleParams extends Params {
  /** "main": τ ≥ c·d^{−1/4} (calibrated c) ⇒ error ≤ 1% w.p. ≥ 1 − γ; "thm27": error ≤ exp(−2τ⁴d) w.p. ≥ 1 − exp(−τ²d/2). */
  form: string;
  d: number;
  tau: number;
  gamma: number;
}

/** Thm 27's regime where its bound is informative: exp(−2τ⁴d) between 10⁻¹² and 1% ⇔ τ⁴d ∈ [log(100)/2, log(10¹²)/2]. */
const thm27Tau = (d: number, f: number): number => Math.pow((Math.log(100) / 2 + f * (Math.log(1e12) / 2 - Math.log(100) / 2)) / d, 0.25);

const bSingleHyp = {
  describe: () => ({
    form: 'main (τ ≥ c·d^{−1/4}, c = schmidt.bernoulli.c) | thm27 (τ⁴d ∈ [log(100)/2, log(10¹²)/2]: bound exp(−2τ⁴d) between 1% and 10⁻¹²)',
    d: '[10², 10⁶] (main), [10³, 10⁶] (thm27, so that τ ≤ ½), log-uniform',
    tau: 'main: [c·d^{−1/4}, ½]',
  }),
  arbitrary: (profile: Profile, k: ConstantsTable): fc.Arbitrary<BernoulliSingleParams> => {
    const c = k[C.bc]?.value ?? 1;
    const main = fc.record({ d: dExpArb(2, 6), f: unit(0, 1) }).map(({ d, f }) => {
      const lo = c * Math.pow(d, -0.25);
      return { form: 'main', d, tau: Math.min(0.5, ceil6(lo * Math.pow(Math.max(1, 0.5 / lo), f * f))), gamma: GAMMA };
    });
    const thm27 = fc.record({ d: dExpArb(3, 6), f: unit(0, 1) }).map(({ d, f }) => ({ form: 'thm27', d, tau: round6(thm27Tau(d, f)), gamma: GAMMA }));
    return fc.oneof({ arbitrary: main, weight: 2 }, { arbitrary: thm27, weight: 1 });
  },
  validate: (p: BernoulliSingleParams, k: ConstantsTable) =>
    first(
      oneOf('form', p.form, ['main', 'thm27']),
      inInt('d', p.d, p.form === 'main' ? 100 : 1000, 1e6),
      p.form === 'main'
        ? inReal('tau', p.tau, requireConstant(k, C.bc) * Math.pow(p.d, -0.25), 0.5)
        : inReal('tau', p.tau, thm27Tau(p.d, 0) - 1e-6, thm27Tau(p.d, 1) + 1e-6),
    ),
};

export const bernoulliSingleSample = defineClaim<BernoulliSingleParams>({
  id: 'schmidt.bernoulli-single-sample',
  paper: 'schmidt',
  statement:
    'Bernoulli model, ŵ = yx from one sample: τ ≥ c·d^{−1/4} ⇒ standard error ≤ 1% with probability ≥ 1 − γ (main-text form, calibrated c); explicit Thm 27: error ≤ exp(−2τ⁴d) with probability ≥ 1 − exp(−τ²d/2).',
  hypotheses: bSingleHyp,
  checks: [
    probabilityCheck<BernoulliSingleParams>({
      name: 'single-sample-accurate',
      describe:
        'P[error(f_yx) ≤ bound] ≥ target (main: bound 1%, target 1 − γ; thm27: bound exp(−2τ⁴d), target 1 − exp(−τ²d/2)); K ~ Bin(d, ½ + τ) agreeing coordinates, error = P(A + B′ ≤ ⌊d/2⌋), A ~ Bin(K, ½+τ), B′ ~ Bin(d − K, ½−τ) (exact)',
      target: (p) => (p.form === 'main' ? 1 - p.gamma : 1 - Math.exp((-p.tau * p.tau * p.d) / 2)),
      delta: 0.05,
      event: (p, rng) => bernoulliRobustErrorOf(rng, p.d, p.tau, 1, 0, 'mean') <= (p.form === 'main' ? 0.01 : Math.exp(-2 * p.tau ** 4 * p.d)),
    }),
  ],
  controls: [
    control('tau-far-below', 'τ = c·d^{−1/4}/4, far below the regime: one sample must no longer give 1% error w.h.p.', (profile, k) =>
      bSingleHyp.arbitrary(profile, k).map((p) => ({ ...p, form: 'main', tau: round6(((k[C.bc]?.value ?? 1) * Math.pow(p.d, -0.25)) / 4) })),
    ),
  ],
  constants: [C.bc],
  calibrations: [bernoulliCCalibration],
  profiles: budgets(
    { configurations: 3, trials: 300, controlConfigurations: 1 },
    { configurations: 6, trials: 600, controlConfigurations: 2 },
    { configurations: 30, trials: 3000 },
  ),
  notes:
    'The exact error is a sum-of-two-binomials CDF (relative window cut 10⁻⁴⁰), accurate far below the 10⁻¹² the Thm 27 configurations go down to; above that range exp(−2τ⁴d) underflows and the comparison would be meaningless.',
});

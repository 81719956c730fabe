import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { defineSpace, derived, fixed, int, real, unionSpace, type PointOf, type SpaceContext } from '#core/space/index.js';
import { bernoulliRobustErrorOf } from '../model/schmidtTrials.js';
import { bernoulliCCalibration } from './shared/bernoulliCalibrations.js';
import { C } from './shared/constantNames.js';
import { round6 } from './shared/rounding.js';
import { GAMMA } from './shared/settings.js';

/** Thm 27's regime where its bound is informative: exp(−2τ⁴d) between 10⁻¹² and 1% ⇔ τ⁴d ∈ [log(100)/2, log(10¹²)/2]. */
const thm27Tau = (d: number, f: number): number => Math.pow((Math.log(100) / 2 + f * (Math.log(1e12) / 2 - Math.log(100) / 2)) / d, 0.25);

type D = SpaceContext<{ d: number }>;
/** The main form's edge τ = c·d^{−1/4}, c = schmidt.bernoulli.c (calibrated; 1 before calibration). */
const tauMin = (c: D): number => c.constant(C.bc, 1) * c.p.d ** -0.25;

/** main: τ ∈ [c·d^{−1/4}, ½] (log), d ∈ [10², 10⁶]; thm27: τ⁴d ∈ [log(100)/2, log(10¹²)/2], d ∈ [10³, 10⁶] (so that τ ≤ ½); drawn 2 : 1. */
const bSingleSpace = unionSpace([
  {
    label: 'main',
    weight: 2,
    space: defineSpace({
      form: fixed('main'),
      d: int({ min: 100, max: 1e6, scale: 'log' }),
      tau: real({ min: tauMin, max: 0.5, scale: 'log', digits: 6, describe: '[c·d^{−1/4}, ½] (log), c = schmidt.bernoulli.c' }),
      gamma: fixed(GAMMA),
    }),
  },
  {
    label: 'thm27',
    space: defineSpace({
      form: fixed('thm27'),
      d: int({ min: 1000, max: 1e6, scale: 'log' }),
      tau: real({
        min: (c: D) => thm27Tau(c.p.d, 0),
        max: (c: D) => thm27Tau(c.p.d, 1),
        digits: 6,
        describe: 'τ⁴d ∈ [log(100)/2, log(10¹²)/2] (bound exp(−2τ⁴d) between 1% and 10⁻¹²)',
      }),
      gamma: fixed(GAMMA),
    }),
  },
]);

export type BernoulliSingleParams = PointOf<typeof bSingleSpace>;

/** The control's configurations: τ = c·d^{−1/4}/4, far below the regime, d ∈ [10², 10⁶]. */
const tauFarBelow = defineSpace({
  form: fixed('main'),
  d: int({ min: 100, max: 1e6, scale: 'log' }),
  tau: derived((c: D) => round6(tauMin(c) / 4), { formula: 'τ = c·d^{−1/4}/4' }),
  gamma: fixed(GAMMA),
});

export const bernoulliSingleSample = defineClaim<BernoulliSingleParams>({
  id: 'schmidt.bernoulli-single-sample',
  paper: 'schmidt',
  statement:
    'Bernoulli model, $\\hat w = yx$ from one sample: $\\tau \\ge c\\,d^{-1/4}$ ⇒ standard error ≤ 1% with probability ≥ 1 − γ (main-text ' +
    'form, calibrated c); explicit Thm 27: error $\\le \\exp(-2\\tau^4 d)$ with probability $\\ge 1 - \\exp(-\\tau^2 d/2)$.',
  hypotheses: bSingleSpace.hypotheses(),
  checks: [
    probabilityCheck<BernoulliSingleParams>({
      name: 'single-sample-accurate',
      describe:
        'P[error(f_yx) ≤ bound] ≥ target (main: bound 1%, target 1 − γ; thm27: bound exp(−2τ⁴d), target 1 − exp(−τ²d/2)); K ~ Bin(d, ½ + τ) ' +
        'agreeing coordinates, error = P(A + B′ ≤ ⌊d/2⌋), A ~ Bin(K, ½+τ), B′ ~ Bin(d − K, ½−τ) (exact)',
      target: (p) => (p.form === 'main' ? 1 - p.gamma : 1 - Math.exp((-p.tau * p.tau * p.d) / 2)),
      delta: 0.05,
      event: (p, rng) => bernoulliRobustErrorOf(rng, p.d, p.tau, 1, 0, 'mean') <= (p.form === 'main' ? 0.01 : Math.exp(-2 * p.tau ** 4 * p.d)),
    }),
  ],
  controls: [
    {
      id: 'tau-far-below',
      description: 'τ = c·d^{−1/4}/4, far below the regime: one sample must no longer give 1% error w.h.p.',
      arbitrary: tauFarBelow.arbitrary,
    },
  ],
  constants: [C.bc],
  calibrations: [bernoulliCCalibration],
  profiles: budgets(
    { configurations: 3, trials: 300, controlConfigurations: 1 },
    { configurations: 6, trials: 600, controlConfigurations: 2 },
    { configurations: 30, trials: 3000 },
  ),
  notes:
    'The exact error is a sum-of-two-binomials CDF (relative window cut 10⁻⁴⁰), accurate far below the 10⁻¹² the Thm 27 configurations go down to; ' +
    'above that range exp(−2τ⁴d) underflows and the comparison would be meaningless.',
});

import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Hypotheses, Profile } from '#core/claim/types.js';
import { defineSpace, fixed, oneOf, type PointOf } from '#core/space/index.js';
import { sizedRun } from './shared/sizedRun.js';
import type { WithControlValues } from './shared/controlValues.js';
import { dGrid, sqrtDSlopeCheck, type DGrid } from './shared/sqrtDSlope.js';
import { INIT_SCALE, LOSSES } from './shared/training.js';

/** The log-spaced d-grid by profile (n = ⌊√d/ln d⌋ at each size) and the widths k. */
const SCALING_REGIME = {
  smoke: { grid: { dMin: 100, dMax: 10000, points: 3 }, ks: [20, 50] },
  standard: { grid: { dMin: 100, dMax: 100000, points: 5 }, ks: [20, 50, 100] },
  paper: { grid: { dMin: 100, dMax: 1000000, points: 9 }, ks: [20, 50, 100, 200] },
} as const satisfies Record<Profile, { grid: DGrid; ks: readonly number[] }>;

const scalingSpace = defineSpace({
  k: oneOf((c) => SCALING_REGIME[c.profile].ks),
  loss: oneOf(LOSSES),
  scale: fixed(INIT_SCALE),
  network: fixed('trained'),
  grid: dGrid((c) => SCALING_REGIME[c.profile].grid),
});

/** A configuration; the control sets `network: 'robust'` (the robust construction instead of a trained net). */
type ScalingParams = WithControlValues<PointOf<typeof scalingSpace>, { network: 'robust' }>;
const scalingHyp: Hypotheses<ScalingParams> = scalingSpace.hypotheses();

/**
 * Vardi, Yehudai, Shamir (NeurIPS 2022): with n = ⌊√d/ln d⌋ the universal perturbation of a trained (KKT) net is o(√d)
 * (theory: ‖δ‖ ≈ d^{1/4} up to logarithms) — the slope of log‖δ_all‖ on log d is < ½, for every width k.
 */
export const smallPerturbationScaling = defineClaim<ScalingParams>({
  id: 'vardi.small-perturbation-scaling',
  paper: 'vardi',
  statement:
    'With $n = \\lfloor \\sqrt{d}/\\ln d \\rfloor$, the universal perturbation of a trained (KKT) net satisfies $\\|\\delta\\| = o(\\sqrt{d})$: ' +
    'the slope of log‖δ‖ against log d is < ½ (theory: ¼ up to logarithms), for every width k.',
  hypotheses: scalingHyp,
  checks: [
    sqrtDSlopeCheck<ScalingParams>(
      'delta-slope',
      'OLS slope of log ‖δ_all‖ on log d over the grid (n = ⌊√d/ln d⌋) lies in [−1, 0.5)',
      'deltaAll',
      (p, d, rng) => {
        const r = sizedRun(p, d, rng);
        return { value: r.deltaAll, radius: r.radius };
      },
      3,
      {
        title: '‖δ‖ of the universal perturbation against d (log-log), with √d, the bound C·√(d/(c²n)) and the robust net’s certified radius',
        slides: 'Vardi et al., figure (b): ‖δ‖ against d',
        yTitle: 'perturbation ‖δ‖ (ℓ2)',
        series: (p) => `‖δ_all‖, trained net (k = ${p.k}, ${p.loss} loss)`,
      },
    ),
  ],
  // vardi.C draws the theorem's bound C·√(d/(c²n)) in the figure (calibrated by vardi.universal-perturbation).
  constants: ['vardi.C'],
  controls: [
    overrideControl(
      'robust-network',
      'the robust construction: its universal perturbation is ≥ the certified radius ≈ ½√d and grows like √(n·d) (slope ≈ 0.7 > ½)',
      scalingHyp,
      { network: 'robust' },
    ),
  ],
  profiles: budgets(
    { configurations: 1, trials: 1, replicates: 3, controlConfigurations: 1, design: 'none' },
    { configurations: 2, trials: 1, replicates: 3, controlConfigurations: 1, design: 'none' },
    { configurations: 4, trials: 1, replicates: 5 },
  ),
  notes:
    "Coverage by design is off at smoke and standard (Budget.design 'none': one design point costs as much as a configuration, and the full design " +
    "would multiply this claim's gate time); the paper profile runs the design, and the report's coverage table shows what the random draws " +
    'reached. ' +
    'The lower end −1 of the slope range is a sanity bound (not from the theorem). Nets whose end point fails the ' +
    'KKT certificate are retrained (up to 3 times).',
});

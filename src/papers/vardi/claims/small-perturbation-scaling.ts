import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Hypotheses, Profile } from '#core/claim/types.js';
import { sizedRun } from './shared/sizedRun.js';
import { sqrtDSlopeCheck } from './shared/sqrtDSlope.js';
import { INIT_SCALE, LOSSES } from './shared/training.js';
import { firstError, intIn, oneOf } from './shared/validators.js';

export interface ScalingParams {
  [key: string]: number | string | boolean;
  k: number;
  loss: string;
  scale: number;
  /** 'trained' (the claim) or 'robust' (control). */
  network: string;
  dMin: number;
  dMax: number;
  points: number;
}
const scalingRegime = (profile: Profile): { dMin: number; dMax: number; points: number; ks: number[] } =>
  profile === 'paper'
    ? { dMin: 100, dMax: 1000000, points: 9, ks: [20, 50, 100, 200] }
    : profile === 'standard'
      ? { dMin: 100, dMax: 100000, points: 5, ks: [20, 50, 100] }
      : { dMin: 100, dMax: 10000, points: 3, ks: [20, 50] };
const scalingHyp: Hypotheses<ScalingParams> = {
  describe: (profile) => {
    const r = scalingRegime(profile);
    return { d: `log grid [${r.dMin}, ${r.dMax}], ${r.points} sizes`, n: '⌊√d/ln d⌋', k: r.ks.join(' | '), loss: LOSSES.join(' | ') };
  },
  arbitrary: (profile) => {
    const r = scalingRegime(profile);
    return fc.record({
      k: fc.constantFrom(...r.ks),
      loss: fc.constantFrom(...LOSSES),
      scale: fc.constant(INIT_SCALE),
      network: fc.constant('trained'),
      dMin: fc.constant(r.dMin),
      dMax: fc.constant(r.dMax),
      points: fc.constant(r.points),
    });
  },
  validate: (p) =>
    firstError(
      intIn('k', p.k, 1, 1000),
      oneOf('loss', p.loss, LOSSES),
      oneOf('network', p.network, ['trained']),
      intIn('dMin', p.dMin, 16, 1e7),
      intIn('dMax', p.dMax, p.dMin + 1, 1e7),
      intIn('points', p.points, 3, 20),
    ),
};

/**
 * Vardi, Yehudai, Shamir (NeurIPS 2022): with n = ⌊√d/ln d⌋ the universal perturbation of a trained (KKT) net is o(√d)
 * (theory: ‖δ‖ ≈ d^{1/4} up to logarithms) — the slope of log‖δ_all‖ on log d is < ½, for every width k.
 */
export const smallPerturbationScaling = defineClaim<ScalingParams>({
  id: 'vardi.small-perturbation-scaling',
  paper: 'vardi',
  statement:
    'With n = ⌊√d/ln d⌋, the universal perturbation of a trained (KKT) net satisfies ‖δ‖ = o(√d): the slope of log‖δ‖ against log d is < ½ (theory: ¼ up to logarithms), for every width k.',
  hypotheses: scalingHyp,
  checks: [
    sqrtDSlopeCheck<ScalingParams>(
      'delta-slope',
      'OLS slope of log ‖δ_all‖ on log d over the grid (n = ⌊√d/ln d⌋) lies in [−1, 0.5)',
      'deltaAll',
      (p, d, rng) => sizedRun(p, d, rng).deltaAll,
      3,
    ),
  ],
  controls: [
    overrideControl(
      'robust-network',
      'the robust construction: its universal perturbation is ≥ the certified radius ≈ ½√d and grows like √(n·d) (slope ≈ 0.7 > ½)',
      scalingHyp,
      (p) => ({ ...p, network: 'robust' }),
    ),
  ],
  profiles: budgets(
    { configurations: 1, trials: 1, replicates: 2, controlConfigurations: 1 },
    { configurations: 2, trials: 1, replicates: 3, controlConfigurations: 1 },
    { configurations: 4, trials: 1, replicates: 5 },
  ),
  notes:
    'The lower end −1 of the slope range is a sanity bound (not from the theorem). Nets whose end point fails the KKT certificate are retrained (up to 3 times).',
});

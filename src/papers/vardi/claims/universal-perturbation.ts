import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { requireConstant } from '#core/claim/constants.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Calibration, Hypotheses, Profile } from '#core/claim/types.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { defineSpace, derived, int, type PointOf, type SpaceContext } from '#core/space/index.js';
import { quantileCi } from '#core/stats/moments.js';
import { fmt } from './shared/measured.js';
import { slidesN } from './shared/slidesN.js';
import type { WithControlValues } from './shared/controlValues.js';
import { TRAINING_PARAMS } from './shared/training.js';
import { universalRatio } from './shared/universalRatio.js';

/** Largest d and k of the regime by profile (d ≥ 1000, k ≥ 20; n ∈ [⌈n_s/2⌉, n_s], n_s = ⌊√d/ln d⌋). */
const UNIVERSAL_MAX: Record<Profile, { d: number; k: number }> = { smoke: { d: 10000, k: 40 }, standard: { d: 30000, k: 60 }, paper: { d: 100000, k: 100 } };
const kRange = { min: 20, max: (c: SpaceContext) => UNIVERSAL_MAX[c.profile].k, bias: false } as const;

// Unbiased draws: fast-check's default bias towards small values would leave the regime's upper corner (where training is hardest) untested.
// n ≤ ⌊√d/ln d⌋ so that the separation bound usually holds; it is then checked on each sample.
const universalSpace = defineSpace({
  d: int({ min: 1000, max: (c) => UNIVERSAL_MAX[c.profile].d, bias: false }),
  n: int({
    min: (c: SpaceContext<{ d: number }>) => Math.max(2, Math.ceil(slidesN(c.p.d) / 2)),
    max: (c: SpaceContext<{ d: number }>) => slidesN(c.p.d),
    bias: false,
    describe: '[⌈n_s/2⌉, n_s], n_s = ⌊√d/ln d⌋',
  }),
  k: int(kRange),
  ...TRAINING_PARAMS,
});

/** A configuration; the control sets `network: 'robust'` (the robust construction instead of a trained net). */
type UniversalParams = WithControlValues<PointOf<typeof universalSpace>, { network: 'robust' }>;
const universalHyp: Hypotheses<UniversalParams> = universalSpace.hypotheses();

/** The calibration's worst corner of the regime: d in the upper half of the d-range, n = ⌊√d/ln d⌋, k and loss as in the regime. */
const worstCorner = defineSpace({
  d: int({ min: (c) => Math.ceil(UNIVERSAL_MAX[c.profile].d / 2), max: (c) => UNIVERSAL_MAX[c.profile].d }),
  n: derived((c: SpaceContext<{ d: number }>) => slidesN(c.p.d), { formula: 'n = ⌊√d/ln d⌋' }),
  k: int(kRange),
  ...TRAINING_PARAMS,
});

const C_NAME = 'vardi.C';
const calibrateC: Calibration = {
  name: C_NAME,
  description:
    'C of the universal-perturbation bound ‖δ‖ ≤ C·√(d/(c²n)) (c = realised class balance): the largest ratio ' +
    "‖δ_all‖/√(d/(c²n)) over certified trained nets in the worst corner of the calibrated profile's regime of " +
    'vardi.universal-perturbation (the ratio grows slowly with d and n: d in the upper half of the d-range, n = ' +
    '⌊√d/ln d⌋, k and loss as in the regime), i.e. about the N/(N+1) quantile there.',
  estimate: (rng, profile) => {
    const N = profile === 'smoke' ? 12 : profile === 'standard' ? 40 : 120;
    const dMax = UNIVERSAL_MAX[profile].d;
    const configs = fc.sample(worstCorner.arbitrary(profile), { seed: 20221125, numRuns: N });
    const ratios = configs.map((p, i) => universalRatio(p, rng.child('net', i)).ratio);
    const value = Math.max(...ratios);
    return {
      value,
      ci: [quantileCi(ratios, 0.95)[0], value],
      method:
        `max of ${N} ratios at d ∈ [${Math.ceil(dMax / 2)}, ${dMax}], n = ⌊√d/ln d⌋ (≈ the ${(N / (N + 1)).toFixed(3)} quantile); ` +
        'ci = [95% CI lower end of the 0.95 quantile, max]',
    };
  },
};

/**
 * Vardi, Yehudai, Shamir (NeurIPS 2022), main theorem: every KKT point of the max-margin problem on well-separated,
 * balanced sphere data has a universal perturbation δ = η Σ_j y_j x_j flipping every label with ‖δ‖ ≤ C·√(d/(c²n)).
 */
export const universalPerturbation = defineClaim<UniversalParams>({
  id: 'vardi.universal-perturbation',
  paper: 'vardi',
  statement:
    'Main theorem: classes balanced (each ≥ c·n), $n \\le (d+1)/\\big(3(\\max_{i \\ne j}|\\langle x_i, x_j\\rangle| + 1)\\big)$, θ a ' +
    '(numerically certified) KKT point ⇒ $\\exists \\eta > 0$ with $\\operatorname{sign} f_\\theta(x_i - y_i\\delta) = -y_i$ for all i, ' +
    '$\\delta = \\eta \\sum_j y_j x_j$, and $\\|\\delta\\| \\le C\\sqrt{d/(c^2 n)}$ (C calibrated on the calibration stream).',
  hypotheses: universalHyp,
  constants: [C_NAME],
  calibrations: [calibrateC],
  checks: [
    probabilityCheck<UniversalParams>({
      name: 'universal-flip',
      describe:
        'P(some η > 0 flips every x_i along −y_i Σ_j y_j x_j with ‖δ‖ ≤ C√(d/(c²n))) ≥ 0.95 over data (conditioned on ' +
        'balance and separation) and init (conditioned on a certified KKT end point)',
      target: () => 0.95,
      delta: 0.1,
      event: (p, rng, ctx, record) => {
        const C = requireConstant(ctx.constants, C_NAME);
        const r = universalRatio(p, rng);
        record({
          C,
          ratio: r.ratio,
          certified: r.certified ? 1 : 0,
          uncertified: r.uncertified,
          d: p.d,
          maxDeltaMinOverSqrtD: r.maxDeltaMinOverSqrtD,
          robustRadiusOverSqrtD: r.robustRadiusOverSqrtD,
          balance: r.balance,
        });
        return (p.network === 'robust' || r.certified) && r.ratio <= C;
      },
      summarise: (rows) => ({
        measured: {
          C: fmt(rows[0]?.C ?? NaN),
          maxRatio: fmt(Math.max(...rows.map((r) => r.ratio))),
          meanRatio: fmt(rows.reduce((s, r) => s + r.ratio, 0) / rows.length),
          certifiedFraction: fmt(rows.reduce((s, r) => s + r.certified, 0) / rows.length),
          retrainedForCertificate: rows.reduce((s, r) => s + r.uncertified, 0),
        },
      }),
    }),
  ],
  controls: [
    overrideControl(
      'robust-network',
      'the robust network of vardi.robust-network-exists (not a KKT point) on the same data: its universal ' +
        'perturbation needs ‖δ‖ ≥ its certified radius (≈ 2–5× the radius), far above C√(d/(c²n)) once n ≥ 4',
      universalHyp,
      (p) => ({ ...p, d: Math.max(p.d, 1000), n: slidesN(Math.max(p.d, 1000)), network: 'robust' }),
    ),
  ],
  profiles: budgets(
    // 45 trials (was 30): with the MNIST claims the smoke Holm family reached 436 tests, and the robust-network control's
    // 19/30 (p = 4.2e-5) no longer cleared α/436 = 2.3e-5; more trials, not a looser bound.
    { configurations: 1, trials: 45, controlConfigurations: 1, design: 'none' },
    { configurations: 2, trials: 45, controlConfigurations: 1, design: 'none' },
    { configurations: 8, trials: 100 },
  ),
  notes:
    "Coverage by design is off at smoke and standard (Budget.design 'none': one design point costs as much as a configuration, and the full design " +
    "would multiply this claim's gate time); the paper profile runs the design, and the report's coverage table shows what the random draws " +
    'reached. ' +
    'We read the slides\' "|η| ∈ O(√(d/(c²n)))" as a bound on ‖δ‖ (docs/theory/catalogue.md). c is the realised minority ' +
    'fraction (the largest c for which the balance hypothesis holds, so the tightest bound). Data are conditioned ' +
    'on the separation bound by rejection; trained nets whose end point fails the KKT certificate are retrained ' +
    '(the theorem assumes a KKT point) and counted in measured.retrainedForCertificate. The flip is exact: margins ' +
    'are piecewise linear in η.',
});

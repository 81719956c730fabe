import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import type { Figure } from '#core/claim/types.js';
import { defineSpace, int, oneOf, type PointOf, type SpaceContext } from '#core/space/index.js';
import { calibrateRegime } from './shared/calibrations.js';
import { eDSigma2, gradientEvent } from './shared/moments.js';
import { gradNormSqOf } from './shared/sampling.js';
import { activationOf, gammaByProfile, INPUT_LABELS, logInv, REFERENCE_STEP, SMOOTH } from './shared/space.js';

/** The regime's lower end max(2, ⌈C·log(1/γ)⌉) of k, d ≥ C·log(1/γ) (Bubeck et al. 2021's gradient lower bound), C calibrated. */
const lo = (c: SpaceContext<{ gamma: number }>): number => Math.max(2, Math.ceil(c.constant('bubeck.C-grad', 4) * logInv(c.p.gamma)));

/** γ by profile; d, k ∈ [lo, 4·lo] with lo = max(2, ⌈C·log(1/γ)⌉); smooth σ, both laws of a and of x. */
const space = defineSpace({
  gamma: gammaByProfile(),
  d: int({ min: lo, max: (c: SpaceContext<{ gamma: number }>) => 4 * lo(c) }),
  k: int({ min: lo, max: (c: SpaceContext<{ gamma: number }>) => 4 * lo(c) }),
  activation: activationOf(SMOOTH),
  outputWeights: oneOf(['rademacher', 'gaussian']),
  input: oneOf(['sphere', 'gaussian'], { labels: INPUT_LABELS }),
  ...REFERENCE_STEP,
});
const hypotheses = space.hypotheses();

/** Trials per configuration drawn in the figure (the engine keeps 5000 rows per figure; 20 configurations at the paper profile). */
const FIGURE_TRIALS = 250;

/**
 * ‖∇f‖² in units of its mean E σ′(z)², against the bound ½ (the claim's ½·E σ′(z)²), one panel per σ (at most
 * FIGURE_TRIALS trials per configuration).
 */
function gradientFigure(rows: Record<string, number>[], p: PointOf<typeof space>): Figure {
  const stride = Math.max(1, Math.ceil(rows.length / FIGURE_TRIALS));
  const m = eDSigma2(p.activation);
  return {
    id: 'grad-norm-sq',
    title: '‖∇f(x)‖² against the Ω(1) bound ½·E σ′(z)², one panel per σ',
    caption:
      '‖∇f(x)‖² is drawn in units of E σ′(z)² (z ~ N(0, 1)), which is ≈ E‖∇f‖², so every σ shares the dotted lines: the bound of the claim at ½ ' +
      'and the mean at 1. Each panel pools every γ, k, d, law of a and of x of that σ in this run (k, d ≥ C log(1/γ), C = bubeck.C-grad, ' +
      `calibrated). At most ${FIGURE_TRIALS} trials per configuration drawn.`,
    slides: 'Bubeck et al., ‖∇f‖ = Ω(1)',
    mark: 'histogram',
    x: 'gradNormSqOverMean',
    xTitle: '‖∇f(x)‖² / E σ′(z)²',
    yTitle: 'trials',
    facet: 'σ',
    facetOrder: [...SMOOTH],
    rules: [
      { x: 0.5, label: 'bound ½·E σ′(z)²' },
      { x: 1, label: 'mean E σ′(z)²' },
    ],
    data: rows.filter((_, i) => i % stride === 0).map((r) => ({ gradNormSqOverMean: r.gradNormSq / m, σ: p.activation })),
  };
}

/** Bubeck et al. 2021: ‖∇f(x)‖ = Ω(1) w.p. ≥ 1 − γ once k, d ≥ C·log(1/γ); here ‖∇f‖² ≥ ½ E σ′(z)². */
export const gradientLowerBound = defineClaim<PointOf<typeof space>>({
  id: 'bubeck.gradient-lower-bound',
  paper: 'bubeck',
  statement:
    "$\\|\\nabla f(x)\\|^2 \\ge \\tfrac12\\,\\mathbb{E}\\,\\sigma'(z)^2$ (> 0) with probability ≥ 1 − γ when $k, d \\ge C \\log(1/\\gamma)$, C " +
    'calibrated.',
  hypotheses,
  constants: ['bubeck.C-grad'],
  calibrations: [calibrateRegime('bubeck.C-grad')],
  checks: [
    probabilityCheck({
      name: 'lower-bound',
      describe: 'P(‖∇f‖² ≥ ½ E σ′(z)² and ‖∇f‖ > 0) ≥ 1 − γ',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma / 2,
      event: (p, rng, _ctx, record) => {
        const gradNormSq = gradNormSqOf(p, rng);
        record({ gradNormSq, bound: 0.5 * eDSigma2(p.activation) });
        return gradientEvent({ gradNormSq }, p.activation);
      },
      summarise: (rows, p) => ({ figures: [gradientFigure(rows, p)] }),
    }),
  ],
  controls: [overrideControl('constant-activation', 'σ ≡ 1: ∇f = 0, no positive lower bound', hypotheses, { activation: 'constant' })],
  profiles: budgets({ configurations: 3, trials: 400 }, { configurations: 6, trials: 1500 }, { configurations: 20, trials: 10000 }),
});

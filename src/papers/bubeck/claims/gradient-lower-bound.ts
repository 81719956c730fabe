import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { defineSpace, int, oneOf, type PointOf, type SpaceContext } from '#core/space/index.js';
import { calibrateRegime } from './shared/calibrations.js';
import { eDSigma2, gradientEvent } from './shared/moments.js';
import { rayOf } from './shared/sampling.js';
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

/** Bubeck et al. 2021: ‖∇f(x)‖ = Ω(1) w.p. ≥ 1 − γ once k, d ≥ C·log(1/γ); here ‖∇f‖² ≥ ½ E σ′(z)². */
export const gradientLowerBound = defineClaim<PointOf<typeof space>>({
  id: 'bubeck.gradient-lower-bound',
  paper: 'bubeck',
  statement: '‖∇f(x)‖² ≥ ½ E σ′(z)² (> 0) with probability ≥ 1 − γ when k, d ≥ C·log(1/γ), C calibrated.',
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
        const ray = rayOf(p, rng);
        record({ gradNormSq: ray.gradNormSq, bound: 0.5 * eDSigma2(p.activation) });
        return gradientEvent(ray, p.activation);
      },
      summarise: (rows, p) => ({
        figures: [
          {
            id: 'grad-norm-sq',
            title: '‖∇f‖² against E σ′(z)² and the bound ½·E σ′(z)²',
            mark: 'histogram',
            x: 'gradNormSq',
            rules: [
              { x: eDSigma2(p.activation), label: `E σ′(z)² (${p.activation})` },
              { x: 0.5 * eDSigma2(p.activation), label: '½·E σ′(z)²' },
            ],
            data: rows.slice(0, 2000).map((r) => ({ gradNormSq: r.gradNormSq, bound: r.bound })),
          },
        ],
      }),
    }),
  ],
  controls: [overrideControl('constant-activation', 'σ ≡ 1: ∇f = 0, no positive lower bound', hypotheses, { activation: 'constant' })],
  profiles: budgets({ configurations: 3, trials: 400 }, { configurations: 6, trials: 1500 }, { configurations: 20, trials: 10000 }),
});

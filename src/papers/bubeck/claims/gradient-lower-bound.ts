import { budgets } from '#core/claim/budgets.js';
import { requireConstant } from '#core/claim/constants.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Figure } from '#core/claim/types.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { calibrateRegime } from './shared/calibrations.js';
import { boxHypotheses, control } from './shared/hypotheses.js';
import { eDSigma2, gradientEvent } from './shared/moments.js';
import { rayOf } from './shared/sampling.js';
import { GAMMAS, logInv, SMOOTH, type BubeckParams } from './shared/space.js';

const gradLowerHyp = boxHypotheses(
  (profile, c, gamma) => {
    const C = c['bubeck.C-grad']?.value ?? 4;
    const lo = Math.max(2, Math.ceil(C * logInv(gamma)));
    return {
      d: [lo, 4 * lo],
      k: [lo, 4 * lo],
      activations: SMOOTH,
      outputWeights: ['rademacher', 'gaussian'],
      inputs: ['sphere', 'gaussian'],
      gammas: profile === 'smoke' ? [0.05, 0.1] : GAMMAS,
    };
  },
  (p, c) => {
    const C = requireConstant(c, 'bubeck.C-grad');
    return p.k >= C * logInv(p.gamma) && p.d >= C * logInv(p.gamma)
      ? null
      : `k and d must be ≥ C·log(1/γ) = ${(C * logInv(p.gamma)).toFixed(1)}, got k = ${p.k}, d = ${p.d}`;
  },
);
export const gradientLowerBound = defineClaim<BubeckParams>({
  id: 'bubeck.gradient-lower-bound',
  paper: 'bubeck',
  statement: '‖∇f(x)‖² ≥ ½ E σ′(z)² (> 0) with probability ≥ 1 − γ when k, d ≥ C·log(1/γ), C calibrated.',
  hypotheses: gradLowerHyp,
  constants: ['bubeck.C-grad'],
  calibrations: [calibrateRegime('bubeck.C-grad')],
  checks: [
    probabilityCheck({
      name: 'lower-bound',
      describe: 'P(‖∇f‖² ≥ ½ E σ′(z)² and ‖∇f‖ > 0) ≥ 1 − γ',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma,
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
        ] as Figure[],
      }),
    }),
  ],
  controls: [control('constant-activation', 'σ ≡ 1: ∇f = 0, no positive lower bound', gradLowerHyp, { activation: 'constant' })],
  profiles: budgets({ configurations: 3, trials: 400 }, { configurations: 6, trials: 1500 }, { configurations: 20, trials: 10000 }),
});

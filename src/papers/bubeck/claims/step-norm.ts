import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { getActivation } from '../model/activations.js';
import { theoremStep } from '../model/oneStep.js';
import { c3Of, c4Of } from './shared/calibrations.js';
import { rayOf } from './shared/sampling.js';
import { logInv } from './shared/space.js';
import { theoremSpace, type TheoremPoint } from './shared/theoremRegime.js';

const hypotheses = theoremSpace.hypotheses();

/** Bubeck et al. 2021: the theorem's step is short, ‖η∇f(x)‖ ≤ C4·√log(1/γ) w.p. ≥ 1 − γ. */
export const stepNorm = defineClaim<TheoremPoint>({
  id: 'bubeck.step-norm',
  paper: 'bubeck',
  statement:
    '$\\|\\eta\\nabla f(x)\\| = C_3\\sqrt{\\log(1/\\gamma)}/\\|\\nabla f(x)\\| \\le C_4\\sqrt{\\log(1/\\gamma)}$ with probability ≥ 1 − γ (C4 ' +
    'calibrated per σ).',
  hypotheses,
  constants: ['bubeck.C4.tanh', 'bubeck.C4.softplus', 'bubeck.C4.sigmoid-centred', 'bubeck.C4.gelu'],
  checks: [
    probabilityCheck({
      name: 'step-norm',
      describe: 'P(‖η∇f‖ ≤ C4√log(1/γ)) ≥ 1 − γ',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma / 2,
      event: (p, rng, ctx) => {
        const ray = rayOf(p, rng);
        const act = getActivation(p.activation).controlOnly ? 'tanh' : p.activation;
        const eta = theoremStep(ray, c3Of(ctx.constants, act), p.gamma, -1, p.stepScale);
        const stepNorm = ray.gradNormSq === 0 ? Infinity : Math.abs(eta) * Math.sqrt(ray.gradNormSq);
        return stepNorm <= c4Of(ctx.constants, act) * Math.sqrt(logInv(p.gamma));
      },
    }),
  ],
  controls: [overrideControl('constant-activation', 'σ ≡ 1: ∇f = 0, the step η∇f is unbounded', hypotheses, { activation: 'constant' })],
  // Targeted search for the worst configuration, as bubeck.one-step-flip.
  profiles: budgets(
    { configurations: 3, trials: 600, search: { pilotTrials: 300, steps: 8, picks: 2 } },
    { configurations: 6, trials: 2000, search: { pilotTrials: 300, steps: 8, picks: 2 } },
    { configurations: 30, trials: 10000, search: { pilotTrials: 1000, steps: 20, picks: 3 } },
  ),
});

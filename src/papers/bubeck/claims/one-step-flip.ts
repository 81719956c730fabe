import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { getActivation } from '../model/activations.js';
import { flips, theoremStep } from '../model/oneStep.js';
import { c3Of, calibrateC1, calibrateC3, calibrateC4, calibrateRegime } from './shared/calibrations.js';
import { rayOf } from './shared/sampling.js';
import { SMOOTH } from './shared/space.js';
import { theoremSpace, type TheoremPoint } from './shared/theoremRegime.js';

const hypotheses = theoremSpace.hypotheses();

/** Bubeck et al. 2021's main theorem: one gradient step η = −sign f(x)·C3·√log(1/γ)/‖∇f(x)‖² flips sign f w.p. ≥ 1 − γ. */
export const oneStepFlip = defineClaim<TheoremPoint>({
  id: 'bubeck.one-step-flip',
  paper: 'bubeck',
  statement:
    'Main theorem: $\\gamma \\in (0,1)$, $k \\ge C_1 \\log^3(1/\\gamma)$, $d \\ge C_2 \\log(k/\\gamma)\\log(1/\\gamma)$, $\\eta = ' +
    '-\\operatorname{sign} f(x)\\cdot C_3\\sqrt{\\log(1/\\gamma)}/\\|\\nabla f(x)\\|^2$ ⇒ $\\operatorname{sign} f(x + \\eta\\nabla f(x)) \\ne ' +
    '\\operatorname{sign} f(x)$ with probability ≥ 1 − γ (C1, C2, C3 calibrated per σ on the calibration stream).',
  hypotheses,
  constants: ['bubeck.C1', 'bubeck.C2', 'bubeck.C3.tanh', 'bubeck.C3.softplus', 'bubeck.C3.sigmoid-centred', 'bubeck.C3.gelu'],
  calibrations: [calibrateC1(), calibrateRegime('bubeck.C2'), ...SMOOTH.map(calibrateC3), ...SMOOTH.map(calibrateC4)],
  checks: [
    probabilityCheck({
      name: 'flip',
      describe: 'P(sign f(x + η∇f) ≠ sign f(x)) ≥ 1 − γ',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma / 2,
      event: (p, rng, ctx) => {
        const ray = rayOf(p, rng);
        const c3 = getActivation(p.activation).controlOnly ? c3Of(ctx.constants, 'tanh') : c3Of(ctx.constants, p.activation);
        return flips(ray, theoremStep(ray, c3, p.gamma, p.stepSign, p.stepScale));
      },
    }),
  ],
  controls: [
    overrideControl('wrong-step-sign', 'sign η = +sign f(x): the step moves away from the decision boundary', hypotheses, { stepSign: 1 }),
    overrideControl('step-100x-too-small', 'C3 → C3/100', hypotheses, { stepScale: 0.01 }),
    overrideControl('constant-activation', 'σ ≡ 1: ∇f = 0, no step flips', hypotheses, { activation: 'constant' }),
    overrideControl('grad-missing-inv-sqrt-k', '∇f computed without k^{-1/2}: the step is √k times too short', hypotheses, { impl: 'grad-missing-inv-sqrt-k' }),
  ],
  // Targeted search for the worst (γ, k, d, σ, laws): a pilot of 300 trials per candidate, 8 hill-climbing moves, the 2 worst decided afresh.
  profiles: budgets(
    { configurations: 3, trials: 600, search: { pilotTrials: 300, steps: 8, picks: 2 } },
    { configurations: 8, trials: 2000, search: { pilotTrials: 300, steps: 8, picks: 2 } },
    { configurations: 30, trials: 10000, search: { pilotTrials: 1000, steps: 20, picks: 3 } },
  ),
});

import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { identityCheck } from '#core/checks/identity.js';
import { eDSigma2, eDSigma2Z2 } from './shared/moments.js';
import { momentSpace, type MomentPoint } from './shared/momentSpace.js';
import { gradNormSqOf } from './shared/sampling.js';

const hypotheses = momentSpace.hypotheses();

/** E‖∇f(x)‖² = E[σ′(z)²z²]/d + E[σ′(z)²](d−1)/d for x on √d·S^{d−1} (Bubeck et al. 2021). */
const gradMoment = (activation: string, d: number): number => eDSigma2Z2(activation) / d + (eDSigma2(activation) * (d - 1)) / d;

/** Bubeck et al. 2021: E‖∇f(x)‖² = E[σ′(z)² z²]/d + E[σ′(z)²](d−1)/d exactly. */
export const gradientMoment = defineClaim<MomentPoint>({
  id: 'bubeck.gradient-moment',
  paper: 'bubeck',
  statement:
    "$\\mathbb{E}\\|\\nabla f(x)\\|^2 = \\mathbb{E}[\\sigma'(z)^2 z^2]/d + \\mathbb{E}[\\sigma'(z)^2]\\,(d-1)/d$ exactly ($x$ on " + '$\\sqrt{d}\\,S^{d-1}$).',
  hypotheses,
  checks: [
    identityCheck({
      name: 'second-moment',
      describe: 'Monte-Carlo mean of ‖∇f‖² equals E[σ′(z)²z²]/d + E[σ′(z)²](d−1)/d (quadrature)',
      sample: (p, rng) => gradNormSqOf(p, rng),
      expected: (p) => gradMoment(p.activation, p.d),
      tolerance: (p) => 0.1 * gradMoment(p.activation, p.d),
    }),
  ],
  controls: [
    overrideControl('grad-missing-inv-sqrt-k', '∇f computed without the k^{-1/2} factor: E‖∇f‖² is k times too large', hypotheses, (p) => ({
      ...p,
      impl: 'grad-missing-inv-sqrt-k',
      k: Math.max(p.k, 4),
    })),
  ],
  profiles: budgets({ configurations: 3, trials: 3000 }, { configurations: 6, trials: 3000 }, { configurations: 20, trials: 20000 }),
});

import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { identityCheck } from '#core/checks/identity.js';
import { control } from './shared/hypotheses.js';
import { eDSigma2, eDSigma2Z2 } from './shared/moments.js';
import { momentHyp } from './shared/momentSpace.js';
import { rayOf } from './shared/sampling.js';
import type { BubeckParams } from './shared/space.js';

const gradMomentHyp = momentHyp;
export const gradientMoment = defineClaim<BubeckParams>({
  id: 'bubeck.gradient-moment',
  paper: 'bubeck',
  statement: 'E‖∇f(x)‖² = E[σ′(z)² z²]/d + E[σ′(z)²](d−1)/d exactly (x on √d·S^{d−1}).',
  hypotheses: gradMomentHyp,
  checks: [
    identityCheck({
      name: 'second-moment',
      describe: 'Monte-Carlo mean of ‖∇f‖² equals E[σ′(z)²z²]/d + E[σ′(z)²](d−1)/d (quadrature)',
      sample: (p, rng) => rayOf(p, rng).gradNormSq,
      expected: (p) => eDSigma2Z2(p.activation) / p.d + (eDSigma2(p.activation) * (p.d - 1)) / p.d,
      tolerance: (p) => 0.1 * (eDSigma2Z2(p.activation) / p.d + (eDSigma2(p.activation) * (p.d - 1)) / p.d),
    }),
  ],
  controls: [
    control(
      'grad-missing-inv-sqrt-k',
      '∇f computed without the k^{-1/2} factor: E‖∇f‖² is k times too large',
      gradMomentHyp,
      { impl: 'grad-missing-inv-sqrt-k' },
      (p) => ({ ...p, k: Math.max(p.k, 4) }),
    ),
  ],
  profiles: budgets({ configurations: 3, trials: 1500 }, { configurations: 6, trials: 3000 }, { configurations: 20, trials: 20000 }),
});

import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { identityCheck } from '#core/checks/identity.js';
import { control } from './shared/hypotheses.js';
import { eSigma2 } from './shared/moments.js';
import { momentHyp } from './shared/momentSpace.js';
import { rayOf } from './shared/sampling.js';
import type { BubeckParams } from './shared/space.js';

export const outputMoment = defineClaim<BubeckParams>({
  id: 'bubeck.output-moment',
  paper: 'bubeck',
  statement: 'E f(x) = 0 and E f(x)² = E σ(z)² exactly, for every k and d (x uniform on √d·S^{d−1}).',
  hypotheses: momentHyp,
  checks: [
    identityCheck({
      name: 'mean',
      describe: 'Monte-Carlo mean of f(x) over nets and inputs equals 0',
      sample: (p, rng) => rayOf(p, rng).f,
      expected: () => 0,
      tolerance: (p) => 0.1 * Math.sqrt(eSigma2(p.activation)),
    }),
    identityCheck({
      name: 'second-moment',
      describe: 'Monte-Carlo mean of f(x)² equals E σ(z)² (Gauss–Hermite / Simpson quadrature)',
      sample: (p, rng) => rayOf(p, rng).f ** 2,
      expected: (p) => eSigma2(p.activation),
      tolerance: (p) => 0.1 * eSigma2(p.activation),
    }),
  ],
  controls: [
    control(
      'forward-missing-inv-sqrt-k',
      'f computed without the k^{-1/2} factor: E f² = k·E σ(z)²',
      momentHyp,
      { impl: 'forward-missing-inv-sqrt-k' },
      (p) => ({ ...p, k: Math.max(p.k, 4) }),
    ),
  ],
  profiles: budgets({ configurations: 3, trials: 1500 }, { configurations: 6, trials: 3000 }, { configurations: 20, trials: 20000 }),
  notes: 'Sphere inputs only: for x ~ N(0, I) the identity holds only after averaging over ‖x‖ for homogeneous σ.',
});

import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { identityCheck } from '#core/checks/identity.js';
import { eSigma2 } from './shared/moments.js';
import { momentSpace, type MomentPoint } from './shared/momentSpace.js';
import { outputOf } from './shared/sampling.js';

const hypotheses = momentSpace.hypotheses();

/** Bubeck et al. 2021: E f(x) = 0 and E f(x)² = E σ(z)² for every k and d (x uniform on √d·S^{d−1}). */
export const outputMoment = defineClaim<MomentPoint>({
  id: 'bubeck.output-moment',
  paper: 'bubeck',
  statement:
    '$\\mathbb{E} f(x) = 0$ and $\\mathbb{E} f(x)^2 = \\mathbb{E}\\,\\sigma(z)^2$ exactly, for every $k$ and $d$ ($x$ uniform on ' + '$\\sqrt{d}\\,S^{d-1}$).',
  hypotheses,
  checks: [
    identityCheck({
      name: 'mean',
      describe: 'Monte-Carlo mean of f(x) over nets and inputs equals 0',
      sample: (p, rng) => outputOf(p, rng),
      expected: () => 0,
      tolerance: (p) => 0.1 * Math.sqrt(eSigma2(p.activation)),
    }),
    identityCheck({
      name: 'second-moment',
      describe: 'Monte-Carlo mean of f(x)² equals E σ(z)² (Gauss–Hermite / Simpson quadrature)',
      sample: (p, rng) => outputOf(p, rng) ** 2,
      expected: (p) => eSigma2(p.activation),
      tolerance: (p) => 0.1 * eSigma2(p.activation),
    }),
  ],
  controls: [
    overrideControl('forward-missing-inv-sqrt-k', 'f computed without the k^{-1/2} factor: E f² = k·E σ(z)²', hypotheses, (p) => ({
      ...p,
      impl: 'forward-missing-inv-sqrt-k',
      k: Math.max(p.k, 4),
    })),
  ],
  profiles: budgets({ configurations: 3, trials: 3000 }, { configurations: 6, trials: 3000 }, { configurations: 20, trials: 20000 }),
  notes: 'Sphere inputs only: for x ~ N(0, I) the identity holds only after averaging over ‖x‖ for homogeneous σ.',
});

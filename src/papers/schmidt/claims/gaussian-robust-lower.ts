import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { defineSpace, derived, fixed, int, oneOf, real, unionSpace, type PointOf, type SpaceContext } from '#core/space/index.js';
import { thm11LowerBound } from '../model/errors.js';
import { epsAtFraction, gaussianPriorRobustMistake, sigmaOf } from '../model/schmidtTrials.js';

/** Cor 23's sample bound ε²σ²/(8 log d). */
const cor23Bound = (d: number, sigma: number, eps: number): number => (eps * eps * sigma * sigma) / (8 * Math.log(d));

type DC1 = SpaceContext<{ d: number; c1: number }>;
type DC1Eps = SpaceContext<{ d: number; c1: number; eps: number }>;
const dMax = (c: SpaceContext): number => (c.profile === 'smoke' ? 1e4 : 1e5);
/** Cor 23's regime n ≥ 1 needs ε ≥ √(8 log d)/σ, σ = c1·d^{1/4} (capped at 1: the constraint then rejects the point). */
const cor23EpsMin = (c: DC1): number => Math.min(1, Math.sqrt(8 * Math.log(c.p.d)) / sigmaOf(c.p.c1, c.p.d));
const c1 = real({ min: 0.5, max: 2, digits: 6, describe: 'σ = c1·d^{1/4}, c1 ∈ [0.5, 2]' });
const learner = oneOf(['mean', 'posterior', 'soft', 'sign'], {
  labels: { posterior: 'posterior mean', soft: 'soft-thresholded mean (ℓ∞-adversarially trained linear)', sign: 'sign of mean' },
});

const lowerSpace = unionSpace([
  {
    label: 'cor23',
    space: defineSpace(
      {
        form: fixed('cor23'),
        d: int({ min: 1000, max: dMax, scale: 'log' }),
        c1,
        eps: real({ min: cor23EpsMin, max: 1, digits: 6, describe: '[√(8 log d)/σ, 1]' }),
        n: int({
          min: 1,
          max: (c: DC1Eps) => Math.max(1, Math.floor(cor23Bound(c.p.d, sigmaOf(c.p.c1, c.p.d), c.p.eps))),
          describe: 'n ≤ ε²σ²/(8 log d), i.e. c2 = c1²/8',
        }),
        learner,
      },
      {
        constraints: [
          {
            name: 'cor23-n-bound',
            check: (p) => {
              const bound = cor23Bound(p.d, sigmaOf(p.c1, p.d), p.eps);
              return p.n <= bound ? null : `n must be ≤ ε²σ²/(8 log d) = ${bound.toFixed(3)}, got ${p.n}`;
            },
          },
        ],
      },
    ),
  },
  {
    label: 'thm11',
    space: defineSpace(
      {
        form: fixed('thm11'),
        d: int({ min: 100, max: dMax, scale: 'log' }),
        c1,
        eps: real({ min: (c: SpaceContext<{ d: number }>) => epsAtFraction(c.p.d, 0), max: 1, digits: 6, describe: '[¼d^{−1/4}, 1]' }),
        n: int({ min: 1, max: 50 }),
        learner,
      },
      {
        constraints: [
          {
            name: 'thm11-bound-informative',
            check: (p) => {
              const bound = thm11LowerBound(p.d, sigmaOf(p.c1, p.d), p.n, p.eps);
              return bound >= 0.05
                ? null
                : `thm11: the bound ½(2Φ(t) − 1)^d must be ≥ 0.05, got ${bound} (d = ${p.d}, c1 = ${p.c1}, eps = ${p.eps}, n = ${p.n})`;
            },
          },
        ],
      },
    ),
  },
]);

export type LowerParams = PointOf<typeof lowerSpace>;

/** The control's configurations: the sign-of-mean learner with n = ⌈10 ε²σ²⌉, far above Cor 23's bound. */
const nFarAboveBound = defineSpace({
  form: fixed('cor23'),
  d: int({ min: 1000, max: 1e4, scale: 'log' }),
  c1: real({ min: 0.5, max: 1, digits: 6 }),
  eps: real({ min: 0.2, max: 0.5, digits: 6 }),
  n: derived((c: DC1Eps) => Math.ceil(10 * c.p.eps * c.p.eps * sigmaOf(c.p.c1, c.p.d) ** 2), { formula: 'n = ⌈10 ε²σ²⌉' }),
  learner: fixed('sign'),
});

export const gaussianRobustLower = defineClaim<LowerParams>({
  id: 'schmidt.gaussian-robust-lower',
  paper: 'schmidt',
  statement:
    '$\\theta \\sim N(0, I)$, $\\sigma = c_1 d^{1/4}$: every learner from n samples has expected $\\ell_\\infty$ robust error $\\ge ' +
    '\\tfrac12(2\\Phi(t) - 1)^d$, $t = \\varepsilon\\sqrt{(\\sigma^2+n)/n}$ (Thm 11), hence $\\ge (1 - 1/d)/2$ when $n \\le ' +
    '\\varepsilon^2\\sigma^2/(8\\log d) = c_2\\varepsilon^2\\sqrt{d}/\\log d$ with $c_2 = c_1^2/8$ (Cor 23). Tested for the learners mean, ' +
    'posterior mean, soft-thresholded mean and sign of the mean — the theorem speaks of any algorithm; we test a family.',
  hypotheses: lowerSpace.hypotheses(),
  checks: [
    probabilityCheck<LowerParams>({
      name: 'expected-robust-error-lower-bound',
      describe:
        'P[fresh test point robustly misclassified] ≥ the bound (Thm 11 exact, or (1 − 1/d)/2 under Cor 23); θ ~ N(0, I), ŵ = nθ + σ√n g, margin ' +
        '⟨w,θ⟩ + σ‖w‖₂ z − ε‖w‖₁ (exact)',
      target: (p) => (p.form === 'cor23' ? (1 - 1 / p.d) / 2 : thm11LowerBound(p.d, sigmaOf(p.c1, p.d), p.n, p.eps)),
      delta: 0.05,
      event: (p, rng) => gaussianPriorRobustMistake(rng, p.d, sigmaOf(p.c1, p.d), p.n, p.eps, p.learner),
    }),
  ],
  controls: [
    {
      id: 'n-far-above-bound',
      description:
        'the sign-of-mean learner with n = 10 ε²σ², far above Cor 23’s n ≤ ε²σ²/(8 log d): its robust error drops below ½, so the bound (1 − 1/d)/2 ' +
        'must be rejected',
      arbitrary: nFarAboveBound.arbitrary,
    },
  ],
  profiles: budgets(
    { configurations: 3, trials: 200, controlConfigurations: 1 },
    { configurations: 6, trials: 400, controlConfigurations: 2 },
    { configurations: 30, trials: 3000 },
  ),
  notes:
    'The theorem is information-theoretic (any learning algorithm, including the Bayes-optimal robust one); we can only test the learners we have: ' +
    'mean, posterior mean (under θ ~ N(0, I) it is ŵ/(σ² + n), the same classifier as the mean), the soft-thresholded mean (the maximiser of the ℓ∞ ' +
    'robust linear objective, i.e. adversarial training of a linear model) and the sign of the mean. σ = c1 d^{1/4} with c1 drawn from [0.5, 2]: ' +
    'the lower bound holds for any c1; with c1 = schmidt.gaussian.c1 ≈ 0.5 Cor 23’s regime n ≥ 1 is empty at d ≤ 10⁵ for ε ≤ 1.',
});

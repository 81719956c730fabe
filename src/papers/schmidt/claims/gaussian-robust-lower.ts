import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import type { Params, Profile } from '#core/claim/types.js';
import { thm11LowerBound } from '../model/errors.js';
import type { LearnerName } from '../model/learners.js';
import { epsAtFraction, gaussianPriorRobustMistake, sigmaOf } from '../model/schmidtTrials.js';
import { control } from './shared/control.js';
import { dExpArb, unit } from './shared/draws.js';
import { round6 } from './shared/rounding.js';
import { first, inInt, inReal, oneOf } from './shared/validators.js';

export interface LowerParams extends Params {
  /** "thm11": target ½(2Φ(t) − 1)^d, t = ε√((σ²+n)/n); "cor23": n ≤ ε²σ²/(8 log d) ⇒ target (1 − 1/d)/2. */
  form: string;
  d: number;
  c1: number;
  eps: number;
  n: number;
  learner: string;
}

const cor23Bound = (d: number, sigma: number, eps: number): number => (eps * eps * sigma * sigma) / (8 * Math.log(d));

function lowerArb(profile: Profile): fc.Arbitrary<LowerParams> {
  const dHi = profile === 'smoke' ? 4 : 5;
  const learner = fc.constantFrom('mean', 'posterior', 'soft', 'sign');
  const cor23 = fc
    .record({ d: dExpArb(3, dHi), c1: unit(0.5, 2).map(round6), fe: unit(0, 1), fn: unit(0, 1), learner })
    .map(({ d, c1, fe, fn, learner: l }) => {
      const sigma = sigmaOf(c1, d);
      const eMin = Math.sqrt((8 * Math.log(d)) / (sigma * sigma));
      const eps = round6(Math.min(1, eMin + fe * (1 - eMin)));
      const nMax = Math.floor(cor23Bound(d, sigma, eps));
      return { form: 'cor23', d, c1, eps, n: Math.max(1, Math.ceil(fn * nMax)), learner: l };
    })
    .filter((p) => p.n <= cor23Bound(p.d, sigmaOf(p.c1, p.d), p.eps) && p.eps <= 1);
  const thm11 = fc
    .record({ d: dExpArb(2, dHi), c1: unit(0.5, 2).map(round6), fe: unit(0, 1), n: fc.integer({ min: 1, max: 50 }), learner })
    .map(({ d, c1, fe, n, learner: l }) => ({ form: 'thm11', d, c1, eps: round6(epsAtFraction(d, 0) + fe * (1 - epsAtFraction(d, 0))), n, learner: l }))
    .filter((p) => thm11LowerBound(p.d, sigmaOf(p.c1, p.d), p.n, p.eps) >= 0.05);
  return fc.oneof(cor23, thm11);
}

const lowerHyp = {
  describe: (profile: Profile) => ({
    form: 'cor23 (n ≤ ε²σ²/(8 log d), i.e. c2 = c1²/8) | thm11 (exact bound ½(2Φ(t) − 1)^d ≥ 0.05)',
    d: `[10², 10^${profile === 'smoke' ? 4 : 5}]`,
    sigma: 'c1·d^{1/4}, c1 ∈ [0.5, 2]',
    eps: '[¼d^{−1/4}, 1]',
    learner: 'mean | posterior mean | soft-thresholded mean (ℓ∞-adversarially trained linear) | sign of mean',
  }),
  arbitrary: (profile: Profile) => lowerArb(profile),
  validate: (p: LowerParams) =>
    first(
      oneOf('form', p.form, ['cor23', 'thm11']),
      inInt('d', p.d, 100, 1e6),
      inReal('c1', p.c1, 0.5, 2),
      inReal('eps', p.eps, 0, 1),
      oneOf('learner', p.learner, ['mean', 'posterior', 'soft', 'sign']),
      p.form === 'cor23' && p.n > cor23Bound(p.d, sigmaOf(p.c1, p.d), p.eps) + 1e-9
        ? `n must be ≤ ε²σ²/(8 log d) = ${cor23Bound(p.d, sigmaOf(p.c1, p.d), p.eps).toFixed(3)}, got ${p.n}`
        : null,
    ),
};

export const gaussianRobustLower = defineClaim<LowerParams>({
  id: 'schmidt.gaussian-robust-lower',
  paper: 'schmidt',
  statement:
    'θ ~ N(0, I), σ = c1 d^{1/4}: every learner from n samples has expected ℓ∞ robust error ≥ ½(2Φ(t) − 1)^d, t = ε√((σ²+n)/n) (Thm 11), hence ≥ (1 − 1/d)/2 when n ≤ ε²σ²/(8 log d) = c2 ε²√d/log d with c2 = c1²/8 (Cor 23). Tested for the learners mean, posterior mean, soft-thresholded mean and sign of the mean — the theorem speaks of any algorithm; we test a family.',
  hypotheses: lowerHyp,
  checks: [
    probabilityCheck<LowerParams>({
      name: 'expected-robust-error-lower-bound',
      describe:
        'P[fresh test point robustly misclassified] ≥ the bound (Thm 11 exact, or (1 − 1/d)/2 under Cor 23); θ ~ N(0, I), ŵ = nθ + σ√n g, margin ⟨w,θ⟩ + σ‖w‖₂ z − ε‖w‖₁ (exact)',
      target: (p) => (p.form === 'cor23' ? (1 - 1 / p.d) / 2 : thm11LowerBound(p.d, sigmaOf(p.c1, p.d), p.n, p.eps)),
      delta: 0.05,
      event: (p, rng) => gaussianPriorRobustMistake(rng, p.d, sigmaOf(p.c1, p.d), p.n, p.eps, p.learner as LearnerName),
    }),
  ],
  controls: [
    control(
      'n-far-above-bound',
      'the sign-of-mean learner with n = 10 ε²σ², far above Cor 23’s n ≤ ε²σ²/(8 log d): its robust error drops below ½, so the bound (1 − 1/d)/2 must be rejected',
      (profile) =>
        fc.record({ d: dExpArb(3, 4), c1: unit(0.5, 1).map(round6), e: unit(0.2, 0.5) }).map(({ d, c1, e }) => {
          const eps = round6(e);
          return { form: 'cor23', d, c1, eps, n: Math.ceil(10 * eps * eps * sigmaOf(c1, d) ** 2), learner: 'sign' };
        }),
    ),
  ],
  profiles: budgets(
    { configurations: 3, trials: 200, controlConfigurations: 1 },
    { configurations: 6, trials: 400, controlConfigurations: 2 },
    { configurations: 30, trials: 3000 },
  ),
  notes:
    'The theorem is information-theoretic (any learning algorithm, including the Bayes-optimal robust one); we can only test the learners we have: mean, posterior mean (under θ ~ N(0, I) it is ŵ/(σ² + n), the same classifier as the mean), the soft-thresholded mean (the maximiser of the ℓ∞ robust linear objective, i.e. adversarial training of a linear model) and the sign of the mean. σ = c1 d^{1/4} with c1 drawn from [0.5, 2]: the lower bound holds for any c1; with c1 = schmidt.gaussian.c1 ≈ 0.5 Cor 23’s regime n ≥ 1 is empty at d ≤ 10⁵ for ε ≤ 1.',
});

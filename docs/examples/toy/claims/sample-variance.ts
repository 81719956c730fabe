import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { identityCheck } from '#core/checks/identity.js';
import { cases, defineSpace, fixed, oneOf, type PointOf } from '#core/space/index.js';
import { LAWS, moments, sample, sumOfSquares } from '../model/laws.js';

/**
 * The hypotheses: the sample size n as a categorical factor (`oneOf`: the small sizes where the
 * divisor matters, every level drawn), a law (`cases`), and the divisor as a `fixed` parameter whose
 * type also admits the biased divisor the control uses.
 */
const space = defineSpace({
  n: oneOf([2, 3, 5, 10, 30]),
  law: cases(LAWS),
  divisor: fixed<'n-1' | 'n'>('n-1', { describe: '= n − 1 (Bessel’s correction)' }),
});
type P = PointOf<typeof space>;
const hypotheses = space.hypotheses();

/** One trial: n iid draws (a Float64Array), s² = Σ(x_i − x̄)²/(n − 1), or /n with `divisor: 'n'`. */
const unbiased = identityCheck<P>({
  name: 'mean-of-s2',
  describe: 'E s² = σ², s² = Σ(x_i − x̄)²/(n − 1), Monte-Carlo mean against the exact σ²',
  sample: (q, rng) => sumOfSquares(sample(rng, q, q.n)) / (q.divisor === 'n-1' ? q.n - 1 : q.n),
  expected: (q) => moments(q).variance,
  tolerance: (q) => 0.1 * moments(q).variance,
});

export const sampleVariance = defineClaim<P>({
  id: 'toy.sample-variance',
  paper: 'toy',
  statement: 'Bessel’s correction: for X_1, …, X_n iid with variance σ² < ∞ and n ≥ 2, the sample variance s² = Σ(X_i − X̄)²/(n − 1) is unbiased, E s² = σ².',
  hypotheses,
  checks: [unbiased],
  controls: [overrideControl('divide-by-n', 'the divisor n instead of n − 1: E = (n − 1)σ²/n, biased by −σ²/n', hypotheses, { divisor: 'n' })],
  profiles: budgets({ configurations: 4, trials: 4000 }, { configurations: 20, trials: 10_000 }, { configurations: 40, trials: 100_000 }),
  notes:
    'Verified when the 95% interval of the Monte-Carlo mean is within ±10% of σ² and the t-test does not reject E s² = σ²; the control’s bias −σ²/n ' +
    'is 50% of σ² at n = 2 and 3.3% at n = 30.',
});

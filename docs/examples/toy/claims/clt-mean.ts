import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Check } from '#core/claim/types.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { scalingCheck } from '#core/checks/scaling.js';
import { RunningMoments } from '#core/stats/moments.js';
import { normalCdf } from '#core/stats/normal.js';
import { cases, defineSpace, derived, fixed, int, real, type PointOf, type SpaceContext } from '#core/space/index.js';
import { berryEsseen } from '../model/bounds.js';
import { LAWS, moments, sampleMean, type Family } from '../model/laws.js';

/**
 * The hypotheses: a law (`cases`: its family and parameter drawn jointly), n on a log scale, the
 * Berry–Esseen error ε as a `derived` parameter (computed from the law and n, so reports and
 * replays show it), z, and the normalisation as a `fixed` parameter whose type also admits the
 * broken one the control uses. The constraint keeps both one-sided bounds informative.
 */
const space = defineSpace(
  {
    law: cases(LAWS),
    n: int({ min: 200, max: (c) => (c.profile === 'smoke' ? 800 : 3000), scale: 'log' }),
    eps: derived(
      (c: SpaceContext<{ dist: Family; theta: number; n: number }>) => {
        const m = moments(c.p);
        return berryEsseen(m.rho, m.variance, c.p.n);
      },
      { formula: 'ε = 0.4748·ρ/(σ³√n)' },
    ),
    z: real({ min: -1.25, max: 1.25, digits: 3 }),
    norm: fixed<'sqrt-n' | 'n'>('sqrt-n'),
  },
  {
    constraints: [
      {
        name: 'bounds-informative',
        check: (p) => {
          const tail = Math.min(normalCdf(p.z), 1 - normalCdf(p.z));
          return p.eps <= tail / 2
            ? null
            : `ε = ${p.eps.toFixed(4)} must be ≤ min(Φ(z), 1 − Φ(z))/2 = ${(tail / 2).toFixed(4)} at z = ${p.z} (n = ${p.n} too small for ${p.dist})`;
        },
      },
    ],
  },
);
type P = PointOf<typeof space>;
const hypotheses = space.hypotheses();

/** Z_n = (S_n − nμ)/(σ·√n) = √n(X̄_n − μ)/σ; the control's `norm: 'n'` divides by σ·n instead, giving (X̄_n − μ)/σ. */
function statistic(q: P, xbar: number): number {
  const { mean, variance } = moments(q);
  const divisor = q.norm === 'sqrt-n' ? Math.sqrt(q.n) : q.n;
  return (q.n * (xbar - mean)) / (Math.sqrt(variance) * divisor);
}

/** Both sides of sup_z |P(Z_n ≤ z) − Φ(z)| ≤ ε as probability claims, each on its own trials. */
const cdfLower = probabilityCheck<P>({
  name: 'cdf-at-least',
  describe: 'P(Z_n ≤ z) ≥ Φ(z) − ε, Z_n = √n(X̄_n − μ)/σ',
  target: (q) => normalCdf(q.z) - q.eps,
  delta: (q) => q.eps,
  event: (q, rng) => statistic(q, sampleMean(rng, q, q.n)) <= q.z,
});
const cdfUpper = probabilityCheck<P>({
  name: 'cdf-at-most',
  describe: 'P(Z_n > z) ≥ 1 − Φ(z) − ε, i.e. P(Z_n ≤ z) ≤ Φ(z) + ε',
  target: (q) => 1 - normalCdf(q.z) - q.eps,
  delta: (q) => q.eps,
  event: (q, rng) => statistic(q, sampleMean(rng, q, q.n)) > q.z,
});

/** 7 sizes n/64, …, n/2, n (rounded, at least 2): the log-log slope of sd(X̄_n) over a factor 64. */
const sizes = (q: P): number[] => Array.from({ length: 7 }, (_, g) => Math.max(2, Math.round(q.n / 2 ** (6 - g))));

/** sd(X̄_n) = σ/√n: slope −½. One replicate is the sample sd of `copies` independent X̄_n. */
function sdSlope(name: string, range: [number, number], describe: string): Check<P> {
  return scalingCheck<P>({
    name,
    describe,
    grid: sizes,
    sample: (q, n, rng, ctx) => {
      const m = new RunningMoments();
      const copies = ctx.budget.sizes?.copies ?? 64;
      for (let i = 0; i < copies; i++) m.push(sampleMean(rng, q, n));
      return Math.sqrt(m.variance);
    },
    range,
    quantity: 'sd of X̄_n',
    sizeName: 'n',
  });
}

export const cltMean = defineClaim<P>({
  id: 'toy.clt-mean',
  paper: 'toy',
  statement:
    'The central limit theorem for a sample mean, with the Berry–Esseen rate: for X_1, …, X_n iid with mean μ, variance σ² and ρ = E|X − μ|³ < ∞, ' +
    'Z_n = √n(X̄_n − μ)/σ satisfies sup_z |P(Z_n ≤ z) − Φ(z)| ≤ 0.4748·ρ/(σ³√n) (Shevtsova 2011); and sd(X̄_n) = σ/√n, a log-log slope of −½ in n.',
  hypotheses,
  checks: [cdfLower, cdfUpper, sdSlope('sd-slope', [-0.6, -0.4], 'log-log slope of sd(X̄_n) against n in [−0.6, −0.4] (σ/√n)')],
  controls: [
    overrideControl('divide-by-n', 'Z_n normalised by n instead of √n: (X̄_n − μ)/σ, which concentrates at 0 instead of spreading as N(0, 1)', hypotheses, {
      norm: 'n',
    }),
    overrideControl('rate-one-over-n', 'the wrong rate sd(X̄_n) ∝ 1/n (slope −1 ± 0.1): the variance σ²/n mistaken for the standard deviation', hypotheses, {}, [
      sdSlope('sd-slope-minus-one', [-1.1, -0.9], 'log-log slope of sd(X̄_n) against n in [−1.1, −0.9] (a wrong rate)'),
    ]),
  ],
  sizes: ['copies'],
  profiles: budgets(
    { configurations: 3, trials: 3000, replicates: 4, sizes: { copies: 64 } },
    { configurations: 16, trials: 20_000, replicates: 6, sizes: { copies: 128 } },
    { configurations: 40, trials: 100_000, replicates: 10, sizes: { copies: 256 } },
  ),
  notes:
    'The indifference δ of each side is ε itself: verified excludes P(Z_n ≤ z) below Φ(z) − 2ε and above Φ(z) + 2ε (power 1 − β). Berry–Esseen ' +
    'holds at every n, and is nearly tight for Bernoulli laws just below a lattice point of Z_n. The slope is exactly −½ at every n (Var X̄_n = ' +
    'σ²/n); the sample sd of the copies has the same relative bias at every size, so it does not bias the slope.',
});

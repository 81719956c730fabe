import fc from 'fast-check';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Hypotheses, Params } from '#core/claim/types.js';
import { binomial } from '#core/random/samplers.js';
import { clopperPearson } from '#core/stats/intervals.js';
import { oneOf, within } from './shared/gridHypotheses.js';
import { metaBudgets } from './shared/metaBudgets.js';
import { rateCheck } from './shared/rateCheck.js';

interface CoverageParams extends Params {
  p: number;
  n: number;
  level: number;
  /** 'clopper-pearson' (the claim) or 'wrong-quantile' (B⁻¹(1−level) in place of B⁻¹((1−level)/2) on each side: a control). */
  interval: 'clopper-pearson' | 'wrong-quantile';
}

const coverageHypotheses: Hypotheses<CoverageParams> = {
  describe: () => ({ p: '[0.01, 0.99]', n: '[5, 500]', level: '0.95 | 0.9', interval: 'clopper-pearson' }),
  arbitrary: () =>
    fc.record({
      p: fc.integer({ min: 1, max: 99 }).map((i) => i / 100),
      n: fc.integer({ min: 5, max: 500 }),
      level: fc.constantFrom(0.95, 0.9),
      interval: fc.constant('clopper-pearson' as const),
    }),
  validate: (q) =>
    within('p', q.p, 0.01, 0.99) ??
    within('n', q.n, 5, 500, true) ??
    oneOf('level', q.level, [0.95, 0.9]) ??
    oneOf('interval', q.interval, ['clopper-pearson']),
};

/** engine.clopper-pearson-coverage: P(p ∈ CP_L(X, n)) ≥ L for X ~ Bin(n, p). */
export const clopperPearsonCoverage = defineClaim<CoverageParams>({
  id: 'engine.clopper-pearson-coverage',
  paper: 'engine',
  statement:
    'Clopper–Pearson coverage: for X ~ Binomial(n, p), the level-L Clopper–Pearson interval [B⁻¹((1−L)/2; X, n−X+1), B⁻¹((1+L)/2; X+1, n−X)] contains p with probability ≥ L, for every p and n.',
  hypotheses: coverageHypotheses,
  checks: [
    rateCheck<CoverageParams>({
      name: 'coverage',
      describe: 'P(p ∈ CP_L(X, n)) ≥ L for X ~ Bin(n, p), exact binomial test over independent seeds',
      direction: 'at-least',
      bound: (q) => q.level,
      delta: () => 0.01,
      seed: (q, rng) => {
        const x = binomial(rng, q.n, q.p);
        const [lo, hi] = clopperPearson(x, q.n, q.interval === 'wrong-quantile' ? 2 * q.level - 1 : q.level);
        return { hit: lo <= q.p && q.p <= hi, values: { width: hi - lo } };
      },
    }),
  ],
  controls: [
    {
      id: 'wrong-quantile',
      description: 'the interval built with the quantile 1 − L instead of (1 − L)/2 on each side (a level-(2L − 1) interval reported as level L)',
      arbitrary: () =>
        fc.record({
          p: fc.constantFrom(0.3, 0.5, 0.7),
          n: fc.constantFrom(100, 200),
          level: fc.constant(0.95),
          interval: fc.constant('wrong-quantile' as const),
        }),
    },
  ],
  profiles: metaBudgets([2, 4, 20], [2000, 4000, 20000]),
  notes:
    'Clopper–Pearson is conservative (coverage ≥ L for every p, n; strictly above at small n·p), so the bound is not tight: the meta-test is verified when coverage is shown ≥ L − 0.01.',
});

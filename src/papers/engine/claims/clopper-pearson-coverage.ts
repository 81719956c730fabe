import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { binomial } from '#core/random/samplers.js';
import { defineSpace, fixed, int, oneOf, real, type PointOf } from '#core/space/index.js';
import { clopperPearson } from '#core/stats/intervals.js';
import { metaBudgets } from './shared/metaBudgets.js';
import { rateCheck } from './shared/rateCheck.js';
import type { Widened } from './shared/widened.js';

const space = defineSpace({
  /** Any p in [0.01, 0.99], drawn with two significant digits. */
  p: real({ min: 0.01, max: 0.99, digits: 2 }),
  n: int({ min: 5, max: 500 }),
  level: oneOf([0.95, 0.9]),
  interval: fixed('clopper-pearson'),
});
/** The interval: 'clopper-pearson' (the claim) or 'wrong-quantile' (B⁻¹(1−level) in place of B⁻¹((1−level)/2) on each side: a control). */
type CoverageInterval = 'clopper-pearson' | 'wrong-quantile';
type CoverageParams = Widened<PointOf<typeof space>, { interval: CoverageInterval }>;

/** The wrong-quantile control's configurations, inside the claim's space: moderate p and n, where a level-(2L − 1) interval plainly under-covers. */
const moderate = defineSpace({ p: oneOf([0.3, 0.5, 0.7]), n: oneOf([100, 200]), level: fixed(0.95), interval: fixed('clopper-pearson') });

/** engine.clopper-pearson-coverage: P(p ∈ CP_L(X, n)) ≥ L for X ~ Bin(n, p). */
export const clopperPearsonCoverage = defineClaim<CoverageParams>({
  id: 'engine.clopper-pearson-coverage',
  paper: 'engine',
  statement:
    'Clopper–Pearson coverage: for X ~ Binomial(n, p), the level-L Clopper–Pearson interval [B⁻¹((1−L)/2; X, n−X+1), B⁻¹((1+L)/2; X+1, n−X)] ' +
    'contains p with probability ≥ L, for every p and n.',
  hypotheses: space.hypotheses(),
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
    overrideControl<CoverageParams>(
      'wrong-quantile',
      'the interval built with the quantile 1 − L instead of (1 − L)/2 on each side (a level-(2L − 1) interval reported as level L)',
      moderate.hypotheses(),
      { interval: 'wrong-quantile' },
    ),
  ],
  profiles: metaBudgets([2, 4, 20], [2000, 4000, 20000]),
  notes:
    'Clopper–Pearson is conservative (coverage ≥ L for every p, n; strictly above at small n·p), so the bound is not tight: the meta-test is ' +
    'verified when coverage is shown ≥ L − 0.01.',
});

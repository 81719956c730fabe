import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { scalingCheck } from '#core/checks/scaling.js';
import { defineSpace, fixed, oneOf, type PointOf } from '#core/space/index.js';
import { jStat } from '#core/stats/jstat.js';
import { memoNumeric } from '#core/stats/memoNumeric.js';
import { normalQuantile } from '#core/stats/normal.js';
import { metaBudgets } from './shared/metaBudgets.js';
import { rateCheck } from './shared/rateCheck.js';
import type { Widened } from './shared/widened.js';

const space = defineSpace({
  /** True exponent b of y = 3·x^b·exp(σ z). */
  slope: oneOf([-0.5, 1, 0]),
  sigma: oneOf([0.3, 0.05]),
  points: oneOf([4, 5, 8]),
  replicates: oneOf([1, 2, 4]),
  /** The engine's t-interval. */
  interval: fixed('t'),
});
const hypotheses = space.hypotheses();
/** The slope interval: 't' (the engine's t-interval) or 'normal-quantile' (z_{0.975} in place of t_{0.975, N−2}: a control). */
type SlopeInterval = 't' | 'normal-quantile';
type SlopeParams = Widened<PointOf<typeof space>, { interval: SlopeInterval }>;

const SLOPE_LEVEL = 0.95;
/** Student's t quantile t_{p, ν} (jStat's iterative inversion), memoised: the control asks for the same few dof on every seed. */
const tQuantile = memoNumeric((p: number, dof: number): number => jStat.studentt.inv(p, dof));

/** The engine's scalingCheck on the synthetic law y = 3·x^b·e^{σz} over x = 16·2^g, g < points. */
const syntheticScaling = scalingCheck<SlopeParams>({
  name: 'synthetic-power-law',
  describe: 'log-log slope of y = 3·x^b·exp(σz)',
  grid: (q) => Array.from({ length: q.points }, (_, g) => 16 * 2 ** g),
  sample: (q, x, rng) => 3 * x ** q.slope * Math.exp(q.sigma * rng.normal()),
  replicates: (q) => q.replicates,
  range: [-10, 10],
  quantity: 'y',
  sizeName: 'x',
});

/** engine.slope-coverage: P(b ∈ scalingCheck 95% slope CI) ≥ 0.95 for y = 3·x^b·e^{σz}. */
export const slopeCoverage = defineClaim<SlopeParams>({
  id: 'engine.slope-coverage',
  paper: 'engine',
  statement:
    'Slope-CI coverage: for a scaling law $y = 3x^b e^{\\sigma z}$, $z \\sim N(0, 1)$, on a geometric grid with replicates, the engine’s scalingCheck 95% ' +
    't-interval for the log-log slope contains the true exponent b with probability ≥ 0.95 (exactly 0.95 under Gaussian log-noise).',
  hypotheses,
  checks: [
    rateCheck<SlopeParams>({
      name: 'coverage',
      describe: 'P(b ∈ scalingCheck slope CI) ≥ 0.95, exact binomial test over independent seeds',
      direction: 'at-least',
      bound: () => SLOPE_LEVEL,
      delta: () => 0.02,
      seed: (q, rng, ctx) => {
        const ev = syntheticScaling.decide(q, { ...ctx, rng, progress: () => {} }).evidence;
        let [lo, hi] = ev.slope!.ci;
        if (q.interval === 'normal-quantile') {
          const dof = ev.trials - 2;
          const se = (hi - lo) / (2 * tQuantile(1 - (1 - SLOPE_LEVEL) / 2, dof));
          const z = normalQuantile(1 - (1 - SLOPE_LEVEL) / 2);
          [lo, hi] = [ev.estimate - z * se, ev.estimate + z * se];
        }
        return { hit: lo <= q.slope && q.slope <= hi, values: { halfWidth: (hi - lo) / 2 } };
      },
    }),
  ],
  controls: [
    overrideControl<SlopeParams>(
      'normal-quantile',
      'the slope interval with the normal quantile 1.96 in place of Student’s t with N − 2 degrees of freedom (4 points, 1 replicate: 2 dof)',
      hypotheses,
      { interval: 'normal-quantile', points: 4, replicates: 1 },
    ),
  ],
  profiles: metaBudgets([1, 3, 12], [1000, 2000, 20000]),
  notes: 'Coverage is exactly 0.95 under Gaussian log-noise, so the meta-test is verified when coverage is shown ≥ 0.93 (the resolution of 1000–2000 seeds).',
});

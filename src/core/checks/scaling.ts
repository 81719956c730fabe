import type { Stream } from '../random/stream.js';
import { fitSlope, slopeRangePValue } from '../stats/slope.js';
import type { Check, DecisionContext, Figure, Params } from '../claim/types.js';

export interface ScalingSpec<P extends Params> {
  name: string;
  describe: string;
  /** Sizes (x values, e.g. d or k) of the grid for this configuration. */
  grid: (p: P, ctx: DecisionContext) => number[];
  /** One replicate of the positive quantity at size x (its log is regressed on log x). */
  sample: (p: P, x: number, rng: Stream, ctx: DecisionContext) => number;
  /** Replicates per grid point (default budget.replicates ?? budget.trials). */
  replicates?: (p: P, ctx: DecisionContext) => number;
  /** Claimed range of the log-log slope. */
  range: [number, number];
  /** Name of the quantity for figures. */
  quantity: string;
  sizeName: string;
}

/**
 * `scaling` kind: log y = a + b·log x over a grid with replicates; OLS slope with a 95%
 * t-interval. p-value: one-sided t-test against the nearer end of the claimed range.
 * Rejected (by the engine) when that p-value is below the run's Holm threshold; sufficient for
 * `verified` when the 95% interval lies inside the range.
 */
export function scalingCheck<P extends Params>(spec: ScalingSpec<P>): Check<P> {
  return {
    kind: 'scaling',
    name: spec.name,
    describe: spec.describe,
    decide(p, ctx) {
      const grid = spec.grid(p, ctx);
      const reps = spec.replicates ? spec.replicates(p, ctx) : (ctx.budget.replicates ?? ctx.budget.trials);
      const xs: number[] = [];
      const ys: number[] = [];
      const data: Figure['data'] = [];
      let done = 0;
      grid.forEach((x, gi) => {
        for (let r = 0; r < reps; r++) {
          const y = spec.sample(p, x, ctx.rng.child(`size${gi}`, r), ctx);
          if (!(y > 0) || !Number.isFinite(y)) throw new RangeError(`${spec.name}: quantity must be positive and finite, got ${y} at ${spec.sizeName}=${x}`);
          xs.push(Math.log(x));
          ys.push(Math.log(y));
          data.push({ [spec.sizeName]: x, [spec.quantity]: y });
          ctx.progress(++done);
        }
      });
      const fit = fitSlope(xs, ys, 0.95);
      const [lo, hi] = spec.range;
      return {
        evidence: {
          test: 'OLS slope of log-log fit, t-interval',
          alpha: ctx.alpha,
          trials: xs.length,
          estimate: fit.slope,
          ci: fit.ci,
          slope: { value: fit.slope, ci: fit.ci, range: spec.range },
          pValue: slopeRangePValue(fit, lo, hi),
        },
        sufficient: fit.ci[0] >= lo && fit.ci[1] <= hi,
        figures: [
          {
            id: spec.name,
            title: `${spec.quantity} against ${spec.sizeName} (slope ${fit.slope.toFixed(3)})`,
            mark: 'scatter',
            x: spec.sizeName,
            y: spec.quantity,
            logX: true,
            logY: true,
            data,
          },
        ],
      };
    },
  };
}

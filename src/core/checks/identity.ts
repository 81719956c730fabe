import type { Stream } from '../random/stream.js';
import { RunningMoments } from '../stats/moments.js';
import { jStat } from '../stats/jstat.js';
import type { Check, DecisionContext, Params } from '../claim/types.js';

export interface IdentitySpec<P extends Params> {
  name: string;
  describe: string;
  /** One Monte-Carlo draw of the quantity whose mean the identity states; `t` is the trial's index (its stream is `rng`). */
  sample: (p: P, rng: Stream, ctx: DecisionContext, t: number) => number;
  /** The exact value, computed independently (closed form, quadrature). */
  expected: (p: P) => number;
  /** Indifference: the identity is only called verified if the 95% CI half-width is ≤ this (absolute). */
  tolerance: (p: P) => number;
}

/**
 * `identity` kind: E X = v. Monte-Carlo mean of budget.trials draws, two-sided t-test
 * p = 2·T_{n−1}(−|x̄ − v|/(s/√n)); 95% CI x̄ ± t_{0.975, n−1}·s/√n. Sufficient when the CI half-width is
 * within the tolerance (otherwise the check could not have failed: inconclusive).
 */
export function identityCheck<P extends Params>(spec: IdentitySpec<P>): Check<P> {
  return {
    kind: 'identity',
    name: spec.name,
    describe: spec.describe,
    decide(p, ctx) {
      const m = new RunningMoments();
      const n = ctx.budget.trials;
      for (let t = 0; t < n; t++) {
        m.push(spec.sample(p, ctx.rng.child('trial', t), ctx, t));
        if (t % 100 === 99) ctx.progress(t + 1);
      }
      ctx.progress(n);
      const v = spec.expected(p);
      const se = m.stderr;
      // se = 0 (every draw equal): exact agreement up to 64 ulps of the larger magnitude counts as equal.
      const z = se > 0 ? Math.abs(m.mean - v) / se : Math.abs(m.mean - v) <= 64 * Number.EPSILON * Math.max(Math.abs(v), Math.abs(m.mean)) ? 0 : Infinity;
      const dof = Math.max(1, n - 1);
      const pValue = Number.isFinite(z) ? Math.min(1, 2 * jStat.studentt.cdf(-z, dof)) : 0;
      const tq = jStat.studentt.inv(0.975, dof);
      const ci: [number, number] = [m.mean - tq * se, m.mean + tq * se];
      const tol = spec.tolerance(p);
      return {
        evidence: {
          test: 't-test of the Monte-Carlo mean against the exact value',
          alpha: ctx.alpha,
          delta: tol,
          trials: n,
          estimate: m.mean,
          ci,
          target: v,
          pValue,
          measured: { stderr: se, zScore: z },
        },
        sufficient: (ci[1] - ci[0]) / 2 <= tol,
      };
    },
  };
}

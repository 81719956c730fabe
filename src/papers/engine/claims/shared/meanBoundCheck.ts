import type { Check, DecisionContext, Params } from '#core/claim/types.js';
import type { Stream } from '#core/random/stream.js';
import { RunningMoments } from '#core/stats/moments.js';
import { normalCdf, normalQuantile } from '#core/stats/normal.js';
import { seedStreams } from './seedStreams.js';

/** A one-sided mean bound E X ≤ b, decided on independent meta-seeds by {@link meanBoundCheck}. */
interface MeanBoundSpec<P extends Params> {
  name: string;
  describe: string;
  /** One seed's value (e.g. the number of trials one inner SPRT used). */
  sample: (p: P, rng: Stream, ctx: DecisionContext) => number;
  /** Claimed upper bound on the mean. */
  bound: (p: P) => number;
  /** Divide estimate, interval and bound by this in the measured ratio (e.g. the fixed-sample size). */
  scale: (p: P) => number;
}

/**
 * `identity` kind for a one-sided mean bound E X ≤ b on N = budget.trials independent seeds:
 * z = (x̄ − b)/(s/√N), p = Φ(−z) (H0: E X ≤ b, CLT); 95% CI x̄ ± 1.96 s/√N. Verified when the
 * one-sided (1 − β) upper bound x̄ + z_{1−β} s/√N is ≤ b.
 */
export function meanBoundCheck<P extends Params>(spec: MeanBoundSpec<P>): Check<P> {
  return {
    kind: 'identity',
    name: spec.name,
    describe: spec.describe,
    decide(p, ctx) {
      const n = ctx.budget.trials;
      const m = new RunningMoments();
      const seedStream = seedStreams(ctx.rng);
      for (let s = 0; s < n; s++) {
        m.push(spec.sample(p, seedStream(s), ctx));
        if (s % 100 === 99) ctx.progress(s + 1);
      }
      ctx.progress(n);
      const b = spec.bound(p);
      const scale = spec.scale(p);
      const se = m.stderr;
      const z = se > 0 ? (m.mean - b) / se : m.mean > b ? Infinity : -Infinity;
      const pValue = normalCdf(-z);
      const ci = m.ci(0.95);
      const pct = (v: number): string => ((100 * v) / scale).toFixed(1);
      return {
        evidence: {
          test: `one-sided z-test of the mean over ${n} independent seeds (H0: mean ≤ ${b})`,
          alpha: ctx.alpha,
          beta: ctx.beta,
          trials: n,
          estimate: m.mean,
          ci,
          target: b,
          pValue,
          measured: { ratio: m.mean / scale, ratioLo: ci[0] / scale, ratioHi: ci[1] / scale, scale, stderr: se },
          note: `mean ${m.mean.toFixed(1)} = ${pct(m.mean)}% of ${scale} (95% CI ${pct(ci[0])}–${pct(ci[1])}%)`,
        },
        sufficient: m.mean + normalQuantile(1 - ctx.beta) * se <= b,
        rejectedEarly: pValue <= ctx.alpha,
      };
    },
  };
}

import { binomialEvidence } from '#core/checks/probability.js';
import type { Check, DecisionContext, Params } from '#core/claim/types.js';
import type { Stream } from '#core/random/stream.js';
import { binomialRateTest } from '#core/stats/binomialTest.js';
import { seedStreams } from './seedStreams.js';

/** What one meta-seed gave. */
interface SeedOutcome {
  /** Did the event whose rate the claim bounds happen on this seed? */
  hit: boolean;
  /** Per-seed values averaged into evidence.measured (e.g. inner trials used). */
  values?: Record<string, number>;
}

/** A rate bound P(hit) ≤ b or ≥ b, decided on independent meta-seeds by {@link rateCheck}. */
interface RateSpec<P extends Params> {
  name: string;
  describe: string;
  /** 'at-most': P(hit) ≤ bound (false-alarm rates); 'at-least': P(hit) ≥ bound (power, coverage). */
  direction: 'at-most' | 'at-least';
  bound: (p: P) => number;
  /** Indifference of the meta-test: verified once the rate is shown within bound ± δ. */
  delta: (p: P) => number;
  seed: (p: P, rng: Stream, ctx: DecisionContext) => SeedOutcome;
  /** Extra measured values of the whole configuration (e.g. the fixed-sample size). */
  extra?: (p: P, means: Record<string, number>) => Record<string, number>;
}

/** The average of each recorded per-seed value: mean_k = (1/|rows|) Σ_r r[k]. */
function meansOf(rows: Array<Record<string, number>>): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r)) sums[k] = (sums[k] ?? 0) + v;
  return Object.fromEntries(Object.entries(sums).map(([k, s]) => [k, s / rows.length]));
}

/**
 * `probability` kind on N = budget.trials independent seeds (no early stop, so every rate is measured
 * on the same N): X = #seeds with the event. Exact one-sided binomial p-value of H0 "the rate
 * satisfies the bound b": at-most ⇒ P(Bin(N, b) ≥ X) = F(N − X; N, 1 − b); at-least ⇒ P(Bin(N, b) ≤ X).
 * 95% Clopper–Pearson interval on the rate. Verified when the one-sided (1 − β) Clopper–Pearson bound
 * is within b ± δ.
 */
export function rateCheck<P extends Params>(spec: RateSpec<P>): Check<P> {
  return {
    kind: 'probability',
    name: spec.name,
    describe: spec.describe,
    decide(p, ctx) {
      const n = ctx.budget.trials;
      let x = 0;
      const rows: Array<Record<string, number>> = [];
      const seedStream = seedStreams(ctx.rng);
      for (let s = 0; s < n; s++) {
        const o = spec.seed(p, seedStream(s), ctx);
        if (o.hit) x++;
        if (o.values) rows.push(o.values);
        if (s % 100 === 99) ctx.progress(s + 1);
      }
      ctx.progress(n);
      const b = spec.bound(p);
      const delta = spec.delta(p);
      const atMost = spec.direction === 'at-most';
      const { pValue, ci, withinIndifference: sufficient } = binomialRateTest(x, n, b, spec.direction, ctx.beta, delta);
      const means = meansOf(rows);
      return {
        evidence: binomialEvidence(ctx, {
          test: `exact binomial test on ${n} independent seeds (H0: rate ${atMost ? '≤' : '≥'} ${b}) + Clopper–Pearson`,
          delta,
          n,
          x,
          ci,
          target: b,
          pValue,
          measured: { ...means, ...(spec.extra ? spec.extra(p, means) : {}) },
          direction: spec.direction,
          note: `measured rate ${(x / n).toFixed(4)} (95% CI ${ci[0].toFixed(4)}–${ci[1].toFixed(4)}) against the bound ${atMost ? '≤' : '≥'} ${b}`,
        }),
        sufficient,
        rejectedEarly: pValue <= ctx.alpha,
      };
    },
  };
}

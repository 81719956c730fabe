import type { Stream } from '../random/stream.js';
import type { Check, DecisionContext, Params } from '../claim/types.js';

export interface DeterministicResult {
  ok: boolean;
  /** The worst measured value and the bound it is compared with (e.g. relative FD error vs tolerance). */
  measured: number;
  bound: number;
  detail?: string;
}

export interface DeterministicSpec<P extends Params> {
  name: string;
  describe: string;
  /** One draw of the random objects; must hold for every draw (up to float error, already in `bound`). `t` is the trial's index (its stream is `rng`). */
  check: (p: P, rng: Stream, ctx: DecisionContext, t: number) => DeterministicResult;
}

/**
 * `deterministic` kind: the statement holds for every draw. budget.trials draws per
 * configuration; one failing draw rejects (p-value 0). No statistics: fast-check shrinks
 * the configuration.
 */
export function deterministicCheck<P extends Params>(spec: DeterministicSpec<P>): Check<P> {
  return {
    kind: 'deterministic',
    name: spec.name,
    describe: spec.describe,
    decide(p, ctx) {
      const n = ctx.budget.trials;
      let worst: DeterministicResult | null = null;
      let failedAt = -1;
      let t = 0;
      for (; t < n; t++) {
        const r = spec.check(p, ctx.rng.child('trial', t), ctx, t);
        if (!worst || r.measured / (r.bound || 1) > worst.measured / (worst.bound || 1) || !r.ok) worst = r;
        if (!r.ok) {
          failedAt = t;
          t++;
          break;
        }
      }
      ctx.progress(t);
      const w = worst ?? { ok: true, measured: 0, bound: 0 };
      return {
        evidence: {
          test: 'exact check on every draw',
          alpha: 0,
          trials: t,
          successes: failedAt >= 0 ? t - 1 : t,
          estimate: w.measured,
          ci: [w.measured, w.measured],
          target: w.bound,
          pValue: failedAt >= 0 ? 0 : 1,
          note: failedAt >= 0 ? `failed at trial ${failedAt}: ${w.detail ?? ''}` : w.detail,
        },
        sufficient: failedAt < 0,
        rejectedEarly: failedAt >= 0,
      };
    },
  };
}

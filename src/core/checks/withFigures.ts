import type { Check, CheckOutcome, DecisionContext, Figure, Params } from '../claim/types.js';

/**
 * `check` with more figures on its outcome: `figures(p, outcome, ctx)` builds them from the configuration,
 * its outcome (e.g. the threshold a bisection found, in `evidence.measured`) and the context (the calibrated
 * constants, the profile, `ctx.rng` for a figure's own sub-stream). The decision itself is untouched: same
 * evidence, same verdict; the engine joins each figure id's rows (and theory curves) across configurations.
 */
export function withFigures<P extends Params>(check: Check<P>, figures: (p: P, outcome: CheckOutcome, ctx: DecisionContext) => Figure[]): Check<P> {
  return {
    ...check,
    decide(p, ctx) {
      const outcome = check.decide(p, ctx);
      const extra = figures(p, outcome, ctx);
      return extra.length ? { ...outcome, figures: [...(outcome.figures ?? []), ...extra] } : outcome;
    },
  };
}

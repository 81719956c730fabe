import type { Stream } from '../random/stream.js';
import { binomialRateTest } from '../stats/binomialTest.js';
import { Sprt } from '../stats/sprt.js';
import type { Check, CheckOutcome, DecisionContext, Evidence, Figure, Params } from '../claim/types.js';

export interface ProbabilitySpec<P extends Params> {
  name: string;
  describe: string;
  /** Claimed lower bound p0 on P(event) (e.g. 1 − γ). */
  target: (p: P, ctx: DecisionContext) => number;
  /** Indifference δ: the SPRT's alternative is p0 − δ. */
  delta: number | ((p: P) => number);
  /**
   * One trial: does the event hold? `rng` is this trial's own stream, `t` its index (for `sharedTrial`:
   * checks of one experiment read the same trial records). `record` keeps per-trial values for figures.
   */
  event: (p: P, rng: Stream, ctx: DecisionContext, record: (row: Record<string, number>) => void, t: number) => boolean;
  /** Optional summary of recorded rows into measured values and figures. */
  summarise?: (rows: Record<string, number>[], p: P) => { measured?: Record<string, number>; figures?: Figure[] };
}

/**
 * `probability` kind: "event E holds with probability ≥ p0".
 * Wald SPRT of H0: p = p0 vs H1: p = p0 − δ at (α, β), capped at budget.trials; reports the
 * anytime-valid p-value e^{−sup Λ}, and a 95% Clopper–Pearson interval on P(E).
 * Sufficient for `verified` if the SPRT accepted H0, or (budget exhausted) the one-sided
 * Clopper–Pearson lower bound at level β exceeds p0 − δ.
 * With `budget.fixedSample = 1` (the paper profile's experiments) all budget.trials run and the
 * p-value is the exact one-sided binomial P(X ≤ x | n, p0).
 */
export function probabilityCheck<P extends Params>(spec: ProbabilitySpec<P>): Check<P> {
  return {
    kind: 'probability',
    name: spec.name,
    describe: spec.describe,
    decide(p, ctx) {
      const rows: Record<string, number>[] = [];
      const record = (row: Record<string, number>): void => {
        rows.push(row);
      };
      return decideRate(
        ctx,
        spec.target(p, ctx),
        typeof spec.delta === 'number' ? spec.delta : spec.delta(p),
        (t) => spec.event(p, ctx.rng.child('trial', t), ctx, record, t),
        () => (spec.summarise ? spec.summarise(rows, p) : {}),
      );
    },
  };
}

/**
 * The `probability` kind's decision on Bernoulli outcomes `trial(0), trial(1), …` (probabilityCheck's
 * events, or any other source of outcomes): Wald SPRT of H0: p = p0 vs H1: p = p0 − δ at (α, β) capped
 * at budget.trials, anytime-valid p-value e^{−sup Λ}; with `budget.fixedSample` every trial runs and the
 * p-value is the exact one-sided binomial one. Sufficient as probabilityCheck states. `summarise` is
 * called once the trials are done (measured values and figures of what the trials recorded).
 */
export function decideRate(
  ctx: DecisionContext,
  p0: number,
  delta: number,
  trial: (t: number) => boolean,
  summarise: () => { measured?: Record<string, number>; figures?: Figure[] } = () => ({}),
): CheckOutcome {
  const sprt = new Sprt({ p0, delta: Math.min(delta, p0 / 2), alpha: ctx.alpha, beta: ctx.beta });
  const cap = ctx.budget.trials;
  const fixed = Boolean(ctx.budget.fixedSample);
  for (let t = 0; t < cap; t++) {
    sprt.observe(trial(t));
    if (t % 50 === 49) ctx.progress(t + 1);
    if (sprt.decision !== 'continue' && !fixed) break;
  }
  ctx.progress(sprt.trials);
  const n = sprt.trials;
  const x = sprt.successes;
  const summary = summarise();
  const exact = binomialRateTest(x, n, p0, 'at-least', ctx.beta, delta);
  const pValue = fixed ? exact.pValue : sprt.pValue();
  const sufficient = fixed
    ? pValue > ctx.alpha && exact.withinIndifference
    : sprt.decision === 'accept-h0' || (sprt.decision === 'continue' && exact.withinIndifference);
  return {
    evidence: binomialEvidence(ctx, {
      test: fixed ? 'exact one-sided binomial test (fixed sample) + Clopper–Pearson' : 'Wald SPRT (H0: p = p0 vs H1: p = p0 − δ) + Clopper–Pearson',
      delta,
      n,
      x,
      ci: exact.ci,
      target: p0,
      pValue,
      measured: summary.measured,
      note: fixed ? `fixed sample of ${n} trials` : `SPRT ${sprt.decision} after ${n} of ${cap} trials`,
    }),
    sufficient,
    rejectedEarly: !fixed && sprt.decision === 'reject-h0',
    figures: summary.figures,
  };
}

/**
 * Evidence of a binomial rate decision: x successes in n trials, estimate x/n, with the run's α and
 * β, the test's name, indifference δ, interval, target, p-value, measured values and note.
 */
export function binomialEvidence(
  ctx: DecisionContext,
  e: {
    test: string;
    delta: number;
    n: number;
    x: number;
    ci: [number, number];
    target: number;
    pValue: number;
    measured?: Record<string, number>;
    note: string;
    /** The bound's side: P ≥ target (the default) or P ≤ target (false-alarm rates). */
    direction?: 'at-least' | 'at-most';
  },
): Evidence {
  return {
    test: e.test,
    alpha: ctx.alpha,
    beta: ctx.beta,
    delta: e.delta,
    trials: e.n,
    successes: e.x,
    estimate: e.x / e.n,
    ci: e.ci,
    target: e.target,
    pValue: e.pValue,
    measured: e.measured,
    note: e.note,
    ...(e.direction === 'at-most' ? { direction: 'at-most' as const } : {}),
  };
}

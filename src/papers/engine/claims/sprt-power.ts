import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { defineSpace, type PointOf } from '#core/space/index.js';
import { fixedSampleSize } from './shared/fixedSampleSize.js';
import { innerDecision, type SprtConfig, type SprtParams } from './shared/innerDecision.js';
import { SPRT_BUDGET } from './shared/metaBudgets.js';
import { rateCheck } from './shared/rateCheck.js';
import { SPRT_FACTORS, type SprtControlFactors } from './shared/sprtFactors.js';
import type { Widened } from './shared/widened.js';

/** p0 ∈ {0.9, 0.8, 0.95, 0.85}, δ ∈ {0.05, 0.1}, α ∈ {0.05, 0.1}, β ∈ {0.1, 0.05}; the engine's SPRT capped at 4·n_fixed. */
const space = defineSpace(SPRT_FACTORS);
const hypotheses = space.hypotheses();
type PowerParams = Widened<PointOf<typeof space>, SprtControlFactors>;
/** The inner claim false by exactly its indifference: pTrue = p0 − δ. */
const atIndifference = (p: SprtConfig): SprtParams => ({ ...p, pTrue: p.p0 - p.delta });

/** engine.sprt-power: P(probabilityCheck rejects | p = p0 − δ) ≥ 1 − β with a trial cap of 4·n_fixed. */
export const sprtPower = defineClaim<PowerParams>({
  id: 'engine.sprt-power',
  paper: 'engine',
  statement:
    'Power at the indifference point: for a synthetic claim "P(U < p) ≥ p0" that is false by exactly δ (p = p0 − δ), the engine’s probabilityCheck ' +
    'with a trial cap of 4·n_fixed(α, β, δ) rejects (p-value ≤ α) with probability ≥ 1 − β.',
  hypotheses,
  checks: [
    rateCheck<PowerParams>({
      name: 'power',
      describe: 'P(probabilityCheck rejects | p = p0 − δ) ≥ 1 − β, exact binomial test over independent seeds',
      direction: 'at-least',
      bound: (p) => 1 - p.beta,
      delta: () => 0.03,
      seed: (p, rng, ctx) => {
        const r = innerDecision(atIndifference(p), rng, ctx.profile);
        return { hit: r.rejected, values: { asn: r.trials, notVerified: r.verified ? 0 : 1 } };
      },
      extra: (p, m) => ({ nFixed: fixedSampleSize(p.p0, p.delta, p.alpha, p.beta), asnRatio: m.asn / fixedSampleSize(p.p0, p.delta, p.alpha, p.beta) }),
    }),
  ],
  controls: [
    overrideControl<PowerParams>(
      'wrong-indifference',
      'the SPRT designed for an indifference 3δ (alternative p0 − 3δ) while the claim is false by δ',
      hypotheses,
      {
        designDeltaFactor: 3,
        delta: 0.05,
        p0: 0.9,
      },
    ),
    overrideControl<PowerParams>(
      'budget-at-fixed-sample-size',
      'the trial cap set to n_fixed(α, β, δ) instead of 4·n_fixed: the truncated SPRT runs out of trials',
      hypotheses,
      { capFactor: 1 },
    ),
  ],
  profiles: SPRT_BUDGET,
  notes:
    'Rejection here means the engine’s `violated` for a single test (p-value ≤ α). measured.notVerified is the rate at which the false claim is not ' +
    'called verified (rejected or inconclusive); measured.asnRatio is the SPRT’s average sample size at p0 − δ over the fixed-sample size. A cap of ' +
    'n_fixed (the control) loses power: budgets must leave the sequential test room beyond the fixed-sample size. Wald’s inequality only guarantees ' +
    'P(accept | p0 − δ) ≤ β/(1 − α) for the acceptance boundary log(β/(1 − α)) (1.11·β at the inner α = 0.1; ≈ β at the run’s per-test α ≤ 10⁻³), ' +
    'and the overshoot of the boundary usually makes up for it; the meta-test is verified when the power is shown ≥ 1 − β − 0.03.',
});

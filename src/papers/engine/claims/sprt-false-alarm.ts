import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { defineSpace, type PointOf } from '#core/space/index.js';
import { fixedSampleSize } from './shared/fixedSampleSize.js';
import { innerDecision } from './shared/innerDecision.js';
import { SPRT_BUDGET } from './shared/metaBudgets.js';
import { rateCheck } from './shared/rateCheck.js';
import { atBound, SPRT_FACTORS, type SprtControlFactors } from './shared/sprtFactors.js';
import type { Widened } from './shared/widened.js';

/** p0 ∈ {0.9, 0.8, 0.95, 0.85}, δ ∈ {0.05, 0.1}, α ∈ {0.05, 0.1}, β ∈ {0.1, 0.05}; the engine's SPRT capped at 4·n_fixed. */
const space = defineSpace(SPRT_FACTORS);
const hypotheses = space.hypotheses();
type FalseAlarmParams = Widened<PointOf<typeof space>, SprtControlFactors>;

/** engine.sprt-false-alarm: P(probabilityCheck rejects | p = p0) ≤ α under optional stopping. */
export const sprtFalseAlarm = defineClaim<FalseAlarmParams>({
  id: 'engine.sprt-false-alarm',
  paper: 'engine',
  statement:
    'The probability decision is valid under optional stopping: for a synthetic claim "P(U < p) ≥ p0" with p exactly on the bound p0, the engine’s ' +
    'probabilityCheck (Wald SPRT of p0 vs p0 − δ with Ville’s rejection boundary log 1/α, capped at 4·n_fixed trials) reports a rejection (p-value ' +
    '≤ α) with probability ≤ α.',
  hypotheses,
  checks: [
    rateCheck<FalseAlarmParams>({
      name: 'false-alarm-rate',
      describe: 'P(probabilityCheck rejects | p = p0) ≤ α, exact binomial test over independent seeds',
      direction: 'at-most',
      bound: (p) => p.alpha,
      delta: (p) => p.alpha / 2,
      seed: (p, rng, ctx) => {
        const r = innerDecision(atBound(p), rng, ctx.profile);
        return { hit: r.rejected, values: { asn: r.trials, verified: r.verified ? 1 : 0 } };
      },
      extra: (p, m) => ({ nFixed: fixedSampleSize(p.p0, p.delta, p.alpha, p.beta), asnRatio: m.asn / fixedSampleSize(p.p0, p.delta, p.alpha, p.beta) }),
    }),
  ],
  controls: [
    overrideControl<FalseAlarmParams>(
      'swapped-boundaries',
      'an SPRT with Wald’s two boundaries exchanged (rejects when the likelihood ratio favours H0)',
      hypotheses,
      {
        rule: 'sprt-swapped',
        p0: 0.8,
        delta: 0.1,
      },
    ),
    overrideControl<FalseAlarmParams>(
      'naive-ci-recheck',
      'the optional-stopping bug of docs/design.md: re-check a one-sided (1 − α) Clopper–Pearson bound after every batch of 10 trials and stop at the ' +
        'first rejection, with no α spending',
      hypotheses,
      { rule: 'naive-ci', p0: 0.9, delta: 0.05, alpha: 0.05, beta: 0.1 },
    ),
  ],
  // Smoke decides on as many seeds as standard: the design's corner p0 = 0.8, α = β = 0.05 needs them to resolve the rate.
  profiles: { ...SPRT_BUDGET, smoke: { ...SPRT_BUDGET.smoke, trials: SPRT_BUDGET.standard.trials } },
  notes:
    'p exactly on the bound is the worst case of H0 (the rejection probability is monotone in p), so it also covers p just inside the bound. Inner ' +
    'α ∈ {0.05, 0.1} so that 1000 seeds resolve the rate; Ville’s inequality P(sup Λ ≥ log 1/α) ≤ α is scale-free. The meta-test is verified when ' +
    'the rate is shown ≤ 1.5·α.',
});

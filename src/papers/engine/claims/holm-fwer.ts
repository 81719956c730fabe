import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { defineSpace, fixed, oneOf, type PointOf } from '#core/space/index.js';
import { holm } from '#core/stats/holm.js';
import { normalCdf } from '#core/stats/normal.js';
import { metaBudgets } from './shared/metaBudgets.js';
import { rateCheck } from './shared/rateCheck.js';
import type { Widened } from './shared/widened.js';

const space = defineSpace({
  m: oneOf([20, 5, 100]),
  /** Equicorrelation of the m test statistics (shared streams make p-values dependent). */
  rho: oneOf([0, 0.5, 0.9]),
  alpha: oneOf([0.05, 0.1]),
  /** The engine's step-down. */
  rule: fixed('holm'),
});
const hypotheses = space.hypotheses();
/** The multiple-testing rule: 'holm' (the engine's step-down) or 'no-correction' (reject every p ≤ α: a control). */
type HolmRule = 'holm' | 'no-correction';
type HolmParams = Widened<PointOf<typeof space>, { rule: HolmRule }>;

/** engine.holm-fwer: P(Holm at level α rejects any of m true nulls) ≤ α under equicorrelation ρ. */
export const holmFwer = defineClaim<HolmParams>({
  id: 'engine.holm-fwer',
  paper: 'engine',
  statement:
    'Family-wise error: for a family of m true null hypotheses with two-sided z-test p-values p_i = 2Φ(−|z_i|), z equicorrelated N(0, (1−ρ)I + ' +
    'ρ11ᵀ), the engine’s Holm step-down at level α rejects at least one with probability ≤ α.',
  hypotheses,
  checks: [
    rateCheck<HolmParams>({
      name: 'family-wise-error',
      describe: 'P(Holm rejects any of m true nulls) ≤ α, exact binomial test over independent seeds',
      direction: 'at-most',
      bound: (q) => q.alpha,
      delta: (q) => q.alpha / 2,
      seed: (q, rng) => {
        const z0 = rng.normal();
        const ps: number[] = [];
        for (let i = 0; i < q.m; i++) ps.push(2 * normalCdf(-Math.abs(Math.sqrt(q.rho) * z0 + Math.sqrt(1 - q.rho) * rng.normal())));
        const rejections = q.rule === 'holm' ? holm(ps, q.alpha).rejected.filter(Boolean).length : ps.filter((x) => x <= q.alpha).length;
        return { hit: rejections > 0, values: { rejections } };
      },
    }),
  ],
  controls: [
    overrideControl<HolmParams>('no-correction', 'every hypothesis tested at level α with no multiplicity correction', hypotheses, {
      rule: 'no-correction',
      rho: 0,
      m: 20,
    }),
  ],
  profiles: metaBudgets([1, 3, 12], [1000, 2000, 20000]),
  notes:
    'Holm controls the family-wise error under any dependence; under independence it is nearly exact (1 − (1 − α/m)^m), so the meta-test is ' +
    'verified when the rate is shown ≤ 1.5·α.',
});

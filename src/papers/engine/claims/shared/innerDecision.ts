import { probabilityCheck } from '#core/checks/probability.js';
import type { DecisionContext, Params, Profile } from '#core/claim/types.js';
import type { Stream } from '#core/random/stream.js';
import { clopperPearsonLower, clopperPearsonUpper } from '#core/stats/intervals.js';
import { Sprt } from '#core/stats/sprt.js';
import { fixedSampleSize } from './fixedSampleSize.js';

/** The inner decision rules: 'sprt' is the engine's probabilityCheck; the others are broken rules (controls). */
type SprtRule = 'sprt' | 'sprt-swapped' | 'naive-ci' | 'sprt-no-acceptance';

/** Parameters of the rule deciding the synthetic Bernoulli claim "P(U < pTrue) ≥ p0" (a configuration of the SPRT meta-claims). */
export interface SprtConfig extends Params {
  p0: number;
  /** Indifference δ: the alternative is p0 − δ. */
  delta: number;
  alpha: number;
  beta: number;
  /** Trial cap of the inner decision as a multiple of the fixed-sample size. */
  capFactor: number;
  /** The SPRT is designed for δ × this (1 in the claim; 3 in the wrong-indifference control). */
  designDeltaFactor: number;
  /** 'sprt': the engine's probabilityCheck; the others are broken rules (controls). */
  rule: SprtRule;
}

/** The synthetic Bernoulli claim "P(U < pTrue) ≥ p0" and the rule deciding it. */
export interface SprtParams extends SprtConfig {
  /** True success probability of the synthetic event (p0: on the bound; p0 − δ: at the indifference point). */
  pTrue: number;
}

/** What one inner decision gave. */
interface InnerResult {
  rejected: boolean;
  verified: boolean;
  trials: number;
}

/** The synthetic probability claim, decided by the engine's own probabilityCheck. */
const syntheticBernoulli = probabilityCheck<SprtParams>({
  name: 'synthetic-bernoulli',
  describe: 'P(U < pTrue) ≥ p0 with U ~ Uniform(0, 1)',
  target: (q) => q.p0,
  delta: (q) => q.delta * q.designDeltaFactor,
  event: (q, rng) => rng.uniformBelow(q.pTrue),
});

function innerContext(rng: Stream, alpha: number, beta: number, trials: number, profile: Profile): DecisionContext {
  return { rng, alpha, beta, budget: { configurations: 1, trials }, profile, constants: {}, progress: () => {} };
}

/** Batch size of the naive "re-check the interval after every batch" rule. */
const NAIVE_BATCH = 10;

/**
 * One inner decision of the synthetic Bernoulli claim on `rng`, by `q.rule`, capped at
 * capFactor · n_fixed(p0, δ, α, β) trials:
 * - sprt: probabilityCheck.decide; rejected ⇔ its p-value ≤ α (the engine's rule for one test);
 * - sprt-swapped: the same log-likelihood ratio with Wald's boundaries exchanged (reject at log(β/(1−α)), accept at log(1/α));
 * - naive-ci: after every batch of 10 trials, reject if the one-sided (1−α) Clopper–Pearson upper
 *   bound is < p0, accept if the one-sided (1−β) lower bound is ≥ p0 − δ (optional stopping, uncorrected);
 * - sprt-no-acceptance: Ville's one-sided test alone (reject at log(1/α), never accept early).
 */
export function innerDecision(q: SprtParams, rng: Stream, profile: Profile): InnerResult {
  const cap = q.capFactor * fixedSampleSize(q.p0, q.delta, q.alpha, q.beta);
  if (q.rule === 'sprt') {
    const o = syntheticBernoulli.decide(q, innerContext(rng, q.alpha, q.beta, cap, profile));
    const rejected = o.evidence.pValue <= q.alpha;
    return { rejected, verified: !rejected && o.sufficient, trials: o.evidence.trials };
  }
  if (q.rule === 'naive-ci') {
    let x = 0;
    for (let t = 1; t <= cap; t++) {
      if (rng.child('trial', t - 1).uniformBelow(q.pTrue)) x++;
      if (t % NAIVE_BATCH !== 0 && t !== cap) continue;
      if (clopperPearsonUpper(x, t, q.alpha) < q.p0) return { rejected: true, verified: false, trials: t };
      if (clopperPearsonLower(x, t, q.beta) >= q.p0 - q.delta) return { rejected: false, verified: true, trials: t };
    }
    return { rejected: false, verified: false, trials: cap };
  }
  const sprt = new Sprt({ p0: q.p0, delta: q.delta * q.designDeltaFactor, alpha: q.alpha, beta: q.beta });
  for (let t = 0; t < cap; t++) {
    sprt.observe(rng.child('trial', t).uniformBelow(q.pTrue));
    if (q.rule === 'sprt-swapped') {
      if (sprt.llr <= sprt.lower) return { rejected: true, verified: false, trials: sprt.trials };
      if (sprt.llr >= sprt.upper) return { rejected: false, verified: true, trials: sprt.trials };
    } else if (sprt.llr >= sprt.upper) {
      return { rejected: true, verified: false, trials: sprt.trials };
    }
  }
  return { rejected: false, verified: false, trials: sprt.trials };
}

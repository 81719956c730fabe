import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { requireConstant } from '#core/claim/constants.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { deterministicCheck } from '#core/checks/deterministic.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { scalingCheck } from '#core/checks/scaling.js';
import { findThreshold } from '#core/checks/threshold.js';
import type { ConstantsTable, DecisionContext, Params, Profile } from '#core/claim/types.js';
import type { Stream } from '#core/random/stream.js';
import { alignedCounts, bernoulliTheta, levelCountsOf, sampleBernoulliData } from '../model/bernoulliModel.js';
import { bernoulliSignWeightsError, bernoulliThresholdedRobustError } from '../model/errors.js';
import { bernoulliLearnerGroups, meanSum, thresholdInput, type LearnerName } from '../model/learners.js';
import { linfWorstCase } from '../model/linfLinear.js';
import { bernoulliRobustMistake, bernoulliRobustOk, bernoulliThresholdedOk } from '../model/schmidtTrials.js';
import { bernoulliC2Calibration } from './shared/bernoulliCalibrations.js';
import { C } from './shared/constantNames.js';
import { control } from './shared/control.js';
import { dExpArb, unit } from './shared/draws.js';
import { ceil6, floor6, round6 } from './shared/rounding.js';
import { GAMMA } from './shared/settings.js';
import { first, inInt, inReal, oneOf } from './shared/validators.js';

export interface BernoulliLinearParams extends Params {
  /** "main": τ = c·d^{−1/4} (schmidt.bernoulli.c), n ≤ c2 ε²γ²d/log(d/γ); "thm31": τ ≤ ¼, ε < 3τ, n ≤ ε²γ²/(5000τ⁴ log(4d/γ)). */
  form: string;
  d: number;
  tau: number;
  /** ε = ratio·τ for the linear learners. */
  ratio: number;
  n: number;
  learner: string;
  /** f∘T part: τ_T = tauT (≥ c·d^{−1/4}), ε_T = epsT. */
  tauT: number;
  epsT: number;
  /** Which classifier's n* the scaling check measures: "sign" (linear) or "threshold" (f∘T; the control). */
  scaling: string;
  gamma: number;
}

const bLinearMainBound = (c2: number, d: number, eps: number, gamma: number): number => (c2 * eps * eps * gamma * gamma * d) / Math.log(d / gamma);
const thm31Bound = (d: number, tau: number, eps: number, gamma: number): number => (eps * eps * gamma * gamma) / (5000 * tau ** 4 * Math.log((4 * d) / gamma));

function bLinearArb(profile: Profile, k: ConstantsTable): fc.Arbitrary<BernoulliLinearParams> {
  const c = k[C.bc]?.value ?? 1;
  const c2 = k[C.bc2]?.value ?? 100;
  const dHi = profile === 'smoke' ? 5 : 6;
  const learner = fc.constantFrom('mean', 'sign', 'soft');
  const fT = fc.record({ fT: unit(0, 1), epsT: unit(0, 0.999).map(round6) });
  const main = fc
    .record({ d: dExpArb(2, dHi), ratio: unit(0.3, 1.95).map(round6), fn: unit(0, 1), learner, t: fT })
    .map(({ d, ratio, fn, learner: l, t }) => {
      const tau = ceil6(c * Math.pow(d, -0.25));
      const nMax = Math.floor(bLinearMainBound(c2, d, ratio * tau, GAMMA));
      return {
        form: 'main',
        d,
        tau,
        ratio,
        n: Math.max(1, Math.ceil(fn * nMax)),
        learner: l,
        tauT: Math.min(0.5, ceil6(tau * (1 + t.fT))),
        epsT: t.epsT,
        scaling: 'sign',
        gamma: GAMMA,
      };
    })
    .filter((p) => p.n <= bLinearMainBound(c2, p.d, p.ratio * p.tau, GAMMA) && p.tau <= 0.25);
  const thm31 = fc
    .record({ d: dExpArb(2, dHi), ratio: unit(0.3, 2.95).map(round6), fn: unit(0, 1), learner, t: fT })
    .map(({ d, ratio, fn, learner: l, t }) => {
      // n ≥ 1 needs τ ≤ ratio·γ/√(5000 log(4d/γ)).
      const tau = floor6(((ratio * GAMMA) / Math.sqrt(5000 * Math.log((4 * d) / GAMMA))) * (0.2 + 0.8 * fn));
      const tauT = Math.min(0.5, ceil6(c * Math.pow(d, -0.25) * (1 + t.fT)));
      return {
        form: 'thm31',
        d,
        tau,
        ratio,
        n: Math.max(1, Math.floor(thm31Bound(d, tau, ratio * tau, GAMMA))),
        learner: l,
        tauT,
        epsT: t.epsT,
        scaling: 'sign',
        gamma: GAMMA,
      };
    })
    .filter((p) => p.tau > 0 && p.n <= thm31Bound(p.d, p.tau, p.ratio * p.tau, GAMMA) && p.n <= 1e6);
  return fc.oneof({ arbitrary: main, weight: 3 }, { arbitrary: thm31, weight: 1 });
}

function bLinearValidate(p: BernoulliLinearParams, k: ConstantsTable): string | null {
  const c = requireConstant(k, C.bc);
  const base = first(
    oneOf('form', p.form, ['main', 'thm31']),
    inInt('d', p.d, 100, 1e6),
    oneOf('learner', p.learner, ['mean', 'sign', 'soft']),
    inReal('tauT', p.tauT, c * Math.pow(p.d, -0.25), 0.5),
    inReal('epsT', p.epsT, 0, 0.999999),
    oneOf('scaling', p.scaling, ['sign']),
  );
  if (base) return base;
  if (p.form === 'main') {
    const c2 = requireConstant(k, C.bc2);
    return first(
      inReal('tau', p.tau, c * Math.pow(p.d, -0.25), c * Math.pow(p.d, -0.25) + 1e-6),
      inReal('ratio', p.ratio, 0, 1.999999),
      p.n <= bLinearMainBound(c2, p.d, p.ratio * p.tau, p.gamma) + 1e-9
        ? null
        : `n must be ≤ c2 ε²γ²d/log(d/γ) = ${bLinearMainBound(c2, p.d, p.ratio * p.tau, p.gamma).toFixed(3)}, got ${p.n}`,
    );
  }
  return first(
    inReal('tau', p.tau, 1e-12, 0.25),
    inReal('ratio', p.ratio, 0, 2.999999),
    p.n <= thm31Bound(p.d, p.tau, p.ratio * p.tau, p.gamma) + 1e-9 ? null : `n must be ≤ ε²γ²/(5000τ⁴ log(4d/γ)), got ${p.n}`,
  );
}

const bLinearHyp = {
  describe: (profile: Profile) => ({
    form: 'main (τ = c·d^{−1/4}, ε = ratio·τ < 2τ, n ≤ c2 ε²γ²d/log(d/γ)) | thm31 (τ ≤ ¼, ε < 3τ, n ≤ ε²γ²/(5000τ⁴ log(4d/γ)); non-empty only for tiny τ)',
    d: `[10², 10^${profile === 'smoke' ? 5 : 6}]`,
    learner: 'mean | sign of mean | soft-thresholded mean',
    threshold: 'f∘T with one sample, τ_T ∈ [c·d^{−1/4}, 2c·d^{−1/4}], ε_T ∈ [0, 1)',
    gamma: String(GAMMA),
  }),
  arbitrary: bLinearArb,
  validate: bLinearValidate,
};

function bSignNStar(d: number, tau: number, eps: number, learner: 'sign' | 'threshold', rng: Stream, ctx: DecisionContext): number {
  if (learner === 'threshold') {
    const r = findThreshold({
      event: (n, rr) => bernoulliThresholdedOk(rr, d, tau, Math.min(eps, 0.999)),
      p0: 0.9,
      delta: 0.05,
      alpha: ctx.alpha,
      beta: ctx.beta,
      cap: ctx.budget.trials,
      rng,
      lo: 1,
      hi: 1,
      integer: true,
    });
    return r.holdsAt ?? 2;
  }
  const r = findThreshold({
    event: (n, rr) => bernoulliRobustOk(rr, d, tau, n, eps, 'sign'),
    p0: 0.9,
    delta: 0.05,
    alpha: ctx.alpha,
    beta: ctx.beta,
    cap: ctx.budget.trials,
    rng,
    lo: 1,
    hi: 1 << 20,
    integer: true,
  });
  return r.holdsAt ?? 1 << 21;
}

const bLinearChecks = {
  lower: probabilityCheck<BernoulliLinearParams>({
    name: 'linear-robust-error-large',
    describe: 'P[fresh test point robustly misclassified by the linear learner] ≥ ½ − γ, ε = ratio·τ; margin Σ_g v_g(2A_g − k_g) − ε‖w‖₁ sampled exactly',
    target: (p) => 0.5 - p.gamma,
    delta: 0.05,
    event: (p, rng) => bernoulliRobustMistake(rng, p.d, p.tau, p.n, p.ratio * p.tau, p.learner as LearnerName),
  }),
  grows: scalingCheck<BernoulliLinearParams>({
    name: 'linear-nstar-grows-with-d',
    describe:
      'log n*(d) against log d, n* = smallest n with exact robust error of sign(ŵ) ≤ 1% w.p. ≥ 0.9, τ = c·d^{−1/4}, ε = min(ratio, 1.5)·τ: slope in [0.2, 1]',
    grid: (p, ctx) => (ctx.profile === 'smoke' ? [1e4, 1e5, 1e6] : [1e3, 1e4, 1e5, 1e6]),
    sample: (p, d, rng, ctx) => {
      const tau = requireConstant(ctx.constants, C.bc) * Math.pow(d, -0.25);
      return bSignNStar(d, tau, Math.min(1.5, Math.max(0.3, p.ratio)) * tau, p.scaling === 'threshold' ? 'threshold' : 'sign', rng, ctx);
    },
    replicates: (p, ctx) => ctx.budget.replicates ?? 2,
    range: [0.2, 1],
    quantity: 'n*',
    sizeName: 'd',
  }),
  thresholdRobust: probabilityCheck<BernoulliLinearParams>({
    name: 'threshold-one-sample-robust',
    describe: 'P[robust error of f_yx∘T ≤ 1% at ε_T] ≥ 1 − γ, one sample, τ_T ≥ c·d^{−1/4} (exact: equals the standard error for ε < 1)',
    target: (p) => 1 - p.gamma,
    delta: 0.05,
    event: (p, rng) => bernoulliThresholdedOk(rng, p.d, p.tauT, p.epsT),
  }),
  thresholdExact: deterministicCheck<BernoulliLinearParams>({
    name: 'threshold-robust-equals-standard',
    describe:
      'explicit draw (d ≤ 2000): T(x′) = T(x) for the linear worst case and a random vertex of the ε_T-ball, and the exact robust error of f∘T equals its standard error',
    check: (p, rng) => {
      const d = Math.min(p.d, 2000);
      const theta = bernoulliTheta(rng.child('theta'), d);
      const train = sampleBernoulliData(rng.child('train'), theta, p.tauT, 1);
      const w = meanSum(train);
      const test = sampleBernoulliData(rng.child('test'), theta, p.tauT, 1);
      const x = test.X;
      const y = test.y[0];
      let changed = 0;
      const perturbations = [linfWorstCase(w, x, y, p.epsT), x.map((v) => v + p.epsT * rng.sign())];
      for (const xp of perturbations) {
        const t = thresholdInput(xp);
        for (let j = 0; j < d; j++) if (t[j] !== x[j]) changed++;
      }
      const g = bernoulliLearnerGroups('mean', levelCountsOf(alignedCounts(train, theta), 1), 0);
      // Agreeing / disagreeing coordinates (w_j θ*_j > 0 / < 0) with θ*_j = +1: needed at ε_T = 1.
      const split = { agreePos: 0, disagreePos: 0 };
      for (let j = 0; j < d; j++) {
        if (theta[j] < 0) continue;
        if (w[j] > 0) split.agreePos++;
        else if (w[j] < 0) split.disagreePos++;
      }
      const diff = Math.abs(bernoulliThresholdedRobustError(g, p.tauT, p.epsT, split) - bernoulliSignWeightsError(g, p.tauT, 0));
      return {
        ok: changed === 0 && diff <= 1e-12,
        measured: changed + diff,
        bound: 1e-12,
        detail: `${changed} thresholded coordinates changed; |robust − standard| = ${diff}`,
      };
    },
  }),
};

export const bernoulliLinearVsThreshold = defineClaim<BernoulliLinearParams>({
  id: 'schmidt.bernoulli-linear-vs-threshold',
  paper: 'schmidt',
  statement:
    'Bernoulli model (Thm 9/31, Thm 10): with τ = c·d^{−1/4} and ε < 2τ, the linear learners (mean, sign of mean, soft-thresholded mean) have expected ℓ∞ robust error ≥ ½ − γ at n ≤ c2 ε²γ²d/log(d/γ) (explicit Thm 31: τ ≤ ¼, ε < 3τ, n ≤ ε²γ²/(5000τ⁴ log(4d/γ))), and their n* grows with d; f∘T (threshold, then classify) with one sample has robust error ≤ 1% for every ε < 1, equal to its standard error.',
  hypotheses: bLinearHyp,
  checks: [bLinearChecks.lower, bLinearChecks.grows, bLinearChecks.thresholdRobust, bLinearChecks.thresholdExact],
  controls: [
    control(
      'threshold-eps-at-least-one',
      'f∘sign at ε ∈ [1, 1.5]: every sign pattern (ε > 1) or every upward flip (ε = 1) is reachable, so robustness must fail',
      (profile, k) => bLinearArb(profile, k).map((p) => ({ ...p, epsT: round6(1 + 0.5 * (p.epsT % 1)) })),
      [bLinearChecks.thresholdRobust, bLinearChecks.thresholdExact],
    ),
    control(
      'linear-many-samples',
      'linear learners with n = 20·√d/c² samples at ε = τ (far above the bound): the robust error falls below ½ − γ, so the lower bound must be rejected',
      (profile, k) =>
        fc.record({ d: dExpArb(3, 4), learner: fc.constantFrom('mean', 'sign') }).map(({ d, learner }) => {
          const c = k[C.bc]?.value ?? 1;
          const tau = ceil6(c * Math.pow(d, -0.25));
          return { form: 'main', d, tau, ratio: 1, n: Math.ceil((20 * Math.sqrt(d)) / (c * c)), learner, tauT: tau, epsT: 0.5, scaling: 'sign', gamma: GAMMA };
        }),
      [bLinearChecks.lower],
    ),
    control(
      'threshold-nstar-does-not-grow',
      'the scaling check applied to f∘T (n* = 1 at every d): a flat n* must be rejected by "grows with d"',
      (profile, k) => bLinearArb(profile, k).map((p) => ({ ...p, scaling: 'threshold', epsT: 0.5 })),
      [bLinearChecks.grows],
    ),
  ],
  constants: [C.bc, C.bc2],
  calibrations: [bernoulliC2Calibration],
  profiles: budgets(
    { configurations: 2, trials: 200, replicates: 2, controlConfigurations: 1 },
    { configurations: 4, trials: 400, replicates: 4, controlConfigurations: 2 },
    { configurations: 20, trials: 3000, replicates: 6 },
  ),
  notes:
    'Exact errors for weights in a·{−1, 0, 1} (ŵ = yx, sign(ŵ)) via the CDF of a sum of two binomials; for general weights (mean of n ≥ 2, soft-thresholded) the expected robust error is estimated by sampling the fresh test point’s margin exactly (a sum of independent two-valued terms, O(#distinct weights) binomial draws). The explicit Thm 31 regime (n ≥ 1) exists only for τ ≲ 10⁻³ at accessible d, where even the standard error is ≈ ½: it is checked as stated but is nearly vacuous. The n* scaling uses sign(ŵ) (exact) at ε = min(ratio, 1.5)·τ.',
});

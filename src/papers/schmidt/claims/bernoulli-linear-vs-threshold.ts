import { budgets } from '#core/claim/budgets.js';
import { requireConstant } from '#core/claim/constants.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { deterministicCheck } from '#core/checks/deterministic.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { scalingCheck } from '#core/checks/scaling.js';
import { defineSpace, derived, fixed, int, oneOf, real, unionSpace, type PointOf, type SpaceContext } from '#core/space/index.js';
import { alignedCounts, bernoulliTheta, levelCountsOf, sampleBernoulliData } from '../model/bernoulliModel.js';
import { bernoulliSignWeightsError, bernoulliThresholdedRobustError } from '../model/errors.js';
import { bernoulliLearnerGroups, meanSum, thresholdInput } from '../model/learners.js';
import { linfWorstCase } from '../model/linfLinear.js';
import { bernoulliRobustMistake, bernoulliThresholdedOk } from '../model/schmidtTrials.js';
import { bernoulliC2Calibration } from './shared/bernoulliCalibrations.js';
import { C } from './shared/constantNames.js';
import type { WithControlValues } from './shared/controlValues.js';
import { ceil6, round6 } from './shared/rounding.js';
import { GAMMA } from './shared/settings.js';
import { bSignNStar } from './shared/thresholdSearch.js';

const bLinearMainBound = (c2: number, d: number, eps: number, gamma: number): number => (c2 * eps * eps * gamma * gamma * d) / Math.log(d / gamma);
const thm31Bound = (d: number, tau: number, eps: number, gamma: number): number => (eps * eps * gamma * gamma) / (5000 * tau ** 4 * Math.log((4 * d) / gamma));

type D = SpaceContext<{ d: number }>;
type Tau = SpaceContext<{ tau: number }>;
const dMax = (c: SpaceContext): number => (c.profile === 'smoke' ? 1e5 : 1e6);
/** τ = c·d^{−1/4}, c = schmidt.bernoulli.c (calibrated; 1 before calibration). */
const tauEdge = (c: D): number => c.constant(C.bc, 1) * c.p.d ** -0.25;
/** Thm 31's regime n ≥ 1 needs τ ≤ ratio·γ/√(5000 log(4d/γ)). */
const thm31TauMax = (c: SpaceContext<{ d: number; ratio: number }>): number => (c.p.ratio * GAMMA) / Math.sqrt(5000 * Math.log((4 * c.p.d) / GAMMA));
const learner = oneOf(['mean', 'sign', 'soft'], { labels: { sign: 'sign of mean', soft: 'soft-thresholded mean' } });
/** f∘T part: ε_T ∈ [0, 0.999] (one sample, τ_T ∈ [c·d^{−1/4}, 2c·d^{−1/4}]). */
const epsT = real({ min: 0, max: 0.999, digits: 6 });

/** main: τ = c·d^{−1/4} ≤ ¼, ε = ratio·τ < 2τ, n ≤ c2 ε²γ²d/log(d/γ); thm31: τ ≤ ¼, ε < 3τ, n = ⌊ε²γ²/(5000τ⁴ log(4d/γ))⌋ ≥ 1; drawn 3 : 1. */
const bLinearSpace = unionSpace([
  {
    label: 'main',
    weight: 3,
    space: defineSpace(
      {
        form: fixed('main'),
        d: int({ min: 100, max: dMax, scale: 'log' }),
        tau: derived((c: D) => ceil6(tauEdge(c)), { formula: 'τ = c·d^{−1/4} (rounded up to 10⁻⁶)' }),
        ratio: real({ min: 0.3, max: 1.95, digits: 6, describe: 'ε = ratio·τ, ratio ∈ [0.3, 1.95]' }),
        n: int({
          min: 1,
          max: (c: SpaceContext<{ d: number; tau: number; ratio: number }>) =>
            Math.max(1, Math.floor(bLinearMainBound(c.constant(C.bc2, 100), c.p.d, c.p.ratio * c.p.tau, GAMMA))),
          describe: 'n ≤ c2 ε²γ²d/log(d/γ) (calibrated c2)',
        }),
        learner,
        tauT: real({ min: (c: Tau) => c.p.tau, max: (c: Tau) => Math.min(0.5, 2 * c.p.tau), digits: 6, describe: '[τ, min(½, 2τ)]' }),
        epsT,
        scaling: fixed('sign'),
        gamma: fixed(GAMMA),
      },
      {
        constraints: [
          {
            name: 'main-n-bound',
            check: (p, c) => {
              const bound = bLinearMainBound(c.constant(C.bc2, 100), p.d, p.ratio * p.tau, GAMMA);
              return p.n <= bound ? null : `n must be ≤ c2 ε²γ²d/log(d/γ) = ${bound.toFixed(3)}, got ${p.n}`;
            },
          },
          { name: 'main-tau-at-most-quarter', check: (p) => (p.tau <= 0.25 ? null : `tau = c·d^{−1/4} must be ≤ ¼, got ${p.tau} (d = ${p.d})`) },
        ],
      },
    ),
  },
  {
    label: 'thm31',
    space: defineSpace(
      {
        form: fixed('thm31'),
        d: int({ min: 100, max: dMax, scale: 'log' }),
        ratio: real({ min: 0.3, max: 2.95, digits: 6, describe: 'ε = ratio·τ, ratio ∈ [0.3, 2.95]' }),
        tau: real({ min: (c) => 0.2 * thm31TauMax(c), max: thm31TauMax, digits: 6, describe: '[0.2, 1]·ratio·γ/√(5000 log(4d/γ))' }),
        n: derived(
          (c: SpaceContext<{ d: number; ratio: number; tau: number }>) => Math.max(1, Math.floor(thm31Bound(c.p.d, c.p.tau, c.p.ratio * c.p.tau, GAMMA))),
          { formula: 'n = ⌊ε²γ²/(5000τ⁴ log(4d/γ))⌋' },
        ),
        learner,
        tauT: real({ min: tauEdge, max: (c: D) => Math.min(0.5, 2 * tauEdge(c)), digits: 6, describe: '[c·d^{−1/4}, min(½, 2c·d^{−1/4})]' }),
        epsT,
        scaling: fixed('sign'),
        gamma: fixed(GAMMA),
      },
      {
        constraints: [
          {
            name: 'thm31-n-bound',
            check: (p) => {
              const bound = thm31Bound(p.d, p.tau, p.ratio * p.tau, GAMMA);
              return p.n <= bound ? null : `n must be ≤ ε²γ²/(5000τ⁴ log(4d/γ)) = ${bound.toFixed(3)}, got ${p.n}`;
            },
          },
        ],
      },
    ),
  },
]);

export type BernoulliLinearParams = WithControlValues<PointOf<typeof bLinearSpace>, { scaling: 'threshold' }>;

/** The control's configurations: the linear learners with n = ⌈20√d/c²⌉ at ε = τ = c·d^{−1/4}, d ∈ [10³, 10⁴]. */
const linearManySamples = defineSpace({
  form: fixed('main'),
  d: int({ min: 1000, max: 1e4, scale: 'log' }),
  tau: derived((c: D) => ceil6(tauEdge(c)), { formula: 'τ = c·d^{−1/4} (rounded up to 10⁻⁶)' }),
  ratio: fixed(1),
  n: derived((c: D) => Math.ceil((20 * Math.sqrt(c.p.d)) / c.constant(C.bc, 1) ** 2), { formula: 'n = ⌈20√d/c²⌉' }),
  learner: oneOf(['mean', 'sign']),
  tauT: derived((c: Tau) => c.p.tau, { formula: 'τ_T = τ' }),
  epsT: fixed(0.5),
  scaling: fixed('sign'),
  gamma: fixed(GAMMA),
});

const bLinearChecks = {
  lower: probabilityCheck<BernoulliLinearParams>({
    name: 'linear-robust-error-large',
    describe: 'P[fresh test point robustly misclassified by the linear learner] ≥ ½ − γ, ε = ratio·τ; margin Σ_g v_g(2A_g − k_g) − ε‖w‖₁ sampled exactly',
    target: (p) => 0.5 - p.gamma,
    delta: 0.05,
    event: (p, rng) => bernoulliRobustMistake(rng, p.d, p.tau, p.n, p.ratio * p.tau, p.learner),
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
      'explicit draw (d ≤ 2000): T(x′) = T(x) for the linear worst case and a random vertex of the ε_T-ball, and the exact robust error of f∘T ' +
      'equals its standard error',
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
    'Bernoulli model (Thm 9/31, Thm 10): with $\\tau = c\\,d^{-1/4}$ and $\\varepsilon < 2\\tau$, the linear learners (mean, sign of mean, ' +
    'soft-thresholded mean) have expected $\\ell_\\infty$ robust error ≥ ½ − γ at $n \\le c_2\\varepsilon^2\\gamma^2 d/\\log(d/\\gamma)$ ' +
    '(explicit Thm 31: $\\tau \\le \\tfrac14$, $\\varepsilon < 3\\tau$, $n \\le \\varepsilon^2\\gamma^2/(5000\\tau^4\\log(4d/\\gamma))$), and ' +
    'their n* grows with d; $f\\circ T$ (threshold, then classify) with one sample has robust error ≤ 1% for every ε < 1, equal to its ' +
    'standard error.',
  hypotheses: bLinearSpace.hypotheses(),
  checks: [bLinearChecks.lower, bLinearChecks.grows, bLinearChecks.thresholdRobust, bLinearChecks.thresholdExact],
  controls: [
    overrideControl<BernoulliLinearParams>(
      'threshold-eps-at-least-one',
      'f∘sign at ε ∈ [1, 1.5]: every sign pattern (ε > 1) or every upward flip (ε = 1) is reachable, so robustness must fail',
      bLinearSpace.hypotheses(),
      (p) => ({ ...p, epsT: round6(1 + 0.5 * (p.epsT % 1)) }),
      [bLinearChecks.thresholdRobust, bLinearChecks.thresholdExact],
    ),
    {
      id: 'linear-many-samples',
      description:
        'linear learners with n = 20·√d/c² samples at ε = τ (far above the bound): the robust error falls below ½ − γ, so the lower bound must be rejected',
      arbitrary: linearManySamples.arbitrary,
      checks: [bLinearChecks.lower],
    },
    overrideControl<BernoulliLinearParams>(
      'threshold-nstar-does-not-grow',
      'the scaling check applied to f∘T (n* = 1 at every d): a flat n* must be rejected by "grows with d"',
      bLinearSpace.hypotheses(),
      { scaling: 'threshold', epsT: 0.5 },
      [bLinearChecks.grows],
    ),
  ],
  constants: [C.bc, C.bc2],
  calibrations: [bernoulliC2Calibration],
  profiles: budgets(
    { configurations: 2, trials: 400, replicates: 2, controlConfigurations: 1, design: 'levels' },
    { configurations: 4, trials: 400, replicates: 4, controlConfigurations: 2, design: 'levels' },
    { configurations: 20, trials: 3000, replicates: 6 },
  ),
  notes:
    'Exact errors for weights in a·{−1, 0, 1} (ŵ = yx, sign(ŵ)) via the CDF of a sum of two binomials; for general weights (mean of n ≥ 2, ' +
    'soft-thresholded) the expected robust error is estimated by sampling the fresh test point’s margin exactly (a sum of independent two-valued ' +
    'terms, O(#distinct weights) binomial draws). The explicit Thm 31 regime (n ≥ 1) exists only for τ ≲ 10⁻³ at accessible d, where even the ' +
    'standard error is ≈ ½: it is checked as stated but is nearly vacuous. The n* scaling uses sign(ŵ) (exact) at ε = min(ratio, 1.5)·τ.',
});

import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Check, DecisionContext } from '#core/claim/types.js';
import { deterministicCheck, type DeterministicResult } from '#core/checks/deterministic.js';
import { sharedTrial } from '#core/checks/experiment.js';
import { identityCheck } from '#core/checks/identity.js';
import type { Stream } from '#core/random/stream.js';
import { defineSpace, fixed, int, oneOf, real, type PointOf, type SpaceContext } from '#core/space/index.js';
import { normalCdf } from '#core/stats/normal.js';
import { linearStats, gaussianRobustError, gaussianStandardError } from '../model/errors.js';
import { gaussianTheta, sampleGaussianData } from '../model/gaussianModel.js';
import { gaussianLearner, meanSum } from '../model/learners.js';
import { linearModel, linfWorstCase, linfWorstMargin, pgdLinf } from '../model/linfLinear.js';
import type { WithControlValues } from './shared/controlValues.js';

/** Test points per trial (averaging m indicators per drawn w reduces the variance of the identity). */
const CF_POINTS = 16;

interface CfDraw {
  w: Float64Array | null;
  theta: Float64Array;
  points: Array<{ x: Float64Array; y: number }>;
}

function cfDraw(p: ClosedFormParams, rng: Stream): CfDraw {
  const theta = gaussianTheta(rng.child('theta'), p.d, p.theta);
  const data = sampleGaussianData(rng.child('train'), theta, p.sigma, p.n);
  const w = gaussianLearner(p.learner, meanSum(data), p.n, p.sigma, p.eps);
  const test = sampleGaussianData(rng.child('test'), theta, p.sigma, CF_POINTS);
  const points = Array.from({ length: CF_POINTS }, (_, i) => ({ x: test.X.subarray(i * p.d, (i + 1) * p.d) as Float64Array, y: test.y[i] }));
  return { w, theta, points };
}

/** Closed forms of the draw's w (the "l2-norm" formula is the control's broken variant). */
function cfClosed(p: ClosedFormParams, dr: CfDraw): { standard: number; robust: number } {
  if (!dr.w) return { standard: 0.5, robust: 0.5 };
  const s = linearStats(dr.w, dr.theta);
  const robustStats = p.formula === 'l2-norm' ? { ...s, wNorm1: s.wNorm2 } : s;
  return { standard: gaussianStandardError(s, p.sigma), robust: gaussianRobustError(robustStats, p.sigma, p.eps) };
}

function cfMargin(w: Float64Array, x: Float64Array, y: number): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += w[j] * x[j];
  return y * s;
}

type CfMode = 'standard' | 'exact-worst-case' | 'generic-attack';

/**
 * One trial's results, shared by the claim's four checks (sharedTrial: one draw of θ*, the training set, w and
 * the 16 test points per trial, one PGD run per test point): the closed forms of w, the fractions of test points
 * in error (standard margin, exact worst case x − yε·sgn(w), PGD) and the deterministic check's outcome.
 * Without `attack` (the control, which only tests the exact worst case) PGD is not run.
 */
interface CfTrial {
  closed: { standard: number; robust: number };
  errors: Record<CfMode, number>;
  never: DeterministicResult;
}

function cfTrial(p: ClosedFormParams, rng: Stream, attack: boolean): CfTrial {
  const dr = cfDraw(p, rng);
  const closed = cfClosed(p, dr);
  const w = dr.w;
  const errs: Record<CfMode, number> = { standard: 0, 'exact-worst-case': 0, 'generic-attack': 0 };
  if (!w) {
    // constant +1: wrong exactly on y = −1, perturbed or not
    const e = dr.points.filter(({ y }) => y < 0).length / CF_POINTS;
    return { closed, errors: { standard: e, 'exact-worst-case': e, 'generic-attack': attack ? e : NaN }, never: { ok: true, measured: 0, bound: 1e-9 } };
  }
  const scale = linearStats(w, dr.theta).wNorm1 * (1 + p.eps) + 1;
  let worst = 0;
  let detail = '';
  // One stream for the trial's PGD random starts, consumed point after point (not one child stream per point).
  const pgdRng = rng.child('pgd');
  for (const [i, { x, y }] of dr.points.entries()) {
    if (cfMargin(w, x, y) <= 0) errs.standard++;
    const xp = linfWorstCase(w, x, y, p.eps);
    const attained = cfMargin(w, xp, y);
    if (attained <= 0) errs['exact-worst-case']++;
    if (!attack) continue;
    const generic = pgdLinf(linearModel(w), x, y, p.eps, { steps: 4, restarts: 2, rng: pgdRng }).margin;
    if (generic <= 0) errs['generic-attack']++;
    const exact = linfWorstMargin(w, x, y, p.eps);
    let inBall = 0;
    for (let j = 0; j < x.length; j++) inBall = Math.max(inBall, Math.abs(xp[j] - x[j]) - p.eps);
    const beat = exact - generic; // > 0: generic found a smaller margin
    const v = Math.max(beat, Math.abs(attained - exact), inBall * scale) / scale;
    if (v > worst) {
      worst = v;
      detail = `point ${i}: exact ${exact}, attained ${attained}, PGD ${generic}`;
    }
  }
  const errors: Record<CfMode, number> = {
    standard: errs.standard / CF_POINTS,
    'exact-worst-case': errs['exact-worst-case'] / CF_POINTS,
    'generic-attack': attack ? errs['generic-attack'] / CF_POINTS : NaN,
  };
  return { closed, errors, never: { ok: worst <= 1e-9, measured: worst, bound: 1e-9, detail } };
}

/** The configuration's shared trial t (with PGD: the claim's checks; without: the control's). */
const cfShared = (p: ClosedFormParams, t: number, ctx: DecisionContext, attack: boolean): CfTrial =>
  sharedTrial(ctx, attack ? 'closed-form' : 'closed-form-exact', t, (r) => cfTrial(p, r, attack));

/** Mean over the trial's test points of 1{error} − closed form. */
function cfSample(p: ClosedFormParams, t: number, ctx: DecisionContext, mode: CfMode, attack: boolean): number {
  const tr = cfShared(p, t, ctx, attack);
  return tr.errors[mode] - (mode === 'standard' ? tr.closed.standard : tr.closed.robust);
}

/** E|a + g|, g ~ N(0, 1): a(2Φ(a) − 1) + 2φ(a). */
const foldedMean = (a: number): number => a * (2 * normalCdf(a) - 1) + (2 * Math.exp(-0.5 * a * a)) / Math.sqrt(2 * Math.PI);

/** σ with √d/(σ√(1 + σ²/n)) = r, the typical ⟨w,θ*⟩/(σ‖w‖₂) of the mean learner: σ² = n(√(1 + 4d/(n r²)) − 1)/2. */
const sigmaAtRatio = (d: number, n: number, r: number): number => Math.sqrt((n * (-1 + Math.sqrt(1 + (4 * d) / (n * r * r)))) / 2);

/** ε_½ = 1/E|1 + (σ/√n) g|, the ε at which the mean learner's robust error is about ½. */
function epsHalf(sigma: number, n: number): number {
  const s = sigma / Math.sqrt(n);
  return 1 / (s * foldedMean(1 / s));
}

/**
 * Configurations where neither error is degenerate (the identity has power): σ with
 * √d/(σ√(1 + σ²/n)) = r ∈ [0.3, 2], ε ∈ [0, 1.5·ε_½].
 */
const closedFormParams = {
  d: int({ min: 2, max: 100 }),
  n: int({ min: 1, max: 10 }),
  sigma: real({
    min: (c: SpaceContext<{ d: number; n: number }>) => sigmaAtRatio(c.p.d, c.p.n, 2),
    max: (c: SpaceContext<{ d: number; n: number }>) => sigmaAtRatio(c.p.d, c.p.n, 0.3),
    scale: 'log',
    digits: 6,
    describe: 'σ with √d/(σ√(1+σ²/n)) ∈ [0.3, 2] (standard error ≈ Φ(−r) not degenerate)',
  }),
  eps: real({
    min: 0,
    max: (c: SpaceContext<{ n: number; sigma: number }>) => 1.5 * epsHalf(c.p.sigma, c.p.n),
    digits: 6,
    describe: '[0, 1.5]·ε_½, ε_½ = 1/E|1 + (σ/√n)g|',
  }),
  learner: oneOf(['mean', 'posterior', 'soft', 'sign']),
  theta: oneOf(['hypercube', 'spike'], { labels: { spike: 'spike (‖θ*‖₂ = √d)' } }),
  /** Closed form under test: the paper's (the control swaps in "l2-norm", ε‖w‖₂ instead of ε‖w‖₁). */
  formula: fixed('exact'),
};
const closedFormSpace = defineSpace(closedFormParams);

export type ClosedFormParams = WithControlValues<PointOf<typeof closedFormSpace>, { formula: 'l2-norm' }>;

/** The control's configurations: d ≥ 50 and ε > 0.05, where ε‖w‖₂ and ε‖w‖₁ differ enough to be seen. */
const wrongNormSpace = defineSpace(
  { ...closedFormParams, d: int({ min: 50, max: 100 }) },
  { constraints: [{ name: 'eps-visible', check: (p) => (p.eps > 0.05 ? null : `eps must be > 0.05, got ${p.eps}`) }] },
);

const cfCheck = (mode: CfMode, attack: boolean): Check<ClosedFormParams> =>
  identityCheck<ClosedFormParams>({
    name: `closed-form-${mode}`,
    describe:
      mode === 'standard'
        ? `E[mean of ${CF_POINTS} indicators 1{y⟨w,x⟩ ≤ 0}] − Φ(−⟨w,θ*⟩/(σ‖w‖₂)) = 0`
        : `E[mean of ${CF_POINTS} indicators 1{robust margin ≤ 0}] − Φ((ε‖w‖₁ − ⟨w,θ*⟩)/(σ‖w‖₂)) = 0, attack: ${mode === 'exact-worst-case' ? "x' = x − yε·sgn(w)" : 'PGD (sign gradient, 4 steps, 2 restarts)'}`,
    sample: (p, _rng, ctx, t) => cfSample(p, t, ctx, mode, attack),
    expected: () => 0,
    tolerance: () => 0.012,
  });

const cfChecks = (['standard', 'exact-worst-case', 'generic-attack'] as const).map((mode) => cfCheck(mode, true));

const cfGenericNeverBeats = deterministicCheck<ClosedFormParams>({
  name: 'generic-attack-never-beats-exact',
  describe: "for every test point: PGD's margin ≥ y⟨w,x⟩ − ε‖w‖₁ (the exact worst case, within float error), and x' = x − yε·sgn(w) attains it inside the ball",
  check: (p, _rng, ctx, t) => cfShared(p, t, ctx, true).never,
});

export const closedForms = defineClaim<ClosedFormParams>({
  id: 'schmidt.closed-forms',
  paper: 'schmidt',
  statement:
    'Gaussian model, fixed w: standard error $\\beta(w) = \\Phi(-\\langle w, \\theta^*\\rangle/(\\sigma\\|w\\|_2))$ and $\\ell_\\infty$ robust ' +
    "error $\\beta_\\varepsilon(w) = \\Phi((\\varepsilon\\|w\\|_1 - \\langle w, \\theta^*\\rangle)/(\\sigma\\|w\\|_2))$, the worst case being $x' = " +
    'x - y\\varepsilon\\,\\operatorname{sgn}(w)$; Monte-Carlo errors with the exact worst case and with a generic attack (PGD) agree with ' +
    'them, and the generic attack never beats the exact worst case.',
  hypotheses: closedFormSpace.hypotheses(),
  checks: [...cfChecks, cfGenericNeverBeats],
  controls: [
    overrideControl<ClosedFormParams>(
      'wrong-norm-in-closed-form',
      'robust closed form with ε‖w‖₂ in place of ε‖w‖₁ (a plausible slip): the Monte-Carlo robust error must reject it',
      wrongNormSpace.hypotheses(),
      { formula: 'l2-norm', learner: 'mean' },
      [cfCheck('exact-worst-case', false)],
    ),
  ],
  profiles: budgets(
    { configurations: 2, trials: 500, controlConfigurations: 3, design: 'levels' },
    { configurations: 4, trials: 1000, controlConfigurations: 3, design: 'levels' },
    { configurations: 20, trials: 10000 },
  ),
  notes:
    'Each trial draws θ*, n training points (naive n × d sampler), the learner’s w and 16 test points; the identity is E[mean indicator − closed ' +
    'form(w)] = 0, which holds for every w and so on average. The four checks read the same trials (one experiment per configuration: trial t ' +
    'is drawn once, with one PGD run per test point, and each check computes its statistic from it); the control draws its own, without PGD. The generic attack is projected sign-gradient descent from x and one random start; on ' +
    'a linear model it reaches the vertex x − yε·sgn(w), so its Monte-Carlo error must also match.',
});

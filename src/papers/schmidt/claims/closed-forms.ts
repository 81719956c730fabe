import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { deterministicCheck } from '#core/checks/deterministic.js';
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

/** Mean over the draw's test points of 1{error} − closed form. */
function cfSample(p: ClosedFormParams, rng: Stream, mode: CfMode): number {
  const dr = cfDraw(p, rng);
  const closed = cfClosed(p, dr);
  const w = dr.w;
  let errs = 0;
  dr.points.forEach(({ x, y }, i) => {
    if (!w) {
      errs += y < 0 ? 1 : 0; // constant +1
      return;
    }
    let m: number;
    if (mode === 'standard') m = cfMargin(w, x, y);
    else if (mode === 'exact-worst-case') m = cfMargin(w, linfWorstCase(w, x, y, p.eps), y);
    else m = pgdLinf(linearModel(w), x, y, p.eps, { steps: 4, restarts: 2, rng: rng.child('pgd', i) }).margin;
    if (m <= 0) errs++;
  });
  return errs / CF_POINTS - (mode === 'standard' ? closed.standard : closed.robust);
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

const cfChecks = (['standard', 'exact-worst-case', 'generic-attack'] as const).map((mode) =>
  identityCheck<ClosedFormParams>({
    name: `closed-form-${mode}`,
    describe:
      mode === 'standard'
        ? `E[mean of ${CF_POINTS} indicators 1{y⟨w,x⟩ ≤ 0}] − Φ(−⟨w,θ*⟩/(σ‖w‖₂)) = 0`
        : `E[mean of ${CF_POINTS} indicators 1{robust margin ≤ 0}] − Φ((ε‖w‖₁ − ⟨w,θ*⟩)/(σ‖w‖₂)) = 0, attack: ${mode === 'exact-worst-case' ? "x' = x − yε·sgn(w)" : 'PGD (sign gradient, 4 steps, 2 restarts)'}`,
    sample: (p, rng) => cfSample(p, rng, mode),
    expected: () => 0,
    tolerance: () => 0.012,
  }),
);

const cfGenericNeverBeats = deterministicCheck<ClosedFormParams>({
  name: 'generic-attack-never-beats-exact',
  describe: "for every test point: PGD's margin ≥ y⟨w,x⟩ − ε‖w‖₁ (the exact worst case, within float error), and x' = x − yε·sgn(w) attains it inside the ball",
  check: (p, rng) => {
    const dr = cfDraw(p, rng);
    if (!dr.w) return { ok: true, measured: 0, bound: 1e-9 };
    let worst = 0;
    let detail = '';
    const w = dr.w;
    const scale = linearStats(w, dr.theta).wNorm1 * (1 + p.eps) + 1;
    for (const [i, { x, y }] of dr.points.entries()) {
      const exact = linfWorstMargin(w, x, y, p.eps);
      const xp = linfWorstCase(w, x, y, p.eps);
      let inBall = 0;
      for (let j = 0; j < x.length; j++) inBall = Math.max(inBall, Math.abs(xp[j] - x[j]) - p.eps);
      const attained = Math.abs(cfMargin(w, xp, y) - exact);
      const generic = pgdLinf(linearModel(w), x, y, p.eps, { steps: 4, restarts: 2, rng: rng.child('pgd', i) }).margin;
      const beat = exact - generic; // > 0: generic found a smaller margin
      const v = Math.max(beat, attained, inBall * scale) / scale;
      if (v > worst) {
        worst = v;
        detail = `point ${i}: exact ${exact}, attained ${cfMargin(w, xp, y)}, PGD ${generic}`;
      }
    }
    return { ok: worst <= 1e-9, measured: worst, bound: 1e-9, detail };
  },
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
      [cfChecks[1]],
    ),
  ],
  profiles: budgets(
    { configurations: 2, trials: 500, controlConfigurations: 3, design: 'levels' },
    { configurations: 4, trials: 1000, controlConfigurations: 3, design: 'levels' },
    { configurations: 20, trials: 10000 },
  ),
  notes:
    'Each trial draws θ*, n training points (naive n × d sampler), the learner’s w and 16 test points; the identity is E[mean indicator − closed ' +
    'form(w)] = 0, which holds for every w and so on average. The generic attack is projected sign-gradient descent from x and one random start; on ' +
    'a linear model it reaches the vertex x − yε·sgn(w), so its Monte-Carlo error must also match.',
});

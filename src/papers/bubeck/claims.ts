import { overrideControl } from '../../core/claim/controls.js';
import { budgets } from '../../core/claim/budgets.js';
import fc from 'fast-check';
import { etaRel, flips, theoremStep, type GradientRay } from './model/oneStep.js';
import { gradientStability } from './model/gradientStability.js';
import { dot, norm2 } from '../../core/linalg/kernels.js';
import { activationNames, getActivation } from './model/activations.js';
import { sampleBubeckTrial, type BubeckMethod } from './model/bubeckSampler.js';
import { applyImplToSample, IMPLS, implScales, requireImpl } from './model/mutants.js';
import { etaRelative, type EtaSample } from './model/bubeckEta.js';
import { forward, inputGradient, sampleTwoLayerNet, type OutputWeights, type TwoLayerNet } from './model/twoLayer.js';
import { normalVector, spherePoint } from '../../core/random/samplers.js';
import type { Stream } from '../../core/random/stream.js';
import { clopperPearsonLower } from '../../core/stats/intervals.js';
import { ksOneSample } from '../../core/stats/ks.js';
import { quantile, quantileCi } from '../../core/stats/moments.js';
import { normalCdf } from '../../core/stats/normal.js';
import { normalExpectation } from '../../core/stats/normalExpectation.js';
import { requireConstant } from '../../core/claim/constants.js';
import { deterministicCheck } from '../../core/checks/deterministic.js';
import { identityCheck } from '../../core/checks/identity.js';
import { probabilityCheck } from '../../core/checks/probability.js';
import { scalingCheck } from '../../core/checks/scaling.js';
import type { Budget, Calibration, Check, Claim, ConstantsTable, Control, Figure, Hypotheses, Profile } from '../../core/claim/types.js';

/**
 * Bubeck, Cherapanamjeri, Gidel, Tachet des Combes (NeurIPS 2021): a single gradient step finds
 * adversarial examples on random two-layer networks f(x) = k^{-1/2} Σ a_l σ(w_l·x),
 * w_l ~ N(0, I_d/d), a_l ~ U{±1} (variant N(0, 1)), x ∈ √d·S^{d−1} (variant x ~ N(0, I_d)).
 */
export interface BubeckParams {
  [key: string]: number | string | boolean;
  d: number;
  k: number;
  activation: string;
  outputWeights: OutputWeights;
  input: 'sphere' | 'gaussian';
  /** Failure probability γ the theorem allows. */
  gamma: number;
  /** Net implementation ("reference" or a deliberately broken one from src/papers/bubeck/model/mutants.ts). */
  impl: string;
  /** −1: the theorem's sign(η) = −sign f(x); +1: the wrong sign (control). */
  stepSign: number;
  /** Multiplies C3 in the step (0.01 in the "step 100× too small" control) or C4 in the stability radius; 1 in the theorem. */
  stepScale: number;
}

const SMOOTH = ['tanh', 'softplus', 'sigmoid-centred', 'gelu'];
const GAMMAS = [0.02, 0.05, 0.1, 0.2];
const DEFAULTS = { outputWeights: 'rademacher', input: 'sphere', gamma: 0.05, impl: 'reference', stepSign: -1, stepScale: 1 } as const;

// ---- exact moments of the activation under z ~ N(0, 1) (quadrature, independent of the simulation) ----
const momentCache = new Map<string, number>();
function moment(name: string, which: 'f2' | 'df2' | 'df2z2'): number {
  const key = `${name}/${which}`;
  const hit = momentCache.get(key);
  if (hit !== undefined) return hit;
  const a = getActivation(name);
  const g = which === 'f2' ? (z: number) => a.f(z) ** 2 : which === 'df2' ? (z: number) => a.df(z) ** 2 : (z: number) => (a.df(z) * z) ** 2;
  const v = normalExpectation(g, Number.isFinite(a.smoothness));
  momentCache.set(key, v);
  return v;
}
/** E σ(z)², z ~ N(0, 1). */
export const eSigma2 = (act: string): number => moment(act, 'f2');
/** E σ′(z)². */
export const eDSigma2 = (act: string): number => moment(act, 'df2');
/** E[σ′(z)² z²]. */
export const eDSigma2Z2 = (act: string): number => moment(act, 'df2z2');

// ---- sampling ----
function sampleInput(rng: Stream, d: number, input: string): Float64Array {
  return input === 'gaussian' ? normalVector(rng, d) : spherePoint(rng, d);
}

interface Drawn {
  net: TwoLayerNet;
  x: Float64Array;
}
function draw(p: BubeckParams, rng: Stream): Drawn {
  const net = sampleTwoLayerNet(rng.child('net'), p.d, p.k, p.activation, p.outputWeights);
  return { net, x: sampleInput(rng.child('x'), p.d, p.input) };
}

/**
 * The gradient ray f, ‖∇f‖², t ↦ f(x + t∇f) of one trial, as implementation `p.impl` computes it.
 * Drawn with the exact dimension-free sampler (src/papers/bubeck/model/bubeckReduced.ts: same joint law as the
 * naive net, tested in properties/bubeck-reduced.test.ts); `method: 'naive'` uses the d-dimensional reference.
 */
function rayOf(p: BubeckParams, rng: Stream, method: BubeckMethod = 'reduced'): EtaSample & GradientRay {
  const s = sampleBubeckTrial({ d: p.d, k: p.k, activation: p.activation, outputWeights: p.outputWeights, input: p.input }, rng, { method });
  return applyImplToSample(s, requireImpl(p.impl), p.k);
}

/**
 * f(x) for sphere inputs by its exact law: u = Wx has iid N(0, 1) entries when ‖x‖ = √d, so
 * f = k^{-1/2} Σ a_l σ(u_l) — the same distribution as the naive net at O(k) (notes/dimension-free.md).
 */
function sampleOutputExact(p: BubeckParams, rng: Stream): number {
  const act = getActivation(p.activation);
  let s = 0;
  for (let l = 0; l < p.k; l++) {
    const a = p.outputWeights === 'gaussian' ? rng.normal() : rng.sign();
    s += a * act.f(rng.normal());
  }
  return (implScales(requireImpl(p.impl), p.k).fs * s) / Math.sqrt(p.k);
}

// ---- hypotheses ----
function inRange(name: string, v: number, lo: number, hi: number): string | null {
  return Number.isInteger(v) && v >= lo && v <= hi ? null : `${name} must be an integer in [${lo}, ${hi}], got ${v}`;
}

interface Regime {
  d: [number, number];
  k: [number, number];
  activations: readonly string[];
  outputWeights?: readonly OutputWeights[];
  inputs?: readonly ('sphere' | 'gaussian')[];
  gammas?: readonly number[];
}

/** Hypotheses over a (d, k, σ, a-law, x-law, γ) box; `regime` may depend on the profile and the calibrated constants. */
function boxHypotheses(regime: (profile: Profile, c: ConstantsTable, gamma: number) => Regime, extraValidate?: (p: BubeckParams, c: ConstantsTable) => string | null): Hypotheses<BubeckParams> {
  const arbitrary = (profile: Profile, c: ConstantsTable): fc.Arbitrary<BubeckParams> => {
    const r0 = regime(profile, c, DEFAULTS.gamma);
    return fc.constantFrom(...(r0.gammas ?? [DEFAULTS.gamma])).chain((gamma) => {
      const r = regime(profile, c, gamma);
      return fc.record({
        d: fc.integer({ min: r.d[0], max: r.d[1] }),
        k: fc.integer({ min: r.k[0], max: r.k[1] }),
        activation: fc.constantFrom(...r.activations),
        outputWeights: fc.constantFrom(...(r.outputWeights ?? (['rademacher'] as const))),
        input: fc.constantFrom(...(r.inputs ?? (['sphere'] as const))),
        gamma: fc.constant(gamma),
        impl: fc.constant('reference'),
        stepSign: fc.constant(-1),
        stepScale: fc.constant(1),
      });
    });
  };
  return {
    arbitrary,
    describe: (profile) => {
      const r = regime(profile, {}, DEFAULTS.gamma);
      return {
        d: `[${r.d[0]}, ${r.d[1]}]`,
        k: `[${r.k[0]}, ${r.k[1]}]`,
        activation: r.activations.join(' | '),
        outputWeights: (r.outputWeights ?? ['rademacher']).join(' | '),
        input: (r.inputs ?? ['sphere']).map((i) => (i === 'sphere' ? 'uniform on √d·S^{d−1}' : 'N(0, I_d)')).join(' | '),
        ...(r.gammas ? { gamma: r.gammas.join(' | ') } : {}),
      };
    },
    validate: (p, c) => {
      const r = regime('paper', c, p.gamma);
      const rs = regime('smoke', c, p.gamma);
      const lo = (i: 0 | 1, key: 'd' | 'k'): number => Math.min(r[key][i], rs[key][i]);
      const hi = (key: 'd' | 'k'): number => Math.max(r[key][1], rs[key][1], regime('standard', c, p.gamma)[key][1]);
      return (
        inRange('d', p.d, lo(0, 'd'), hi('d')) ??
        inRange('k', p.k, lo(0, 'k'), hi('k')) ??
        (activationNames.includes(p.activation) && !getActivation(p.activation).controlOnly ? null : `activation must be a non-constant registered activation, got "${p.activation}"`) ??
        (p.impl === 'reference' ? null : `impl must be "reference" inside the hypotheses (got "${p.impl}"; broken implementations are controls)`) ??
        (p.stepSign === -1 && p.stepScale === 1 ? null : `stepSign must be −1 and stepScale 1 (the theorem's step), got ${p.stepSign}, ${p.stepScale}`) ??
        (extraValidate ? extraValidate(p, c) : null)
      );
    },
  };
}

/** A control: the claim's configurations with some parameters overridden (a broken σ, step or implementation). */
function control(id: string, description: string, base: Hypotheses<BubeckParams>, override: Partial<BubeckParams>, restrict?: (p: BubeckParams) => BubeckParams, checks?: Check<BubeckParams>[]): Control<BubeckParams> {
  return overrideControl(id, description, base, restrict ? (p) => restrict({ ...p, ...override } as BubeckParams) : override, checks);
}

const logInv = (g: number): number => Math.log(1 / g);

// ---- regimes of the main theorem (C1, C2 calibrated) ----
function theoremRegime(profile: Profile, c: ConstantsTable, gamma: number, cap: number): Regime {
  const c1 = c['bubeck.C1']?.value ?? 1;
  const c2 = c['bubeck.C2']?.value ?? 1;
  const kMin = Math.ceil(c1 * logInv(gamma) ** 3);
  const kMax = Math.max(kMin, Math.min(cap, 4 * kMin));
  const dMin = Math.ceil(c2 * Math.log(kMax / gamma) * logInv(gamma));
  const dMax = Math.max(dMin, Math.min(cap, 4 * dMin));
  return {
    k: [kMin, kMax],
    d: [dMin, dMax],
    activations: SMOOTH,
    outputWeights: ['rademacher', 'gaussian'],
    inputs: ['sphere', 'gaussian'],
    gammas: profile === 'smoke' ? [0.05, 0.1] : GAMMAS,
  };
}
const theoremHypotheses = boxHypotheses((profile, c, gamma) => theoremRegime(profile, c, gamma, profile === 'paper' ? 1000 : 400));

/** k ≥ C1 log³(1/γ) and d ≥ C2 log(k/γ) log(1/γ), with the calibrated C1, C2. */
function theoremRegimeHolds(p: BubeckParams, c: ConstantsTable): string | null {
  const c1 = requireConstant(c, 'bubeck.C1');
  const c2 = requireConstant(c, 'bubeck.C2');
  if (p.k < c1 * logInv(p.gamma) ** 3) return `k must be ≥ C1·log³(1/γ) = ${(c1 * logInv(p.gamma) ** 3).toFixed(1)}, got ${p.k}`;
  const dMin = c2 * Math.log(p.k / p.gamma) * logInv(p.gamma);
  if (p.d < dMin) return `d must be ≥ C2·log(k/γ)·log(1/γ) = ${dMin.toFixed(1)}, got ${p.d}`;
  return null;
}

const c3Of = (c: ConstantsTable, act: string): number => requireConstant(c, `bubeck.C3.${act}`);
const c4Of = (c: ConstantsTable, act: string): number => requireConstant(c, `bubeck.C4.${act}`);

// ---- calibration (on the calibration stream only) ----
/** Smallest ratio t·‖∇f‖²/√log(1/γ) at which the theorem's step flips this trial (∞ if none up to 50). */
function requiredC3(ray: GradientRay, gamma: number): number {
  const e = etaRel(ray, 50, 0.01, 1e-6);
  return (e * Math.abs(ray.f)) / Math.sqrt(logInv(gamma));
}

function calibrateC3(act: string): Calibration {
  return {
    name: `bubeck.C3.${act}`,
    description: `C3 for σ = ${act}: the step η = C3·√log(1/γ)/‖∇f‖² flips w.p. ≥ 1−γ. Estimated as the max over γ ∈ {${GAMMAS.join(', ')}} of the (1 − γ/2)-quantile of η_rel·|f(x)|/√log(1/γ) at the regime boundary (k = ⌈C1 log³(1/γ)⌉, d = ⌈C2 log(k/γ)log(1/γ)⌉ with the calibrated C1, C2), sphere inputs, Rademacher a.`,
    estimate: (rng, profile, constants) => {
      const n = profile === 'smoke' ? 400 : 2000;
      let value = 0;
      let ci: [number, number] = [0, 0];
      for (const gamma of GAMMAS) {
        const p: BubeckParams = { ...DEFAULTS, ...boundary(requireConstant(constants, 'bubeck.C1'), requireConstant(constants, 'bubeck.C2'), gamma), activation: act, gamma };
        const req: number[] = [];
        for (let i = 0; i < n; i++) req.push(requiredC3(rayOf(p, rng.child(`C3/${gamma}`, i)), gamma));
        const v = quantile(req, 1 - gamma / 2);
        if (v > value) {
          value = v;
          ci = quantileCi(req, 1 - gamma / 2);
        }
      }
      return { value, ci, method: `max over γ of the empirical (1 − γ/2)-quantile, ${n} trials per γ` };
    },
  };
}

function calibrateC4(act: string): Calibration {
  return {
    name: `bubeck.C4.${act}`,
    description: `C4 for σ = ${act}: ‖η∇f‖ = C3√log(1/γ)/‖∇f‖ ≤ C4√log(1/γ) ⇔ ‖∇f‖ ≥ C3/C4. Estimated as C3 / (γ/2-quantile of ‖∇f‖) at the regime boundary, min over γ.`,
    estimate: (rng, profile, constants) => {
      const c3 = c3Of(constants, act);
      const n = profile === 'smoke' ? 400 : 2000;
      let value = 0;
      let ci: [number, number] = [0, 0];
      for (const gamma of GAMMAS) {
        const p: BubeckParams = { ...DEFAULTS, ...boundary(requireConstant(constants, 'bubeck.C1'), requireConstant(constants, 'bubeck.C2'), gamma), activation: act, gamma };
        const norms: number[] = [];
        for (let i = 0; i < n; i++) norms.push(Math.sqrt(rayOf(p, rng.child(`C4/${gamma}`, i)).gradNormSq));
        const v = c3 / quantile(norms, gamma / 2);
        if (v > value) {
          value = v;
          const [lo, hi] = quantileCi(norms, gamma / 2);
          ci = [c3 / hi, c3 / lo];
        }
      }
      return { value, ci, method: `C3 / empirical (γ/2)-quantile of ‖∇f‖, max over γ, ${n} trials per γ` };
    },
  };
}

/** Boundary of the main theorem's regime for γ: k = ⌈C1 log³(1/γ)⌉, d = ⌈C2 log(k/γ) log(1/γ)⌉. */
function boundary(c1: number, c2: number, gamma: number): { k: number; d: number } {
  const k = Math.ceil(c1 * logInv(gamma) ** 3);
  return { k, d: Math.max(2, Math.ceil(c2 * Math.log(k / gamma) * logInv(gamma))) };
}

function calibrateC1(): Calibration {
  return {
    name: 'bubeck.C1',
    description:
      'C1 of k ≥ C1 log³(1/γ): the smallest C1 on the grid {1, 2, 4, 8, 16} such that at the regime boundary (C2 = 1) the fraction of trials that no step η ∈ (0, 50] flips has a one-sided 95% Clopper–Pearson upper bound ≤ γ/4 (so the (1 − γ/2)-quantile defining C3 and its interval are finite), for every γ and smooth σ (below it, e.g. softplus nets with all a_l of one sign cannot flip at all).',
    estimate: (rng, profile) => {
      const n = profile === 'smoke' ? 300 : 1500;
      for (const c1 of [1, 2, 4, 8, 16]) {
        let ok = true;
        for (const gamma of GAMMAS) {
          for (const act of SMOOTH) {
            const p: BubeckParams = { ...DEFAULTS, ...boundary(c1, 1, gamma), activation: act, gamma };
            let stuck = 0;
            for (let i = 0; i < n; i++) if (!Number.isFinite(etaRel(rayOf(p, rng.child(`C1/${c1}/${gamma}/${act}`, i)), 50, 0.05, 1e-3))) stuck++;
            if (1 - clopperPearsonLower(n - stuck, n, 0.05) > gamma / 4) ok = false;
          }
          if (!ok) break;
        }
        if (ok) return { value: c1, ci: [c1 / 2, c1], method: `smallest C1 on the grid, ${n} trials per (γ, σ)` };
      }
      return { value: 32, ci: [16, 32], method: 'grid exhausted' };
    },
  };
}

function calibrateRegime(name: 'bubeck.C2' | 'bubeck.C-grad'): Calibration {
  return {
    name,
    description:
      name === 'bubeck.C-grad'
        ? 'C of "‖∇f‖² ≥ ½Eσ′(z)² w.p. ≥ 1−γ when k, d ≥ C log(1/γ)": the smallest C on the grid {1, 2, 4, 8, 16, 32} for which the one-sided 95% Clopper–Pearson lower bound of the event frequency at k = d = ⌈C log(1/γ)⌉ is ≥ 1 − γ for every γ and smooth σ.'
        : 'bubeck.C2: regime constant d ≥ C2 log(k/γ) log(1/γ) of the main theorem; fixed at 1 (the claims are then verified in that regime with the calibrated C1, C3, C4 on the independent stream; a violation there would call for a larger value).',
    estimate: (rng, profile) => {
      if (name !== 'bubeck.C-grad') return { value: 1, ci: [1, 1], method: 'fixed (see description)' };
      const n = profile === 'smoke' ? 300 : 1500;
      for (const C of [1, 2, 4, 8, 16, 32]) {
        let ok = true;
        for (const gamma of GAMMAS) {
          const size = Math.ceil(C * logInv(gamma));
          for (const act of SMOOTH) {
            const p: BubeckParams = { ...DEFAULTS, d: Math.max(2, size), k: size, activation: act, gamma };
            let s = 0;
            for (let i = 0; i < n; i++) if (gradientEvent(rayOf(p, rng.child(`Cg/${C}/${gamma}/${act}`, i)), act)) s++;
            if (clopperPearsonLower(s, n, 0.05) < 1 - gamma) ok = false;
          }
        }
        if (ok) return { value: C, ci: [C / 2, C], method: `smallest C on the grid with CP lower bound ≥ 1−γ, ${n} trials per (C, γ, σ)` };
      }
      return { value: 64, ci: [32, 64], method: 'grid exhausted' };
    },
  };
}

/** ‖∇f‖² ≥ ½ E σ′(z)² and ‖∇f‖ > 0 (Ω(1): a strictly positive lower bound). */
function gradientEvent(ray: GradientRay, act: string): boolean {
  return ray.gradNormSq > 0 && ray.gradNormSq >= 0.5 * eDSigma2(act);
}

// ---- claims ----
const momentHyp = boxHypotheses(() => ({ d: [2, 64], k: [1, 64], activations: [...SMOOTH, 'relu', 'identity'], outputWeights: ['rademacher', 'gaussian'] }));

const outputMoment: Claim<BubeckParams> = {
  id: 'bubeck.output-moment',
  paper: 'bubeck',
  statement: 'E f(x) = 0 and E f(x)² = E σ(z)² exactly, for every k and d (x uniform on √d·S^{d−1}).',
  hypotheses: momentHyp,
  checks: [
    identityCheck({
      name: 'mean',
      describe: 'Monte-Carlo mean of f(x) over nets and inputs equals 0',
      sample: (p, rng) => rayOf(p, rng).f,
      expected: () => 0,
      tolerance: (p) => 0.1 * Math.sqrt(eSigma2(p.activation)),
    }),
    identityCheck({
      name: 'second-moment',
      describe: 'Monte-Carlo mean of f(x)² equals E σ(z)² (Gauss–Hermite / Simpson quadrature)',
      sample: (p, rng) => rayOf(p, rng).f ** 2,
      expected: (p) => eSigma2(p.activation),
      tolerance: (p) => 0.1 * eSigma2(p.activation),
    }),
  ],
  controls: [control('forward-missing-inv-sqrt-k', 'f computed without the k^{-1/2} factor: E f² = k·E σ(z)²', momentHyp, { impl: 'forward-missing-inv-sqrt-k' }, (p) => ({ ...p, k: Math.max(p.k, 4) }))],
  profiles: budgets({ configurations: 3, trials: 1500 }, { configurations: 6, trials: 3000 }, { configurations: 20, trials: 20000 }),
  notes: 'Sphere inputs only: for x ~ N(0, I) the identity holds only after averaging over ‖x‖ for homogeneous σ.',
};

const scaleHyp = boxHypotheses(() => ({ d: [16, 128], k: [16, 128], activations: [...SMOOTH, 'relu'], outputWeights: ['rademacher', 'gaussian'], inputs: ['sphere', 'gaussian'] }));
const T_MULTS = [1.5, 2, 2.5, 3];

const outputScale: Claim<BubeckParams> = {
  id: 'bubeck.output-scale',
  paper: 'bubeck',
  statement:
    '|f(x)| = Θ(1): P(|f| > t) ≤ 2exp(−t²/(2C)) with C = E σ(z)² (the CLT variance) at t = m·√C, m ∈ {1.5, 2, 2.5, 3}; and the Kolmogorov–Smirnov distance of f to N(0, E σ(z)²) shrinks at least like k^{-1/2} (log-log slope in k ≤ −0.4).',
  hypotheses: scaleHyp,
  checks: [
    ...T_MULTS.map((m) =>
      probabilityCheck<BubeckParams>({
        name: `sub-gaussian-tail-${m}`,
        describe: `P(|f| ≤ ${m}·√C) ≥ 1 − 2exp(−${m}²/2)`,
        target: () => 1 - 2 * Math.exp(-(m * m) / 2),
        delta: () => Math.exp(-(m * m) / 2),
        event: (p, rng) => Math.abs(rayOf(p, rng).f) <= m * Math.sqrt(eSigma2(p.activation)),
      }),
    ),
    scalingCheck({
      name: 'ks-rate',
      describe: 'KS distance of f (exact law for sphere inputs, 20000 draws) to N(0, Eσ(z)²) over k ∈ {1, 2, 3, 4}: slope of log KS in log k ≤ −0.4 (tested range [−10, −0.4]: any faster rate is consistent with the bound)',
      grid: () => [1, 2, 3, 4],
      replicates: (_p, ctx) => ctx.budget.sizes?.ksReplicates ?? 3,
      sample: (p, k, rng, ctx) => {
        const m = ctx.budget.sizes?.ksDraws ?? 20000;
        const fs = new Float64Array(m);
        const q = { ...p, k, input: 'sphere' as const };
        for (let i = 0; i < m; i++) fs[i] = sampleOutputExact(q, rng);
        const s = Math.sqrt(eSigma2(p.activation));
        return ksOneSample(fs, (v) => normalCdf(v / s));
      },
      range: [-10, -0.4],
      quantity: 'KS distance',
      sizeName: 'k',
    }),
  ],
  controls: [],
  sizes: ['ksDraws', 'ksReplicates'],
  profiles: budgets(
    { configurations: 2, trials: 400, sizes: { ksDraws: 20000, ksReplicates: 3 } },
    { configurations: 4, trials: 1500, sizes: { ksDraws: 20000, ksReplicates: 3 } },
    { configurations: 12, trials: 5000, sizes: { ksDraws: 50000, ksReplicates: 5 } },
  ),
  notes:
    'Reading: Berry–Esseen gives KS = O(k^{-1/2}); the summands a_l σ(u_l) are symmetric, so the Edgeworth k^{-1/2} term vanishes and the measured rate is ≈ k^{-1}. We therefore test the rate as an upper bound (slope ≤ −0.4), not as an exact exponent. The KS noise floor (≈0.87/√draws) limits the grid to k ≤ 4.',
};

outputScale.controls.push(control('forward-missing-inv-sqrt-k', 'f without the k^{-1/2} factor: |f| grows like √k and the tail bound fails', scaleHyp, { impl: 'forward-missing-inv-sqrt-k' }, undefined, outputScale.checks.filter((c) => c.kind === 'probability')));

const gradMomentHyp = momentHyp;
const gradientMoment: Claim<BubeckParams> = {
  id: 'bubeck.gradient-moment',
  paper: 'bubeck',
  statement: 'E‖∇f(x)‖² = E[σ′(z)² z²]/d + E[σ′(z)²](d−1)/d exactly (x on √d·S^{d−1}).',
  hypotheses: gradMomentHyp,
  checks: [
    identityCheck({
      name: 'second-moment',
      describe: 'Monte-Carlo mean of ‖∇f‖² equals E[σ′(z)²z²]/d + E[σ′(z)²](d−1)/d (quadrature)',
      sample: (p, rng) => rayOf(p, rng).gradNormSq,
      expected: (p) => eDSigma2Z2(p.activation) / p.d + (eDSigma2(p.activation) * (p.d - 1)) / p.d,
      tolerance: (p) => 0.1 * (eDSigma2Z2(p.activation) / p.d + (eDSigma2(p.activation) * (p.d - 1)) / p.d),
    }),
  ],
  controls: [control('grad-missing-inv-sqrt-k', '∇f computed without the k^{-1/2} factor: E‖∇f‖² is k times too large', gradMomentHyp, { impl: 'grad-missing-inv-sqrt-k' }, (p) => ({ ...p, k: Math.max(p.k, 4) }))],
  profiles: budgets({ configurations: 3, trials: 1500 }, { configurations: 6, trials: 3000 }, { configurations: 20, trials: 20000 }),
};

const projHyp = boxHypotheses(() => ({ d: [2, 48], k: [1, 48], activations: [...SMOOTH, 'relu', 'identity'], outputWeights: ['rademacher', 'gaussian'], inputs: ['sphere', 'gaussian'] }));
const projection: Claim<BubeckParams> = {
  id: 'bubeck.projection',
  paper: 'bubeck',
  statement: '‖P∇f(x)‖ ≤ ‖∇f(x)‖ with P = I − xxᵀ/‖x‖²; the analytic ∇f = k^{-1/2} Σ a_l σ′(w_l·x) w_l matches central finite differences.',
  hypotheses: projHyp,
  checks: [
    deterministicCheck({
      name: 'projection-and-finite-differences',
      describe: '‖P∇f‖ ≤ ‖∇f‖(1 + 1e-12); |(f(x+hv) − f(x−hv))/2h − ∇f·v| ≤ 1e-6·(‖∇f‖ + |f|) for 3 random unit v, h = 1e-5 (ReLU: directions crossing a kink within h are excluded, where ∇f is not defined)',
      check: (p, rng) => {
        const { net, x } = draw(p, rng);
        const gs = implScales(requireImpl(p.impl), p.k).gs;
        const g = inputGradient(net, x);
        for (let j = 0; j < g.length; j++) g[j] *= gs;
        const gn = norm2(g);
        const xx = dot(x, x);
        const gx = dot(g, x);
        const pg = Math.sqrt(Math.max(0, gn * gn - (gx * gx) / xx));
        if (!(pg <= gn * (1 + 1e-12))) return { ok: false, measured: pg / gn, bound: 1, detail: `‖P∇f‖ = ${pg} > ‖∇f‖ = ${gn}` };
        const h = 1e-5;
        let worst = 0;
        const f0 = Math.abs(forward(net, x));
        for (let i = 0; i < 3; i++) {
          const v = spherePoint(rng.child('v', i), p.d, 1);
          if (!Number.isFinite(net.act.smoothness)) {
            let crosses = false;
            for (let l = 0; l < net.k && !crosses; l++) {
              let u = 0;
              let uv = 0;
              for (let j = 0; j < net.d; j++) {
                u += net.W[l * net.d + j] * x[j];
                uv += net.W[l * net.d + j] * v[j];
              }
              if (Math.abs(u) <= h * Math.abs(uv) * 1.01) crosses = true;
            }
            if (crosses) continue;
          }
          const xp = Float64Array.from(x, (xj, j) => xj + h * v[j]);
          const xm = Float64Array.from(x, (xj, j) => xj - h * v[j]);
          const fd = (forward(net, xp) - forward(net, xm)) / (2 * h);
          const err = Math.abs(fd - dot(g, v)) / (gn + f0 + 1e-300);
          worst = Math.max(worst, err);
        }
        return { ok: worst <= 1e-6, measured: worst, bound: 1e-6, detail: `max relative |FD − ∇f·v| = ${worst.toExponential(3)}` };
      },
    }),
  ],
  controls: [control('grad-missing-inv-sqrt-k', 'analytic ∇f without the k^{-1/2} factor: disagrees with finite differences', projHyp, { impl: 'grad-missing-inv-sqrt-k' }, (p) => ({ ...p, k: Math.max(p.k, 4), activation: p.activation === 'relu' ? 'tanh' : p.activation }))],
  profiles: budgets({ configurations: 4, trials: 10 }, { configurations: 12, trials: 30 }, { configurations: 50, trials: 100 }),
};

const gradLowerHyp = boxHypotheses((profile, c, gamma) => {
  const C = c['bubeck.C-grad']?.value ?? 4;
  const lo = Math.max(2, Math.ceil(C * logInv(gamma)));
  return { d: [lo, 4 * lo], k: [lo, 4 * lo], activations: SMOOTH, outputWeights: ['rademacher', 'gaussian'], inputs: ['sphere', 'gaussian'], gammas: profile === 'smoke' ? [0.05, 0.1] : GAMMAS };
}, (p, c) => {
  const C = requireConstant(c, 'bubeck.C-grad');
  return p.k >= C * logInv(p.gamma) && p.d >= C * logInv(p.gamma) ? null : `k and d must be ≥ C·log(1/γ) = ${(C * logInv(p.gamma)).toFixed(1)}, got k = ${p.k}, d = ${p.d}`;
});
const gradientLowerBound: Claim<BubeckParams> = {
  id: 'bubeck.gradient-lower-bound',
  paper: 'bubeck',
  statement: '‖∇f(x)‖² ≥ ½ E σ′(z)² (> 0) with probability ≥ 1 − γ when k, d ≥ C·log(1/γ), C calibrated.',
  hypotheses: gradLowerHyp,
  constants: ['bubeck.C-grad'],
  calibrations: [calibrateRegime('bubeck.C-grad')],
  checks: [
    probabilityCheck({
      name: 'lower-bound',
      describe: 'P(‖∇f‖² ≥ ½ E σ′(z)² and ‖∇f‖ > 0) ≥ 1 − γ',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma,
      event: (p, rng, _ctx, record) => {
        const ray = rayOf(p, rng);
        record({ gradNormSq: ray.gradNormSq, bound: 0.5 * eDSigma2(p.activation) });
        return gradientEvent(ray, p.activation);
      },
      summarise: (rows, p) => ({
        figures: [
          {
            id: 'grad-norm-sq',
            title: '‖∇f‖² against E σ′(z)² and the bound ½·E σ′(z)²',
            mark: 'histogram',
            x: 'gradNormSq',
            rules: [
              { x: eDSigma2(p.activation), label: `E σ′(z)² (${p.activation})` },
              { x: 0.5 * eDSigma2(p.activation), label: '½·E σ′(z)²' },
            ],
            data: rows.slice(0, 2000).map((r) => ({ gradNormSq: r.gradNormSq, bound: r.bound })),
          },
        ] as Figure[],
      }),
    }),
  ],
  controls: [control('constant-activation', 'σ ≡ 1: ∇f = 0, no positive lower bound', gradLowerHyp, { activation: 'constant' })],
  profiles: budgets({ configurations: 3, trials: 400 }, { configurations: 6, trials: 1500 }, { configurations: 20, trials: 10000 }),
};

const stabilityHyp = boxHypotheses((profile) => ({
  d: profile === 'smoke' ? [300, 400] : [400, 700],
  k: profile === 'smoke' ? [300, 400] : [400, 700],
  activations: SMOOTH,
  outputWeights: ['rademacher', 'gaussian'],
  gammas: [0.05, 0.1, 0.2],
}));
const rhoBelowHalf = probabilityCheck<BubeckParams>({
  name: 'rho-below-half',
  describe: 'P(ρ(C4√log(1/γ)) ≤ ½) ≥ 1 − γ',
  target: (p) => 1 - p.gamma,
  delta: (p) => p.gamma,
  event: (p, rng, ctx, record) => {
    const { net, x } = draw(p, rng);
    const R = p.stepScale * c4Of(ctx.constants, p.activation) * Math.sqrt(logInv(p.gamma));
    const { rho } = gradientStability(net, x, R, rng.child('attack'), { gradScale: implScales(requireImpl(p.impl), p.k).gs });
    record({ rho, R });
    return rho <= 0.5;
  },
  summarise: (rows) => ({ measured: { maxRho: Math.max(...rows.map((r) => r.rho)), R: rows[0]?.R ?? NaN } }),
});
const gradientStabilityClaim: Claim<BubeckParams> = {
  id: 'bubeck.gradient-stability',
  paper: 'bubeck',
  statement:
    'ρ(R) = sup_{‖δ‖≤R} ‖∇f(x+δ) − ∇f(x)‖/‖∇f(x)‖ ≤ ½ w.p. ≥ 1−γ for R = C4·√log(1/γ) at d, k ≥ 400; and ρ(3) shrinks like min(d, k)^{-1/2} (slope of log ρ in log d at d = k within [−0.65, −0.35]). ρ is estimated by projected gradient ascent from ±∇f and random starts: a lower estimate that can falsify.',
  hypotheses: stabilityHyp,
  constants: ['bubeck.C4.tanh', 'bubeck.C4.softplus', 'bubeck.C4.sigmoid-centred', 'bubeck.C4.gelu'],
  checks: [
    rhoBelowHalf,
    scalingCheck({
      name: 'rho-rate',
      describe: 'ρ(3) at d = k ∈ {200, 400, 800, 1600}: slope of log ρ in log d within [−0.65, −0.35]',
      grid: () => [200, 400, 800, 1600],
      replicates: (_p, ctx) => ctx.budget.sizes?.rhoReplicates ?? 2,
      sample: (p, size, rng) => {
        const q = { ...p, d: size, k: size, input: 'sphere' as const };
        const { net, x } = draw(q, rng);
        return gradientStability(net, x, 3, rng.child('attack')).rho;
      },
      range: [-0.65, -0.35],
      quantity: 'rho(3)',
      sizeName: 'd = k',
    }),
  ],
  notes:
    'The rate is fitted on d = k ∈ {200, …, 1600}: at d = k = 100 the curve is pre-asymptotic for Gaussian output weights (measured ρ(3) = 0.66, 0.56, 0.41, 0.30 at d = k = 100, 200, 400, 800 for tanh, local slopes −0.24, −0.45, −0.44), and the fit over 100–800 gave −0.376 [−0.42, −0.33], straddling the claimed −0.35. Rademacher a matches the reference run (ρ(3) ≈ 0.57 at 100, ≈ 0.2 at 1000). At the paper profile (seed 20261125, 6 configurations) the claim is inconclusive: GELU with Gaussian a at d = 692, k = 440 fits −0.393 [−0.440, −0.345], whose interval crosses the claimed −0.35 (the same pre-asymptotic curve); the other five slopes lie in [−0.53, −0.40] with intervals inside the range. Not widened.',
  controls: [],
  sizes: ['rhoReplicates'],
  profiles: budgets({ configurations: 1, trials: 25, sizes: { rhoReplicates: 4 }, controlConfigurations: 1 }, { configurations: 2, trials: 40, sizes: { rhoReplicates: 6 }, controlConfigurations: 1 }, { configurations: 6, trials: 200, sizes: { rhoReplicates: 5 } }),
};

gradientStabilityClaim.controls.push(control('radius-20x', 'R = 20·C4√log(1/γ): far outside the stable radius, the attack must find ρ > ½ (shows the attack can falsify)', stabilityHyp, { stepScale: 20 }, undefined, [rhoBelowHalf]));

const oneStepHyp = boxHypotheses((profile, c, gamma) => theoremRegime(profile, c, gamma, profile === 'paper' ? 1000 : 400), theoremRegimeHolds);
const oneStepFlip: Claim<BubeckParams> = {
  id: 'bubeck.one-step-flip',
  paper: 'bubeck',
  statement:
    'Main theorem: γ ∈ (0,1), k ≥ C1 log³(1/γ), d ≥ C2 log(k/γ) log(1/γ), η = −sign f(x)·C3·√log(1/γ)/‖∇f(x)‖² ⇒ sign f(x + η∇f(x)) ≠ sign f(x) with probability ≥ 1 − γ (C1, C2, C3 calibrated per σ on the calibration stream).',
  hypotheses: oneStepHyp,
  constants: ['bubeck.C1', 'bubeck.C2', 'bubeck.C3.tanh', 'bubeck.C3.softplus', 'bubeck.C3.sigmoid-centred', 'bubeck.C3.gelu'],
  calibrations: [calibrateC1(), calibrateRegime('bubeck.C2'), ...SMOOTH.map(calibrateC3), ...SMOOTH.map(calibrateC4)],
  checks: [
    probabilityCheck({
      name: 'flip',
      describe: 'P(sign f(x + η∇f) ≠ sign f(x)) ≥ 1 − γ',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma,
      event: (p, rng, ctx) => {
        const ray = rayOf(p, rng);
        const c3 = getActivation(p.activation).controlOnly ? c3Of(ctx.constants, 'tanh') : c3Of(ctx.constants, p.activation);
        return flips(ray, theoremStep(ray, c3, p.gamma, p.stepSign as 1 | -1, p.stepScale));
      },
    }),
  ],
  controls: [
    control('wrong-step-sign', 'sign η = +sign f(x): the step moves away from the decision boundary', oneStepHyp, { stepSign: 1 }),
    control('step-100x-too-small', 'C3 → C3/100', oneStepHyp, { stepScale: 0.01 }),
    control('constant-activation', 'σ ≡ 1: ∇f = 0, no step flips', oneStepHyp, { activation: 'constant' }),
    control('grad-missing-inv-sqrt-k', '∇f computed without k^{-1/2}: the step is √k times too short', oneStepHyp, { impl: 'grad-missing-inv-sqrt-k' }),
  ],
  profiles: budgets({ configurations: 3, trials: 600 }, { configurations: 8, trials: 2000 }, { configurations: 30, trials: 10000 }),
};

const stepNorm: Claim<BubeckParams> = {
  id: 'bubeck.step-norm',
  paper: 'bubeck',
  statement: '‖η∇f(x)‖ = C3√log(1/γ)/‖∇f(x)‖ ≤ C4·√log(1/γ) with probability ≥ 1 − γ (C4 calibrated per σ).',
  hypotheses: oneStepHyp,
  constants: ['bubeck.C4.tanh', 'bubeck.C4.softplus', 'bubeck.C4.sigmoid-centred', 'bubeck.C4.gelu'],
  checks: [
    probabilityCheck({
      name: 'step-norm',
      describe: 'P(‖η∇f‖ ≤ C4√log(1/γ)) ≥ 1 − γ',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma,
      event: (p, rng, ctx) => {
        const ray = rayOf(p, rng);
        const act = getActivation(p.activation).controlOnly ? 'tanh' : p.activation;
        const eta = theoremStep(ray, c3Of(ctx.constants, act), p.gamma, -1, p.stepScale);
        const stepNorm = ray.gradNormSq === 0 ? Infinity : Math.abs(eta) * Math.sqrt(ray.gradNormSq);
        return stepNorm <= c4Of(ctx.constants, act) * Math.sqrt(logInv(p.gamma));
      },
    }),
  ],
  controls: [control('constant-activation', 'σ ≡ 1: ∇f = 0, the step η∇f is unbounded', oneStepHyp, { activation: 'constant' })],
  profiles: budgets({ configurations: 3, trials: 600 }, { configurations: 6, trials: 2000 }, { configurations: 30, trials: 10000 }),
};

const etaHyp = boxHypotheses((profile) => {
  const size: [number, number] = profile === 'smoke' ? [200, 200] : profile === 'standard' ? [400, 400] : [1000, 1000];
  return { d: size, k: size, activations: ['tanh', 'softplus', 'relu'], outputWeights: ['rademacher', 'gaussian'], inputs: ['sphere', 'gaussian'] };
});
const etaRow = (p: BubeckParams, rng: Stream, record: (r: Record<string, number>) => void): number => {
  const e = etaRelative(rayOf(p, rng));
  record({ etaRel: Number.isFinite(e) ? e : 21 });
  return e;
};
const etaExperiment: Claim<BubeckParams> = {
  id: 'bubeck.eta-experiment',
  paper: 'bubeck',
  statement:
    "The slides' experiment: η_rel = min{η on the grid 0.01, 0.02, …, 20: sign f(x − η f(x)∇f/‖∇f‖²) ≠ sign f(x)}; at d = k = 1000 (paper profile; 400 standard, 200 smoke): median η_rel ∈ [0.9, 1.25] and P(η_rel ≤ 2) ≥ 0.95, for tanh, softplus, ReLU and Gaussian a_l; for σ(z) = z, η_rel = 1 exactly.",
  hypotheses: etaHyp,
  checks: [
    probabilityCheck({
      name: 'eta-le-2',
      describe: 'P(η_rel ≤ 2) ≥ 0.95',
      target: () => 0.95,
      delta: () => 0.05,
      event: (p, rng, _ctx, record) => etaRow(p, rng, record) <= 2,
      summarise: (rows) => {
        const e = rows.map((r) => r.etaRel);
        return {
          measured: { medianEtaRel: quantile(e, 0.5), p95EtaRel: quantile(e, 0.95) },
          figures: [{ id: 'eta-rel', title: 'η_rel histogram (η = 1 is the linearisation’s flip point)', mark: 'histogram', x: 'etaRel', rules: [{ x: 1, label: 'η = 1' }], data: e.map((v) => ({ etaRel: v })) }],
        };
      },
    }),
    probabilityCheck({
      name: 'median-le-1.25',
      describe: 'P(η_rel ≤ 1.25) ≥ ½ (median ≤ 1.25)',
      target: () => 0.5,
      delta: () => 0.1,
      event: (p, rng, _ctx, record) => etaRow(p, rng, record) <= 1.25,
    }),
    probabilityCheck({
      name: 'median-ge-0.9',
      describe: 'P(η_rel ≥ 0.9) ≥ ½ (median ≥ 0.9)',
      target: () => 0.5,
      delta: () => 0.1,
      event: (p, rng, _ctx, record) => etaRow(p, rng, record) >= 0.9,
    }),
    deterministicCheck({
      name: 'linear-exact',
      describe: 'for σ(z) = z at the same d, k (and implementation): η_rel = 1 exactly (the grid point η = 1 is the first that flips)',
      check: (p, rng) => {
        const e = etaRelative(rayOf({ ...p, activation: 'identity' }, rng));
        return { ok: e === 1, measured: Math.abs(e - 1), bound: 0, detail: `η_rel = ${e}` };
      },
    }),
  ],
  controls: [
    control('grad-missing-inv-sqrt-k', '∇f without k^{-1/2}: the linear case flips at η = √k, not 1', etaHyp, { impl: 'grad-missing-inv-sqrt-k' }),
    control('constant-activation', 'σ ≡ 1: ∇f = 0, no η flips', etaHyp, { activation: 'constant' }),
  ],
  profiles: budgets({ configurations: 2, trials: 150, controlConfigurations: 1 }, { configurations: 4, trials: 300, controlConfigurations: 1 }, { configurations: 12, trials: 10000, fixedSample: true }),
  notes: 'Each trial draws a fresh net and input (100 nets × 100 inputs at the paper profile is 10⁴ trials per configuration).',
};

/** The Bubeck et al. claims, in catalogue order. */
export const bubeckClaims: readonly Claim<BubeckParams>[] = [
  outputMoment,
  outputScale,
  gradientMoment,
  projection,
  gradientLowerBound,
  gradientStabilityClaim,
  oneStepFlip,
  stepNorm,
  etaExperiment,
];

export { IMPLS };

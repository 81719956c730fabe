import { overrideControl } from '../../core/claim/controls.js';
import { budgets } from '../../core/claim/budgets.js';
import fc from 'fast-check';
import { pgdAttack } from './model/pgd.js';
import { universalPerturbation } from './model/universal.js';
import { forward, inputGradient } from './model/biasedRelu.js';
import { robustNetworkTrace, buildRobustNetwork } from './model/robustNetwork.js';
import { maxInnerProduct, sampleClusteredData, sampleSphereData, sampleSphereGram, validateData } from './model/sphereData.js';
import type { Stream } from '../../core/random/stream.js';
import { jStat } from '../../core/stats/jstat.js';
import { quantileCi } from '../../core/stats/moments.js';
import { requireConstant } from '../../core/claim/constants.js';
import { deterministicCheck } from '../../core/checks/deterministic.js';
import { identityCheck } from '../../core/checks/identity.js';
import { probabilityCheck } from '../../core/checks/probability.js';
import { scalingCheck } from '../../core/checks/scaling.js';
import type { Budget, Calibration, Claim, Control, Figure, Hypotheses, Profile } from '../../core/claim/types.js';
import { certifiedRun, fittedRun, initialRun, trainRun, type RunSpec, type TrainerName } from './training/experiment.js';
import { CHECKPOINT_LEVELS } from './training/gd.js';
import { kktCertificate } from './training/kkt.js';
import type { LossName } from '../../core/linalg/losses.js';

/**
 * Vardi, Yehudai, Shamir (NeurIPS 2022), "Gradient methods provably converge to non-robust
 * networks": f_θ(x) = Σ_l a_l relu(w_l·x + b_l), data uniform on √d·S^{d−1} with labels ±1;
 * gradient flow on the exponential or logistic loss converges in direction to a KKT point of
 * the max-margin problem, and every such KKT point has a small universal perturbation, while
 * a robust network exists. THEOREMS.md "Vardi et al. 2022".
 */

const intIn = (name: string, v: unknown, lo: number, hi: number): string | null =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? null : `${name} must be an integer in [${lo}, ${hi}], got ${String(v)}`;
const oneOf = (name: string, v: unknown, allowed: readonly (string | number | boolean)[]): string | null =>
  allowed.includes(v as string) ? null : `${name} must be one of ${allowed.join(' | ')}, got ${String(v)}`;
const firstError = (...errs: Array<string | null>): string | null => errs.find((e) => e !== null) ?? null;

/** The slides' sample size n = ⌊√d / ln d⌋ (at least 2). */
export const slidesN = (d: number): number => Math.max(2, Math.floor(Math.sqrt(d) / Math.log(d)));

/** Log-spaced integer grid from lo to hi with `points` sizes. */
function logGrid(lo: number, hi: number, points: number): number[] {
  if (points < 2) return [lo];
  return Array.from({ length: points }, (_, i) => Math.round(lo * Math.pow(hi / lo, i / (points - 1))));
}

/** Slope of log(quantity) on log d over the claim's log-spaced d-grid, claimed in [−1, ½): quantity = o(√d). */
function sqrtDSlopeCheck<P extends Record<string, number | string | boolean> & { dMin: number; dMax: number; points: number }>(
  name: string,
  describe: string,
  quantity: string,
  sample: (p: P, d: number, rng: Stream) => number,
  defaultReplicates: number,
) {
  return scalingCheck<P>({
    name,
    describe,
    grid: (p) => logGrid(p.dMin, p.dMax, p.points),
    sample,
    replicates: (_p, ctx) => ctx.budget.replicates ?? defaultReplicates,
    range: [-1, 0.5],
    quantity,
    sizeName: 'd',
  });
}

const LOSSES: readonly LossName[] = ['exp', 'logistic'];
const INIT_SCALE = 1e-4;
const STEP_CAP = 1e-3;

// ───────────────────────────── vardi.separation ─────────────────────────────
export interface SeparationParams {
  [key: string]: number | string | boolean;
  d: number;
  n: number;
  gamma: number;
  /** 'sphere' (the hypothesis) or 'clustered' (control: near-duplicates). */
  data: string;
}
const SEP_GAMMAS = [0.01, 0.05, 0.1, 0.2];
const sepRegime = (profile: Profile): { d: [number, number]; n: [number, number] } =>
  profile === 'paper' ? { d: [20, 20000], n: [2, 200] } : { d: [20, 5000], n: [2, 60] };

/** Threshold √(2d log(n²/γ)) of the separation claim. */
export const separationThreshold = (d: number, n: number, gamma: number): number => Math.sqrt(2 * d * Math.log((n * n) / gamma));

/** Gram matrix of one draw: exact law (Bartlett) for sphere data, explicit vectors for the clustered control. */
function separationGram(p: SeparationParams, rng: Stream): Float64Array {
  if (p.data === 'clustered') return sampleClusteredData(rng, p.d, p.n, 0.3).K;
  return sampleSphereGram(rng, Math.max(p.d, p.n), p.n).K;
}

const separationHyp: Hypotheses<SeparationParams> = {
  describe: (profile) => {
    const r = sepRegime(profile);
    return { d: `[${r.d[0]}, ${r.d[1]}]`, n: `[${r.n[0]}, min(${r.n[1]}, d)]`, gamma: SEP_GAMMAS.join(' | '), data: 'uniform on √d·S^{d−1}' };
  },
  arbitrary: (profile) => {
    const r = sepRegime(profile);
    return fc.integer({ min: r.d[0], max: r.d[1] }).chain((d) =>
      fc.record({ d: fc.constant(d), n: fc.integer({ min: r.n[0], max: Math.min(r.n[1], d) }), gamma: fc.constantFrom(...SEP_GAMMAS), data: fc.constant('sphere') }),
    );
  },
  validate: (p) => firstError(intIn('d', p.d, 2, 1e6), intIn('n', p.n, 2, Math.min(p.d, 10000)), oneOf('gamma', p.gamma, SEP_GAMMAS), oneOf('data', p.data, ['sphere'])),
};

/** P(|⟨x_1, x_2⟩| > t) for two uniform points on √d·S^{d−1}: ((⟨x,y⟩/d) + 1)/2 ~ Beta((d−1)/2, (d−1)/2). */
export function pairTailExact(d: number, t: number): number {
  const a = (d - 1) / 2;
  return 2 * (1 - jStat.ibeta((t / d + 1) / 2, a, a));
}

const separationClaim: Claim<SeparationParams> = {
  id: 'vardi.separation',
  paper: 'vardi',
  statement:
    'For n points uniform on √d·S^{d−1}, max_{i≠j} |⟨x_i, x_j⟩| ≤ √(2d log(n²/γ)) with probability ≥ 1 − γ; the pairwise law is exact: ((⟨x_i,x_j⟩/d) + 1)/2 ~ Beta((d−1)/2, (d−1)/2).',
  hypotheses: separationHyp,
  checks: [
    probabilityCheck<SeparationParams>({
      name: 'max-inner-product',
      describe: 'P(max_{i≠j}|⟨x_i,x_j⟩| ≤ √(2d log(n²/γ))) ≥ 1 − γ (Gram matrix by its exact law, Bartlett)',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma,
      event: (p, rng, _ctx, record) => {
        const K = separationGram(p, rng);
        const m = maxInnerProduct(K, p.n);
        const t = separationThreshold(p.d, p.n, p.gamma);
        record({ ratio: m / t });
        return m <= t;
      },
      summarise: (rows) => ({ measured: { maxRatio: Math.max(...rows.map((r) => r.ratio)), meanRatio: rows.reduce((s, r) => s + r.ratio, 0) / rows.length } }),
    }),
    identityCheck<SeparationParams>({
      name: 'pair-tail-beta-law',
      describe: 'E 1{|⟨x_1,x_2⟩| > √d} = 2(1 − I_{(1 + d^{−1/2})/2}((d−1)/2, (d−1)/2)) (the Beta law)',
      sample: (p, rng) => (Math.abs(separationGram(p, rng)[1]) > Math.sqrt(p.d) ? 1 : 0),
      expected: (p) => pairTailExact(p.d, Math.sqrt(p.d)),
      tolerance: () => 0.05,
    }),
  ],
  controls: [
    overrideControl('clustered-data', 'near-duplicate points x_i ∝ e + 0.3 g_i (⟨x_i, x_j⟩ ≈ 0.92 d): the separation bound and the Beta law fail', separationHyp, (p) => ({ ...p, n: Math.max(3, Math.min(p.n, 20)), d: Math.min(p.d, 1000), data: 'clustered' })),
  ],
  profiles: budgets(
    { configurations: 2, trials: 400, controlConfigurations: 1 },
    { configurations: 4, trials: 800, controlConfigurations: 1 },
    { configurations: 20, trials: 4000 },
  ),
  notes: 'The bound is the union bound over n²/2 pairs of the sub-Gaussian tail P(|⟨x_i,x_j⟩| > t) ≤ 2e^{−t²/(2d)}; the observed probability is far above 1 − γ (the bound is loose), the Beta-law identity checks the sampler itself.',
};

// ───────────────────────── vardi.robust-network-exists ─────────────────────────
export interface RobustParams {
  [key: string]: number | string | boolean;
  d: number;
  n: number;
  /** β = c + betaFrac·(1 − c) ∈ (c, 1). */
  betaFrac: number;
  /** The attack runs at radiusFactor × the certified radius (1 in the claim; 1.05 in the control). */
  radiusFactor: number;
}
const robustRegime = (profile: Profile): { d: [number, number]; n: [number, number] } =>
  profile === 'paper' ? { d: [10, 1000], n: [2, 50] } : profile === 'standard' ? { d: [10, 250], n: [2, 16] } : { d: [10, 150], n: [2, 10] };
const BETA_FRACS = [0.1, 0.25, 0.5, 0.75, 0.9];
const robustHyp: Hypotheses<RobustParams> = {
  describe: (profile) => {
    const r = robustRegime(profile);
    return { d: `[${r.d[0]}, ${r.d[1]}]`, n: `[${r.n[0]}, ${r.n[1]}]`, beta: `c + f·(1 − c), f ∈ {${BETA_FRACS.join(', ')}}`, data: 'uniform on √d·S^{d−1} (c = max|⟨x_i,x_j⟩|/d measured)' };
  },
  arbitrary: (profile) => {
    const r = robustRegime(profile);
    return fc.record({ d: fc.integer({ min: r.d[0], max: r.d[1] }), n: fc.integer({ min: r.n[0], max: r.n[1] }), betaFrac: fc.constantFrom(...BETA_FRACS), radiusFactor: fc.constant(1) });
  },
  validate: (p) => firstError(intIn('d', p.d, 2, 5000), intIn('n', p.n, 2, 500), p.betaFrac > 0 && p.betaFrac < 1 ? null : `betaFrac must be in (0, 1), got ${p.betaFrac}`, p.radiusFactor === 1 ? null : `radiusFactor must be 1 inside the hypotheses, got ${p.radiusFactor}`),
};

const robustClaim: Claim<RobustParams> = {
  id: 'vardi.robust-network-exists',
  paper: 'vardi',
  statement:
    'If max_{i≠j}|⟨x_i,x_j⟩| ≤ c·d, c < 1, the network with w_i = x_i, b_i = −βd (c < β < 1), a_i = y_i/((1−β)d) labels every x_i correctly and no δ with ‖δ‖ < min(1−β, β−c)·√d changes a label; an attack (PGD on the margin from 0, random starts, ±x_i and the universal direction) never beats the certificate, and the universal perturbation needs ‖δ‖ ≥ the radius.',
  hypotheses: robustHyp,
  checks: [
    deterministicCheck<RobustParams>({
      name: 'certified-radius',
      describe: 'f(x_i) = y_i; PGD within radiusFactor·r·(1 − 1e-6) never flips; universal ‖δ‖ ≥ r',
      check: (p, rng) => {
        const data = sampleSphereData(rng.child('data'), p.d, p.n);
        const c = maxInnerProduct(data.K, p.n) / p.d;
        const beta = c + p.betaFrac * (1 - c);
        const net = buildRobustNetwork(data.X as Float64Array, data.y, data.K, p.d, beta);
        const X = data.X as Float64Array;
        const r = net.radius * p.radiusFactor * (1 - 1e-6);
        let worst = 0;
        let detail = `c=${c.toFixed(4)} β=${beta.toFixed(4)} r=${net.radius.toFixed(4)}`;
        let ok = true;
        const u = new Float64Array(p.d);
        for (let i = 0; i < p.n; i++) for (let j = 0; j < p.d; j++) u[j] += data.y[i] * X[i * p.d + j];
        for (let i = 0; i < p.n; i++) {
          const x = X.subarray(i * p.d, (i + 1) * p.d);
          const fx = forward(net.theta, net.shape, x);
          if (Math.abs(fx - data.y[i]) > 1e-9) {
            ok = false;
            detail += `; f(x_${i}) = ${fx} ≠ y_${i} = ${data.y[i]}`;
          }
          const atk = pgdAttack({
            f: (z) => forward(net.theta, net.shape, z),
            grad: (z) => inputGradient(net.theta, net.shape, z),
            x,
            y: data.y[i],
            radius: r,
            steps: 30,
            randomStarts: 1,
            directions: [u, Float64Array.from(x)],
            rng: rng.child('attack', i),
          });
          const removed = 1 - atk.margin / (data.y[i] * fx);
          if (removed > worst) worst = removed;
          if (atk.flipped) {
            ok = false;
            detail += `; PGD flipped x_${i} at ‖δ‖ = ${Math.hypot(...atk.delta).toFixed(4)} < ${r.toFixed(4)}`;
            break;
          }
        }
        const up = universalPerturbation(robustNetworkTrace(data.K, data.y, p.d, beta).trace);
        let minUniversal = Infinity;
        for (const v of up.deltaMin) minUniversal = Math.min(minUniversal, v);
        if (minUniversal < net.radius * p.radiusFactor * (1 - 1e-9)) {
          ok = false;
          detail += `; universal flip at ‖δ‖ = ${minUniversal} < r`;
        }
        detail += `; universal ‖δ_all‖/r = ${(up.deltaAll / net.radius).toFixed(3)}`;
        return { ok, measured: worst, bound: 1, detail };
      },
    }),
  ],
  controls: [
    overrideControl('radius-inflated-5pct', 'claimed radius 1.05·(1 − β)√d with β ≥ (1 + c)/2: PGD along −x_i flips just beyond (1 − β)√d, so the inflated certificate is beaten (shows the attack can falsify)', robustHyp, (p) => ({ ...p, betaFrac: Math.max(p.betaFrac, 0.5), radiusFactor: 1.05 })),
  ],
  profiles: budgets(
    { configurations: 2, trials: 2, controlConfigurations: 1 },
    { configurations: 4, trials: 3, controlConfigurations: 1 },
    { configurations: 20, trials: 10 },
  ),
};

// ───────────────────────────── vardi.kkt-convergence ─────────────────────────────
export interface TrainParams {
  [key: string]: number | string | boolean;
  d: number;
  n: number;
  k: number;
  loss: string;
  /** Initialisation scale s. */
  scale: number;
  trainer: string;
  /** Relative step cap ‖Δθ‖ ≤ stepCap·‖θ‖ (1e-3 in the claims; 1 = effectively uncapped, a control). */
  stepCap: number;
  /** 'trained' (the claim), 'init' (control: random initialisation, no training), 'robust' (control: the robust construction). */
  network: string;
}

const specOf = (p: TrainParams, extra: Partial<RunSpec> = {}): RunSpec => ({ d: p.d, n: p.n, k: p.k, loss: p.loss as LossName, scale: p.scale, trainer: p.trainer as TrainerName, cap: p.stepCap, ...extra });

const kktRegime = (profile: Profile): { d: [number, number]; n: [number, number]; k: [number, number] } =>
  profile === 'paper' ? { d: [500, 4000], n: [4, 20], k: [20, 100] } : profile === 'standard' ? { d: [500, 4000], n: [4, 20], k: [20, 100] } : { d: [500, 2000], n: [4, 10], k: [20, 40] };

function trainHypotheses(regime: (profile: Profile) => { d: [number, number]; n: [number, number] | 'slides'; k: [number, number] }, extra: (p: TrainParams) => string | null = () => null): Hypotheses<TrainParams> {
  return {
    describe: (profile) => {
      const r = regime(profile);
      return {
        d: `[${r.d[0]}, ${r.d[1]}]`,
        n: r.n === 'slides' ? '[⌈n_s/2⌉, n_s], n_s = ⌊√d/ln d⌋' : `[${r.n[0]}, ${r.n[1]}]`,
        k: `[${r.k[0]}, ${r.k[1]}]`,
        loss: LOSSES.join(' | '),
        init: `W ~ N(0, s²/d), a ~ N(0, s²), b = 0, s = ${INIT_SCALE}`,
        training: 'GD, loss-scaled step capped at ‖Δθ‖ ≤ 1e-3‖θ‖, to L ≤ 1e-30 (span trainer, exact-law Gram matrix)',
      };
    },
    arbitrary: (profile) => {
      const r = regime(profile);
      // Unbiased draws: fast-check's default bias towards small values would leave the regime's upper corner (where training is hardest) untested.
      return fc.noBias(fc.integer({ min: r.d[0], max: r.d[1] })).chain((d: number) => {
        const nr: [number, number] = r.n === 'slides' ? [Math.max(2, Math.ceil(slidesN(d) / 2)), slidesN(d)] : r.n;
        return fc.record({
          d: fc.constant(d),
          n: fc.noBias(fc.integer({ min: nr[0], max: Math.min(nr[1], d) })),
          k: fc.noBias(fc.integer({ min: r.k[0], max: r.k[1] })),
          loss: fc.noBias(fc.constantFrom(...LOSSES)),
          scale: fc.constant(INIT_SCALE),
          trainer: fc.constant('span'),
          stepCap: fc.constant(STEP_CAP),
          network: fc.constant('trained'),
        });
      });
    },
    validate: (p) =>
      firstError(
        intIn('d', p.d, 2, 1e7),
        intIn('n', p.n, 2, Math.min(p.d, 200)),
        intIn('k', p.k, 1, 1000),
        oneOf('loss', p.loss, LOSSES),
        p.scale > 0 && p.scale <= 1e-2 ? null : `scale must be in (0, 1e-2] (small initialisation), got ${p.scale}`,
        oneOf('trainer', p.trainer, ['span', 'naive']),
        p.trainer === 'naive' && p.d * p.k * p.n > 2e6 ? `trainer "naive" needs d·k·n ≤ 2e6, got ${p.d * p.k * p.n}` : null,
        p.stepCap === STEP_CAP ? null : `stepCap must be ${STEP_CAP} inside the hypotheses (gradient flow), got ${p.stepCap}`,
        oneOf('network', p.network, ['trained']),
        extra(p),
      ),
  };
}

const kktHyp = trainHypotheses(kktRegime);
const fmt = (v: number): number => Number(v.toPrecision(6));

const kktClaim: Claim<TrainParams> = {
  id: 'vardi.kkt-convergence',
  paper: 'vardi',
  statement:
    'GD on the exponential or logistic loss from init scale s = 1e-4, once L ≤ 1e-30 (d ≤ 4000, n ≤ 20, k ≤ 100): rescaled so min_i q_i = 1, the Clarke KKT residual min_{λ≥0} ‖θ − Σλ_i∇q_i‖/‖θ‖ ≤ 0.15 and the complementary slackness Σλ_i(q_i − 1)/Σλ_i ≤ 0.01, with probability ≥ 0.9 over data and init.',
  hypotheses: kktHyp,
  checks: [
    probabilityCheck<TrainParams>({
      name: 'kkt-certificate',
      describe: 'P(residual ≤ 0.15 and slackness ≤ 0.01 at L = 1e-30 | training reached L ≤ 1e-30) ≥ 0.9; runs that stall are re-drawn (counted); residual and slackness recorded at L = 1e-5, 1e-10, 1e-20, 1e-30',
      target: () => 0.9,
      delta: 0.15,
      event: (p, rng, _ctx, record) => {
        if (p.network === 'init') {
          const run = initialRun(rng, specOf(p));
          const cert = kktCertificate(run.trace);
          record({ level: 1, residual: cert.residual, slackness: Number.isFinite(cert.slackness) ? cert.slackness : -1, minMargin: cert.minMargin });
          return cert.certified;
        }
        const run = fittedRun(rng, specOf(p));
        let final = null as ReturnType<typeof kktCertificate> | null;
        for (const cp of run.result.checkpoints) {
          const cert = kktCertificate(cp.trace);
          record({ level: cp.level, residual: cert.residual, slackness: cert.slackness, notReached: run.notReached, steps: cp.step, kinks: cert.kinks });
          if (cp.level === 1e-30) final = cert;
        }
        return run.result.reached && final !== null && final.certified;
      },
      summarise: (rows) => {
        const measured: Record<string, number> = {};
        for (const level of CHECKPOINT_LEVELS) {
          const at = rows.filter((r) => r.level === level);
          if (at.length === 0) continue;
          const tag = `L${Math.round(-Math.log10(level))}`;
          measured[`meanResidual_${tag}`] = fmt(at.reduce((s, r) => s + r.residual, 0) / at.length);
          measured[`maxResidual_${tag}`] = fmt(Math.max(...at.map((r) => r.residual)));
          measured[`meanSlackness_${tag}`] = fmt(at.reduce((s, r) => s + r.slackness, 0) / at.length);
          measured[`maxSlackness_${tag}`] = fmt(Math.max(...at.map((r) => r.slackness)));
        }
        const init = rows.filter((r) => r.level === 1);
        if (init.length) measured.minResidualAtInit = fmt(Math.min(...init.map((r) => r.residual)));
        const finals = rows.filter((r) => r.level === 1e-30);
        if (finals.length) {
          measured.meanStepsTo1e30 = fmt(finals.reduce((s, r) => s + r.steps, 0) / finals.length);
          measured.redrawnNotReaching1e30 = finals.reduce((s, r) => s + r.notReached, 0);
        }
        const data: Figure['data'] = rows.flatMap((r, i) => [
          { level: r.level, quantity: 'residual', value: r.residual, row: i },
          { level: r.level, quantity: 'slackness', value: r.slackness, row: i },
        ]);
        return { measured, figures: [{ id: 'vardi.kkt-checkpoints', title: 'KKT residual and complementary slackness at L = 1e-5, 1e-10, 1e-20, 1e-30', mark: 'scatter', x: 'level', y: 'value', color: 'quantity', logX: true, logY: true, rules: [{ y: 0.15, label: 'residual bound' }, { y: 0.01, label: 'slackness bound' }], data }] };
      },
    }),
  ],
  controls: [
    overrideControl('random-init', 'the random initialisation before training (not a KKT point: margins of both signs, residual ≈ 1)', kktHyp, (p) => ({ ...p, network: 'init' })),
    overrideControl('uncapped-step', 'GD without the relative cap (‖Δθ‖ ≤ ‖θ‖ only): the loss-scaled step keeps growing once the data are fit, L ≤ 1e-30 comes in ≈ 17 steps, and the end point is far from any KKT point (residual 0.36–0.86, slackness > 1)', kktHyp, (p) => ({ ...p, stepCap: 1 })),
  ],
  profiles: budgets(
    { configurations: 1, trials: 16, controlConfigurations: 1 },
    { configurations: 3, trials: 16, controlConfigurations: 1 },
    { configurations: 8, trials: 60 },
  ),
  notes:
    'Convergence in direction is slow (≈ (log 1/L)^{−1/2}), hence the loose residual bound; the slackness roughly halves each time log(1/L) doubles (figure vardi.kkt-checkpoints). Kinks: relu′ ∈ [0, 1] (Clarke) where |w_l·x_i + b_l| ≤ 1e-3·‖(w_l, b_l)‖·√(d+1); the minimisation over λ and the Clarke choice is an exact convex QP (interior point, cross-checked against Lawson–Hanson LSI/NNLS). Indifference δ = 0.15 (H1: p = 0.75) keeps each configuration at ~13 trainings.',
};

// ──────────────────────────── vardi.universal-perturbation ────────────────────────────
const uniRegime = (profile: Profile): { d: [number, number]; n: 'slides'; k: [number, number] } =>
  profile === 'paper' ? { d: [1000, 100000], n: 'slides', k: [20, 100] } : profile === 'standard' ? { d: [1000, 30000], n: 'slides', k: [20, 60] } : { d: [1000, 10000], n: 'slides', k: [20, 40] };
const uniHyp = trainHypotheses(uniRegime, (p) => (p.n <= slidesN(p.d) ? null : `n must be ≤ ⌊√d/ln d⌋ = ${slidesN(p.d)} (so the separation bound usually holds; it is then checked on each sample), got ${p.n}`));

/** √(d/(c²n)) with c the realised class balance min(n₊, n₋)/n. */
export const universalScale = (d: number, n: number, balance: number): number => Math.sqrt(d / (balance * balance * n));

/** ‖δ_all‖ / √(d/(c²n)) of one run: a certified trained net, or (control) the robust construction on the same kind of data. */
function universalRatio(p: TrainParams, rng: Stream): { ratio: number; certified: boolean; uncertified: number; maxDeltaMinOverSqrtD: number; robustRadiusOverSqrtD: number; balance: number } {
  const spec = specOf(p, { requireSeparation: true });
  if (p.network === 'robust') {
    const run = initialRun(rng, spec);
    const beta = (1 + run.summary.maxInner / p.d) / 2;
    const rob = robustNetworkTrace(run.data.K, run.data.y, p.d, beta);
    const up = universalPerturbation(rob.trace);
    return { ratio: up.deltaAll / universalScale(p.d, p.n, run.summary.balance), certified: false, uncertified: 0, maxDeltaMinOverSqrtD: up.maxDeltaMin / Math.sqrt(p.d), robustRadiusOverSqrtD: rob.radius / Math.sqrt(p.d), balance: run.summary.balance };
  }
  const run = certifiedRun(rng, spec);
  const up = universalPerturbation(run.trace);
  const beta = (1 + run.summary.maxInner / p.d) / 2;
  const radius = robustNetworkTrace(run.data.K, run.data.y, p.d, beta).radius;
  return {
    ratio: up.deltaAll / universalScale(p.d, p.n, run.summary.balance),
    certified: run.certified,
    uncertified: run.uncertified,
    maxDeltaMinOverSqrtD: up.maxDeltaMin / Math.sqrt(p.d),
    robustRadiusOverSqrtD: radius / Math.sqrt(p.d),
    balance: run.summary.balance,
  };
}

const C_NAME = 'vardi.C';
const calibrateC: Calibration = {
  name: C_NAME,
  description:
    'C of the universal-perturbation bound ‖δ‖ ≤ C·√(d/(c²n)) (c = realised class balance): the largest ratio ‖δ_all‖/√(d/(c²n)) over certified trained nets in the worst corner of the calibrated profile\'s regime of vardi.universal-perturbation (the ratio grows slowly with d and n: d in the upper half of the d-range, n = ⌊√d/ln d⌋, k and loss as in the regime), i.e. about the N/(N+1) quantile there.',
  estimate: (rng, profile) => {
    const N = profile === 'smoke' ? 12 : profile === 'standard' ? 40 : 120;
    const r = uniRegime(profile);
    const arb = uniHyp.arbitrary(profile, {}).chain((p) => fc.integer({ min: Math.ceil(r.d[1] / 2), max: r.d[1] }).map((d) => ({ ...p, d, n: slidesN(d) })));
    const configs = fc.sample(arb, { seed: 20221125, numRuns: N });
    const ratios = configs.map((p, i) => universalRatio({ ...p }, rng.child('net', i)).ratio);
    const value = Math.max(...ratios);
    return { value, ci: [quantileCi(ratios, 0.95)[0], value], method: `max of ${N} ratios at d ∈ [${Math.ceil(r.d[1] / 2)}, ${r.d[1]}], n = ⌊√d/ln d⌋ (≈ the ${(N / (N + 1)).toFixed(3)} quantile); ci = [95% CI lower end of the 0.95 quantile, max]` };
  },
};

const universalClaim: Claim<TrainParams> = {
  id: 'vardi.universal-perturbation',
  paper: 'vardi',
  statement:
    'Main theorem: classes balanced (each ≥ c·n), n ≤ (d+1)/(3(max_{i≠j}|⟨x_i,x_j⟩| + 1)), θ a (numerically certified) KKT point ⇒ ∃η > 0 with sign f_θ(x_i − y_iδ) = −y_i for all i, δ = η Σ_j y_j x_j, and ‖δ‖ ≤ C·√(d/(c²n)) (C calibrated on the calibration stream).',
  hypotheses: uniHyp,
  constants: [C_NAME],
  calibrations: [calibrateC],
  checks: [
    probabilityCheck<TrainParams>({
      name: 'universal-flip',
      describe: 'P(some η > 0 flips every x_i along −y_i Σ_j y_j x_j with ‖δ‖ ≤ C√(d/(c²n))) ≥ 0.95 over data (conditioned on balance and separation) and init (conditioned on a certified KKT end point)',
      target: () => 0.95,
      delta: 0.1,
      event: (p, rng, ctx, record) => {
        const C = requireConstant(ctx.constants, C_NAME);
        const r = universalRatio(p, rng);
        record({ C, ratio: r.ratio, certified: r.certified ? 1 : 0, uncertified: r.uncertified, d: p.d, maxDeltaMinOverSqrtD: r.maxDeltaMinOverSqrtD, robustRadiusOverSqrtD: r.robustRadiusOverSqrtD, balance: r.balance });
        return (p.network === 'robust' || r.certified) && r.ratio <= C;
      },
      summarise: (rows) => ({
        measured: {
          C: fmt(rows[0]?.C ?? NaN),
          maxRatio: fmt(Math.max(...rows.map((r) => r.ratio))),
          meanRatio: fmt(rows.reduce((s, r) => s + r.ratio, 0) / rows.length),
          certifiedFraction: fmt(rows.reduce((s, r) => s + r.certified, 0) / rows.length),
          retrainedForCertificate: rows.reduce((s, r) => s + r.uncertified, 0),
        },
      }),
    }),
  ],
  controls: [
    overrideControl('robust-network', 'the robust network of vardi.robust-network-exists (not a KKT point) on the same data: its universal perturbation needs ‖δ‖ ≥ its certified radius (≈ 2–5× the radius), far above C√(d/(c²n)) once n ≥ 4', uniHyp, (p) => ({ ...p, d: Math.max(p.d, 1000), n: slidesN(Math.max(p.d, 1000)), network: 'robust' })),
  ],
  profiles: budgets(
    { configurations: 1, trials: 30, controlConfigurations: 1 },
    { configurations: 2, trials: 30, controlConfigurations: 1 },
    { configurations: 8, trials: 100 },
  ),
  notes:
    'We read the slides\' "|η| ∈ O(√(d/(c²n)))" as a bound on ‖δ‖ (THEOREMS.md). c is the realised minority fraction (the largest c for which the balance hypothesis holds, so the tightest bound). Data are conditioned on the separation bound by rejection; trained nets whose end point fails the KKT certificate are retrained (the theorem assumes a KKT point) and counted in measured.retrainedForCertificate. The flip is exact: margins are piecewise linear in η.',
};

// ──────────────────────────── vardi.small-perturbation-scaling ────────────────────────────
export interface ScalingParams {
  [key: string]: number | string | boolean;
  k: number;
  loss: string;
  scale: number;
  /** 'trained' (the claim) or 'robust' (control). */
  network: string;
  dMin: number;
  dMax: number;
  points: number;
}
const scalingRegime = (profile: Profile): { dMin: number; dMax: number; points: number; ks: number[] } =>
  profile === 'paper' ? { dMin: 100, dMax: 1000000, points: 9, ks: [20, 50, 100, 200] } : profile === 'standard' ? { dMin: 100, dMax: 100000, points: 5, ks: [20, 50, 100] } : { dMin: 100, dMax: 10000, points: 3, ks: [20, 50] };
const scalingHyp: Hypotheses<ScalingParams> = {
  describe: (profile) => {
    const r = scalingRegime(profile);
    return { d: `log grid [${r.dMin}, ${r.dMax}], ${r.points} sizes`, n: '⌊√d/ln d⌋', k: r.ks.join(' | '), loss: LOSSES.join(' | ') };
  },
  arbitrary: (profile) => {
    const r = scalingRegime(profile);
    return fc.record({ k: fc.constantFrom(...r.ks), loss: fc.constantFrom(...LOSSES), scale: fc.constant(INIT_SCALE), network: fc.constant('trained'), dMin: fc.constant(r.dMin), dMax: fc.constant(r.dMax), points: fc.constant(r.points) });
  },
  validate: (p) => firstError(intIn('k', p.k, 1, 1000), oneOf('loss', p.loss, LOSSES), oneOf('network', p.network, ['trained']), intIn('dMin', p.dMin, 16, 1e7), intIn('dMax', p.dMax, p.dMin + 1, 1e7), intIn('points', p.points, 3, 20)),
};

/** ‖δ_all‖ and max_i η_min at size d with n = ⌊√d/ln d⌋. */
function sizedRun(p: { k: number; loss: string; scale: number; network: string }, d: number, rng: Stream): { deltaAll: number; maxDeltaMin: number; radius: number; certified: boolean } {
  const n = slidesN(d);
  const tp: TrainParams = { d, n, k: p.k, loss: p.loss, scale: p.scale, trainer: 'span', stepCap: STEP_CAP, network: p.network };
  const spec = specOf(tp, { requireSeparation: true });
  if (p.network === 'robust') {
    const run = initialRun(rng, spec);
    const rob = robustNetworkTrace(run.data.K, run.data.y, d, (1 + run.summary.maxInner / d) / 2);
    const up = universalPerturbation(rob.trace);
    return { deltaAll: up.deltaAll, maxDeltaMin: up.maxDeltaMin, radius: rob.radius, certified: false };
  }
  const run = certifiedRun(rng, spec);
  const up = universalPerturbation(run.trace);
  return { deltaAll: up.deltaAll, maxDeltaMin: up.maxDeltaMin, radius: robustNetworkTrace(run.data.K, run.data.y, d, (1 + run.summary.maxInner / d) / 2).radius, certified: run.certified };
}

const scalingClaim: Claim<ScalingParams> = {
  id: 'vardi.small-perturbation-scaling',
  paper: 'vardi',
  statement:
    'With n = ⌊√d/ln d⌋, the universal perturbation of a trained (KKT) net satisfies ‖δ‖ = o(√d): the slope of log‖δ‖ against log d is < ½ (theory: ¼ up to logarithms), for every width k.',
  hypotheses: scalingHyp,
  checks: [
    sqrtDSlopeCheck<ScalingParams>('delta-slope', 'OLS slope of log ‖δ_all‖ on log d over the grid (n = ⌊√d/ln d⌋) lies in [−1, 0.5)', 'deltaAll', (p, d, rng) => sizedRun(p, d, rng).deltaAll, 3),
  ],
  controls: [
    overrideControl('robust-network', 'the robust construction: its universal perturbation is ≥ the certified radius ≈ ½√d and grows like √(n·d) (slope ≈ 0.7 > ½)', scalingHyp, (p) => ({ ...p, network: 'robust' })),
  ],
  profiles: budgets(
    { configurations: 1, trials: 1, replicates: 2, controlConfigurations: 1 },
    { configurations: 2, trials: 1, replicates: 3, controlConfigurations: 1 },
    { configurations: 4, trials: 1, replicates: 5 },
  ),
  notes: 'The lower end −1 of the slope range is a sanity bound (not from the theorem). Nets whose end point fails the KKT certificate are retrained (up to 3 times).',
};

// ─────────────────────────────── vardi.eta-experiment ───────────────────────────────
export interface EtaParams {
  [key: string]: number | string | boolean;
  k: number;
  scale: number;
  network: string;
  /** Size of the probability check (the asymptotic regime). */
  dLarge: number;
  dMin: number;
  dMax: number;
  points: number;
}
const etaRegime = (profile: Profile): { dLarge: [number, number]; dMin: number; dMax: number; points: number; k: number } =>
  profile === 'paper'
    ? { dLarge: [30000, 1000000], dMin: 100, dMax: 1000000, points: 9, k: 100 }
    : profile === 'standard'
      ? { dLarge: [30000, 100000], dMin: 100, dMax: 100000, points: 7, k: 50 }
      : { dLarge: [30000, 60000], dMin: 100, dMax: 31623, points: 6, k: 30 };
const etaHyp: Hypotheses<EtaParams> = {
  describe: (profile) => {
    const r = etaRegime(profile);
    return { d: `log grid [${r.dMin}, ${r.dMax}], ${r.points} sizes; probability check at d ∈ [${r.dLarge[0]}, ${r.dLarge[1]}]`, n: '⌊√d/ln d⌋', k: String(r.k), loss: 'exp', nets: '5 per size (3 in smoke)' };
  },
  arbitrary: (profile) => {
    const r = etaRegime(profile);
    return fc.record({ k: fc.constant(r.k), scale: fc.constant(INIT_SCALE), network: fc.constant('trained'), dLarge: fc.integer({ min: r.dLarge[0], max: r.dLarge[1] }), dMin: fc.constant(r.dMin), dMax: fc.constant(r.dMax), points: fc.constant(r.points) });
  },
  validate: (p) => firstError(intIn('k', p.k, 1, 1000), oneOf('network', p.network, ['trained']), intIn('dLarge', p.dLarge, 1000, 1e7), intIn('dMin', p.dMin, 16, 1e7), intIn('dMax', p.dMax, p.dMin + 1, 1e7), intIn('points', p.points, 3, 20)),
};
const etaRun = (p: EtaParams, d: number, rng: Stream) => sizedRun({ k: p.k, loss: 'exp', scale: p.scale, network: p.network }, d, rng);

const etaClaim: Claim<EtaParams> = {
  id: 'vardi.eta-experiment',
  paper: 'vardi',
  statement:
    "The slides' experiment: nets trained with the exponential loss to L ≤ 1e-30 on n = ⌊√d/ln d⌋ sphere points; η_min(i) = smallest ‖δ‖ along the universal direction flipping x_i. max_i η_min grows slower than √d (slope < ½, 5 nets per size) and, in the asymptotic regime d ≥ 3·10⁴, lies below the certified radius min(1−β, β−c)√d of the robust network on the same data with probability ≥ 0.9.",
  hypotheses: etaHyp,
  checks: [
    probabilityCheck<EtaParams>({
      name: 'below-robust-radius',
      describe: 'P(max_i η_min(i) < certified radius of the robust network on the same data) ≥ 0.9 at d = dLarge',
      target: () => 0.9,
      delta: 0.15,
      event: (p, rng, _ctx, record) => {
        const r = etaRun(p, p.dLarge, rng);
        record({ maxEtaMinOverSqrtD: r.maxDeltaMin / Math.sqrt(p.dLarge), robustRadiusOverSqrtD: r.radius / Math.sqrt(p.dLarge), certified: r.certified ? 1 : 0 });
        return r.maxDeltaMin < r.radius;
      },
      summarise: (rows) => ({ measured: { maxOfMaxEtaMinOverSqrtD: fmt(Math.max(...rows.map((r) => r.maxEtaMinOverSqrtD))), meanRobustRadiusOverSqrtD: fmt(rows.reduce((s, r) => s + r.robustRadiusOverSqrtD, 0) / rows.length) } }),
    }),
    sqrtDSlopeCheck<EtaParams>('max-eta-min-slope', 'OLS slope of log max_i η_min on log d (5 nets per size) lies in [−1, 0.5): max η_min = o(√d)', 'maxEtaMin', (p, d, rng) => etaRun(p, d, rng).maxDeltaMin, 5),
  ],
  controls: [
    overrideControl('robust-network', 'the robust network itself: max_i η_min ≥ its certified radius (never below it) and grows like √(n·d)', etaHyp, (p) => ({ ...p, network: 'robust' })),
  ],
  profiles: budgets(
    { configurations: 1, trials: 16, replicates: 3, controlConfigurations: 1 },
    { configurations: 1, trials: 16, replicates: 5, controlConfigurations: 1 },
    { configurations: 3, trials: 60, replicates: 5 },
  ),
  notes:
    'Finding: below d ≈ 3·10³–10⁴ (n = ⌊√d/ln d⌋ ≤ 10) trained nets are NOT less robust than the robust construction (max η_min/√d ≈ 0.75 at d = 100, 0.5 at d = 10³, against a radius ≈ 0.45–0.49·√d); the crossing is where the asymptotics start, so the probability check runs at d ≥ 3·10⁴ and the figure of the scaling check shows the whole range. The slides trained with SGD; we use full-batch GD (src/papers/vardi/training/sgd.ts has the minibatch trainer).',
};

// ──────────────────────────── observation: beyond the hypothesis ────────────────────────────
export interface BeyondParams {
  [key: string]: number | string | boolean;
  d: number;
  /** n = d/nDivisor (10 is the slides' "n up to d/10"). */
  nDivisor: number;
  k: number;
  scale: number;
}
const beyondHyp: Hypotheses<BeyondParams> = {
  describe: (profile) => ({ d: profile === 'paper' ? '200 | 500 | 1000 | 2000' : '200 | 400', n: 'd/10 | d/20 (beyond the separation bound)', k: '30', loss: 'exp' }),
  arbitrary: (profile) =>
    fc.record({ d: fc.constantFrom(...(profile === 'paper' ? [200, 500, 1000, 2000] : [200, 400])), nDivisor: fc.constantFrom(10, 20), k: fc.constant(30), scale: fc.constant(INIT_SCALE) }),
  validate: (p) => firstError(intIn('d', p.d, 20, 1e6), intIn('nDivisor', p.nDivisor, 2, 1000), intIn('k', p.k, 1, 1000)),
};
const beyondClaim: Claim<BeyondParams> = {
  id: 'vardi.eta-beyond-hypothesis',
  paper: 'vardi',
  statement: 'Observation (not a gate): the eta experiment with n up to d/10, beyond the separation hypothesis n ≤ (d+1)/(3(max|⟨x_i,x_j⟩|+1)); does max_i η_min stay below the robust network\'s certified radius?',
  observational: true,
  hypotheses: beyondHyp,
  checks: [
    probabilityCheck<BeyondParams>({
      name: 'below-robust-radius',
      describe: 'P(max_i η_min < robust certified radius) ≥ 0.9 with n = d/nDivisor (observation)',
      target: () => 0.9,
      delta: 0.15,
      event: (p, rng, _ctx, record) => {
        const n = Math.floor(p.d / p.nDivisor);
        const run = trainRun(rng, { d: p.d, n, k: p.k, loss: 'exp', scale: p.scale, trainer: 'span' });
        const up = universalPerturbation(run.trace);
        const sum = validateData(run.data);
        const c = maxInnerProduct(run.data.K, n) / p.d;
        const radius = robustNetworkTrace(run.data.K, run.data.y, p.d, (1 + c) / 2).radius;
        const cert = kktCertificate(run.trace);
        record({ d: p.d, n, maxEtaMinOverSqrtD: up.maxDeltaMin / Math.sqrt(p.d), deltaAllOverSqrtD: up.deltaAll / Math.sqrt(p.d), robustRadiusOverSqrtD: radius / Math.sqrt(p.d), separationNMax: sum.separationNMax, residual: cert.residual, reached: run.result.reached ? 1 : 0 });
        return up.maxDeltaMin < radius;
      },
      summarise: (rows) => ({
        measured: {
          maxEtaMinOverSqrtD: fmt(Math.max(...rows.map((r) => r.maxEtaMinOverSqrtD))),
          robustRadiusOverSqrtD: fmt(rows.reduce((s, r) => s + r.robustRadiusOverSqrtD, 0) / rows.length),
          separationNMax: fmt(Math.max(...rows.map((r) => r.separationNMax))),
          maxResidual: fmt(Math.max(...rows.map((r) => r.residual))),
        },
        figures: [{ id: 'vardi.eta-beyond', title: 'max_i η_min/√d beyond the separation hypothesis (n = d/10, d/20)', mark: 'scatter', x: 'n', y: 'maxEtaMinOverSqrtD', data: rows.map((r) => ({ ...r })) }],
      }),
    }),
  ],
  controls: [],
  profiles: budgets({ configurations: 1, trials: 4 }, { configurations: 2, trials: 6 }, { configurations: 8, trials: 20 }),
};

/** All Vardi claims, in catalogue order. */
export const vardiClaims = [separationClaim, robustClaim, kktClaim, universalClaim, scalingClaim, etaClaim, beyondClaim];


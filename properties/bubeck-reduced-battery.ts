/** The agreement battery of the reduced Bubeck sampler against the naive reference (shared by bubeck-reduced.test.ts and bubeck-reduced.slow.test.ts). */
import { sampleBubeckTrial, type BubeckMethod, type BubeckTrialParams, type BubeckTrialSample } from '../src/papers/bubeck/model/bubeckSampler.js';
import { DEFAULT_ETA_GRID, etaRelative } from '../src/papers/bubeck/model/bubeckEta.js';
import { Stream } from '../src/core/random/stream.js';
import { ksPValue, ksTwoSample } from '../src/core/stats/ks.js';
import { RunningMoments } from '../src/core/stats/moments.js';
import { normalCdf } from '../src/core/stats/normal.js';

/**
 * The reduced (dimension-free) Bubeck sampler against the naive reference.
 * Agreement in distribution: per configuration, N trials of each method (fixed seed, so the
 * verdicts are deterministic), two-sample KS and Welch z-tests on the first two moments of
 * f, ‖∇f‖, η_rel and two gradient-stability ratios. There are ≈ 7 × 5 × 3 = 105 tests; each must
 * have p ≥ P_MIN = 1e-4 (Bonferroni family level ≈ 0.01). Mutation tests show the same battery
 * rejects plausible mistakes in the reduction (dropping the Wishart off-diagonal term z, fixing S).
 */

export const P_MIN = 1e-4;
export const N = 2000;
const R_GRAD = 2;
const R_RAND = 3;
export const SEED = 'properties/bubeck-reduced';
const ETA_CAP = DEFAULT_ETA_GRID.max + DEFAULT_ETA_GRID.step;

export type Stat = 'f' | 'gradNorm' | 'etaRel' | 'rhoGrad' | 'rhoRand';
export const STATS: Stat[] = ['f', 'gradNorm', 'etaRel', 'rhoGrad', 'rhoRand'];

export const CONFIGS: BubeckTrialParams[] = [
  { d: 1, k: 8, activation: 'tanh', outputWeights: 'rademacher', input: 'sphere' },
  { d: 4, k: 16, activation: 'relu', outputWeights: 'rademacher', input: 'gaussian' },
  { d: 40, k: 120, activation: 'relu', outputWeights: 'gaussian', input: 'sphere' },
  { d: 120, k: 40, activation: 'identity', outputWeights: 'rademacher', input: 'sphere' },
  { d: 60, k: 60, activation: 'softplus', outputWeights: 'rademacher', input: 'gaussian' },
  { d: 150, k: 150, activation: 'tanh', outputWeights: 'gaussian', input: 'gaussian' },
  { d: 20, k: 200, activation: 'gelu', outputWeights: 'rademacher', input: 'sphere' },
];

export const label = (p: BubeckTrialParams): string => `d=${p.d} k=${p.k} ${p.activation} a:${p.outputWeights} x:${p.input}`;

export function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * ‖∇f(x + δ) − ∇f(x)‖/‖∇f(x)‖, with values below 1e-12 (rounding noise) set to 0: ρ has an atom
 * at 0 where ∇f(x + δ) = ∇f(x) exactly — always for linear σ, and at d = 1 for even σ′ whenever
 * x + δ = −x — and the two samplers' rounding noise there differs in law.
 */
function stabilityRatio(s: BubeckTrialSample, delta: Float64Array): number {
  const g0 = s.gradCoords();
  const g1 = s.gradAt(delta);
  for (let i = 0; i < g1.length; i++) g1[i] -= g0[i];
  const r = norm(g1) / Math.sqrt(s.gradNormSq);
  return r < 1e-12 ? 0 : r;
}

export function statistics(s: BubeckTrialSample, rng: Stream): Record<Stat, number> {
  const g = s.gradCoords();
  const gn = norm(g);
  const along = g.map((v) => (R_GRAD * v) / gn);
  const rand = s.randomUnitDirection(rng).map((v) => R_RAND * v);
  return {
    f: s.f,
    gradNorm: Math.sqrt(s.gradNormSq),
    etaRel: Math.min(etaRelative(s), ETA_CAP),
    rhoGrad: stabilityRatio(s, along),
    rhoRand: stabilityRatio(s, rand),
  };
}

export function collect(p: BubeckTrialParams, method: BubeckMethod, n: number, root = new Stream(SEED)): Record<Stat, Float64Array> {
  const out = Object.fromEntries(STATS.map((k) => [k, new Float64Array(n)])) as Record<Stat, Float64Array>;
  const base = root.child(label(p)).child(method);
  for (let t = 0; t < n; t++) {
    const trial = base.child('trial', t);
    const st = statistics(sampleBubeckTrial(p, trial, { method }), trial.child('direction'));
    for (const k of STATS) out[k][t] = st[k];
  }
  return out;
}

/** Two-sided Welch z-test p-value for equal means (CLT; exact equality required when both samples are constant). */
function welchP(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = new RunningMoments();
  const mb = new RunningMoments();
  for (let i = 0; i < a.length; i++) ma.push(a[i]);
  for (let i = 0; i < b.length; i++) mb.push(b[i]);
  const se = Math.sqrt(ma.variance / ma.n + mb.variance / mb.n);
  if (se === 0) return ma.mean === mb.mean ? 1 : 0;
  return 2 * normalCdf(-Math.abs(ma.mean - mb.mean) / se);
}

export interface Agreement {
  ks: number;
  mean: number;
  second: number;
}

export function agreement(a: Float64Array, b: Float64Array): Agreement {
  const d = ksTwoSample(a, b);
  return {
    ks: ksPValue(d, (a.length * b.length) / (a.length + b.length)),
    mean: welchP(a, b),
    second: welchP(
      a.map((v) => v * v),
      b.map((v) => v * v),
    ),
  };
}

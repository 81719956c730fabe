import { afterAll, describe, expect, test } from 'vitest';
import { sampleBubeckTrial, type BubeckMethod, type BubeckTrialParams, type BubeckTrialSample } from '../src/papers/bubeck/model/bubeckSampler.js';
import { drawReducedBubeck, reducedBubeckFromDraws } from '../src/papers/bubeck/model/bubeckReduced.js';
import { resolveBubeckParams } from '../src/papers/bubeck/model/bubeckTrial.js';
import { DEFAULT_ETA_GRID, etaRelative, etaRelativeScan } from '../src/papers/bubeck/model/bubeckEta.js';
import { forward, inputGradient, sampleTwoLayerNet } from '../src/papers/bubeck/model/twoLayer.js';
import { spherePoint } from '../src/core/random/samplers.js';
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

const P_MIN = 1e-4;
const N = 2000;
const R_GRAD = 2;
const R_RAND = 3;
const SEED = 'properties/bubeck-reduced';
const ETA_CAP = DEFAULT_ETA_GRID.max + DEFAULT_ETA_GRID.step;

type Stat = 'f' | 'gradNorm' | 'etaRel' | 'rhoGrad' | 'rhoRand';
const STATS: Stat[] = ['f', 'gradNorm', 'etaRel', 'rhoGrad', 'rhoRand'];

const CONFIGS: BubeckTrialParams[] = [
  { d: 1, k: 8, activation: 'tanh', outputWeights: 'rademacher', input: 'sphere' },
  { d: 4, k: 16, activation: 'relu', outputWeights: 'rademacher', input: 'gaussian' },
  { d: 40, k: 120, activation: 'relu', outputWeights: 'gaussian', input: 'sphere' },
  { d: 120, k: 40, activation: 'identity', outputWeights: 'rademacher', input: 'sphere' },
  { d: 60, k: 60, activation: 'softplus', outputWeights: 'rademacher', input: 'gaussian' },
  { d: 150, k: 150, activation: 'tanh', outputWeights: 'gaussian', input: 'gaussian' },
  { d: 20, k: 200, activation: 'gelu', outputWeights: 'rademacher', input: 'sphere' },
];

const label = (p: BubeckTrialParams): string => `d=${p.d} k=${p.k} ${p.activation} a:${p.outputWeights} x:${p.input}`;

function norm(v: Float64Array): number {
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

function statistics(s: BubeckTrialSample, rng: Stream): Record<Stat, number> {
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

function collect(p: BubeckTrialParams, method: BubeckMethod, n: number, root = new Stream(SEED)): Record<Stat, Float64Array> {
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

interface Agreement {
  ks: number;
  mean: number;
  second: number;
}

function agreement(a: Float64Array, b: Float64Array): Agreement {
  const d = ksTwoSample(a, b);
  return {
    ks: ksPValue(d, (a.length * b.length) / (a.length + b.length)),
    mean: welchP(a, b),
    second: welchP(a.map((v) => v * v), b.map((v) => v * v)),
  };
}

const table: string[] = [];
afterAll(() => {
  if (table.length) console.log(['naive vs reduced, p-values (KS / mean / 2nd moment):', ...table].join('\n'));
});

describe('reduced Bubeck sampler agrees in distribution with the naive reference', () => {
  for (const p of CONFIGS) {
    test(label(p), () => {
      const nv = collect(p, 'naive', N);
      const rd = collect(p, 'reduced', N);
      const cells: string[] = [];
      for (const k of STATS) {
        const ag = agreement(nv[k], rd[k]);
        cells.push(`${k} ${ag.ks.toExponential(1)}/${ag.mean.toExponential(1)}/${ag.second.toExponential(1)}`);
        expect.soft(ag.ks, `${label(p)}: KS p-value of ${k}`).toBeGreaterThanOrEqual(P_MIN);
        expect.soft(ag.mean, `${label(p)}: Welch p-value of mean ${k}`).toBeGreaterThanOrEqual(P_MIN);
        expect.soft(ag.second, `${label(p)}: Welch p-value of E ${k}²`).toBeGreaterThanOrEqual(P_MIN);
      }
      table.push(`  ${label(p)}: ${cells.join(' | ')}`);
    }, 60_000);
  }
});

describe('the agreement battery has power against wrong reductions', () => {
  /** A reduced trial assembled from mutated draws. */
  function mutant(p: BubeckTrialParams, n: number, mutate: (dr: ReturnType<typeof drawReducedBubeck>, d: number) => void): Record<Stat, Float64Array> {
    const rp = resolveBubeckParams('mutant', p);
    const out = Object.fromEntries(STATS.map((k) => [k, new Float64Array(n)])) as Record<Stat, Float64Array>;
    const base = new Stream(SEED).child('mutant').child(label(p));
    for (let t = 0; t < n; t++) {
      const trial = base.child('trial', t);
      const dr = drawReducedBubeck(rp, trial);
      mutate(dr, p.d);
      const st = statistics(reducedBubeckFromDraws(rp, dr, trial), trial.child('direction'));
      for (const k of STATS) out[k][t] = st[k];
    }
    return out;
  }

  test('dropping the off-diagonal Wishart term (z ≡ 0) is detected on η_rel', () => {
    const p = CONFIGS[6];
    const nv = collect(p, 'naive', N);
    const bad = mutant(p, N, (dr) => dr.z.fill(0));
    const ag = agreement(nv.etaRel, bad.etaRel);
    table.push(`  mutant z ≡ 0, ${label(p)}: etaRel ${ag.ks.toExponential(1)}/${ag.mean.toExponential(1)}/${ag.second.toExponential(1)}`);
    expect(Math.min(ag.ks, ag.mean)).toBeLessThan(1e-6);
  }, 60_000);

  test('replacing S ~ χ²_{d−1}/d by its mean is detected on ‖∇f‖', () => {
    const p = CONFIGS[1];
    const nv = collect(p, 'naive', N);
    const bad = mutant(p, N, (dr, d) => {
      dr.S = (d - 1) / d;
    });
    const ag = agreement(nv.gradNorm, bad.gradNorm);
    table.push(`  mutant S ≡ (d−1)/d, ${label(p)}: gradNorm ${ag.ks.toExponential(1)}/${ag.mean.toExponential(1)}/${ag.second.toExponential(1)}`);
    expect(Math.min(ag.ks, ag.second)).toBeLessThan(1e-6);
  }, 60_000);
});

describe('exact identities of the two samplers', () => {
  const rng = new Stream(SEED).child('identities');
  const params: BubeckTrialParams[] = [
    ...CONFIGS,
    { d: 2, k: 3, activation: 'sigmoid-centred', outputWeights: 'gaussian', input: 'gaussian' },
    { d: 1_000_000, k: 30, activation: 'tanh', outputWeights: 'rademacher', input: 'sphere' },
  ];

  test('naive fAlong(t) equals forward(x + t∇f(x)) computed literally', () => {
    for (const [i, p] of CONFIGS.entries()) {
      const s = sampleBubeckTrial(p, rng.child('naive-along', i), { method: 'naive' });
      const net = s.coordNet();
      const x = s.xCoords();
      const g = s.gradCoords();
      for (const t of [-3, -0.5, 0.25, 1, 7]) {
        const y = x.map((v, j) => v + t * g[j]);
        const lit = forward(net, y);
        expect(Math.abs(s.fAlong(t) - lit)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(lit)));
      }
      expect(Math.abs(s.gradNormSq - norm(inputGradient(net, x)) ** 2)).toBeLessThanOrEqual(1e-12 * (1 + s.gradNormSq));
    }
  });

  test('reduced: the exact-coordinate net reproduces f, ∇f, ‖∇f‖², W∇f and fAlong', () => {
    for (const [i, p] of params.entries()) {
      const s = sampleBubeckTrial(p, rng.child('reduced-coords', i), { method: 'reduced' });
      expect(s.coordDim).toBe(1 + Math.min(p.k, p.d - 1));
      const net = s.coordNet();
      const x = s.xCoords();
      const tol = (v: number): number => 1e-12 * (1 + Math.abs(v));
      expect(Math.abs(forward(net, x) - s.f)).toBeLessThanOrEqual(tol(s.f));
      const g = inputGradient(net, x);
      const gc = s.gradCoords();
      for (let j = 0; j < g.length; j++) expect(Math.abs(g[j] - gc[j])).toBeLessThanOrEqual(tol(gc[j]));
      expect(Math.abs(norm(g) ** 2 - s.gradNormSq)).toBeLessThanOrEqual(tol(s.gradNormSq));
      const wg = net.W.length ? Array.from({ length: p.k }, (_, l) => g.reduce((acc, gj, j) => acc + net.W[l * s.coordDim + j] * gj, 0)) : [];
      for (let l = 0; l < p.k; l++) expect(Math.abs(wg[l] - s.stepPre[l])).toBeLessThanOrEqual(tol(s.stepPre[l]));
      for (const t of [-2, 0.5, 3]) {
        const lit = forward(net, x.map((v, j) => v + t * gc[j]));
        expect(Math.abs(s.fAlong(t) - lit)).toBeLessThanOrEqual(tol(lit));
      }
      expect(Math.abs(s.xNormSq - norm(x) ** 2)).toBeLessThanOrEqual(tol(s.xNormSq));
    }
  });

  test('gradAt matches central finite differences of fAt (both methods)', () => {
    const smooth = params.filter((p) => p.activation !== 'relu');
    for (const [i, p] of smooth.entries()) {
      for (const method of ['naive', 'reduced'] as const) {
        if (method === 'naive' && p.d * p.k > 1e6) continue;
        const s = sampleBubeckTrial(p, rng.child(`fd-${method}`, i), { method });
        const delta = s.randomUnitDirection(rng.child('fd-dir', i));
        const g = s.gradAt(delta);
        const h = 1e-5;
        for (let j = 0; j < Math.min(s.coordDim, 6); j++) {
          const dp = delta.slice();
          const dm = delta.slice();
          dp[j] += h;
          dm[j] -= h;
          const fd = (s.fAt(dp) - s.fAt(dm)) / (2 * h);
          expect(Math.abs(fd - g[j])).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(g[j])));
        }
      }
    }
  });

  test('etaRelative (Lipschitz skipping) equals the full grid scan', () => {
    const acts = ['tanh', 'relu', 'softplus', 'gelu', 'identity', 'constant', 'sigmoid-centred'];
    let compared = 0;
    for (const [i, act] of acts.entries()) {
      for (const method of ['naive', 'reduced'] as const) {
        for (let t = 0; t < 40; t++) {
          const p = { d: 3 + ((t * 7) % 60), k: 2 + ((t * 13) % 50), activation: act, outputWeights: t % 2 ? 'gaussian' : 'rademacher', input: t % 3 ? 'sphere' : 'gaussian' } as const;
          const s = sampleBubeckTrial(p, rng.child(`eta-${method}-${i}`, t), { method });
          expect(etaRelative(s), `${act} ${method} trial ${t}`).toBe(etaRelativeScan(s));
          compared++;
        }
      }
    }
    expect(compared).toBe(acts.length * 2 * 40);
  });

  test('identity σ: η_rel = 1 exactly; constant σ: ∇f = 0 and no flip', () => {
    for (const [i, p] of params.entries()) {
      for (const method of ['naive', 'reduced'] as const) {
        if (method === 'naive' && p.d * p.k > 1e6) continue;
        const lin = sampleBubeckTrial({ ...p, activation: 'identity' }, rng.child(`lin-${method}`, i), { method });
        expect(etaRelative(lin)).toBe(1);
        const cst = sampleBubeckTrial({ ...p, activation: 'constant' }, rng.child(`cst-${method}`, i), { method });
        expect(cst.gradNormSq).toBe(0);
        expect(etaRelative(cst)).toBe(Infinity);
      }
    }
  });

  test('deterministic: the same stream gives the same trial; the lazy coordinates do not depend on call order', () => {
    for (const method of ['naive', 'reduced'] as const) {
      const p = { d: 30, k: 20, activation: 'tanh' };
      const a = sampleBubeckTrial(p, new Stream('det'), { method });
      const b = sampleBubeckTrial(p, new Stream('det'), { method });
      const delta = a.randomUnitDirection(new Stream('dir'));
      expect(b.randomUnitDirection(new Stream('dir'))).toEqual(delta);
      expect(a.gradAt(delta)).toEqual(b.gradAt(delta));
      expect([a.f, a.gradNormSq, a.fAlong(0.3)]).toEqual([b.f, b.gradNormSq, b.fAlong(0.3)]);
      expect(Array.from(a.coordNet().W)).toEqual(Array.from(b.coordNet().W));
    }
  });

  test('reduced at d = 10⁶ allocates nothing of size d', () => {
    const s = sampleBubeckTrial({ d: 1_000_000, k: 50, activation: 'relu' }, new Stream('big'));
    expect(s.coordDim).toBe(51);
    expect(s.u.length).toBe(50);
    expect(s.coordNet().W.length).toBe(50 * 51);
    expect(s.randomUnitDirection(new Stream('dir')).length).toBe(51);
    expect(Number.isFinite(s.gradNormSq)).toBe(true);
  });

  test('bad parameters are rejected naming the API, parameter, value and range', () => {
    const r = new Stream('bad');
    expect(() => sampleBubeckTrial({ d: 0, k: 3, activation: 'tanh' }, r)).toThrow(/reducedBubeckTrial: d must be an integer ≥ 1, got 0/);
    expect(() => sampleBubeckTrial({ d: 3, k: 2.5, activation: 'tanh' }, r, { method: 'naive' })).toThrow(/naiveBubeckTrial: k must be an integer ≥ 1, got 2.5/);
    expect(() => sampleBubeckTrial({ d: 3, k: 2, activation: 'nope' }, r)).toThrow(/unknown activation/);
    expect(() => sampleBubeckTrial({ d: 3, k: 2, activation: 'tanh', input: 'cube' as 'sphere' }, r)).toThrow(/input must be one of sphere, gaussian, got cube/);
    expect(() => sampleBubeckTrial({ d: 3, k: 2, activation: 'tanh' }, r, { method: 'fast' as 'naive' })).toThrow(/method must be 'naive' or 'reduced', got fast/);
    expect(() => sampleBubeckTrial({ d: 100_000, k: 1000, activation: 'tanh' }, r, { method: 'naive' })).toThrow(/k·d must be ≤/);
    const s = sampleBubeckTrial({ d: 3, k: 2, activation: 'tanh' }, r);
    expect(() => etaRelative(s, { step: 0, max: 20 })).toThrow(/etaRelative: grid.step must be a finite number > 0, got 0/);
    expect(() => s.gradAt(new Float64Array(7))).toThrow(/δ must have length coordDim = 3, got 7/);
  });

  test('naive reference sanity: W rows and sphere input follow the stated laws', () => {
    // ‖x‖² = d on the sphere; E‖w_l‖² = 1 (rows ~ N(0, I/d)).
    const net = sampleTwoLayerNet(new Stream('law'), 400, 200, 'tanh');
    let s = 0;
    for (let i = 0; i < net.W.length; i++) s += net.W[i] * net.W[i];
    expect(Math.abs(s / 200 - 1)).toBeLessThan(0.02);
    expect(Math.abs(norm(spherePoint(new Stream('law-x'), 400)) ** 2 - 400)).toBeLessThan(1e-9);
  });
});

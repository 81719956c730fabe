import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  HypothesisError,
  maxInnerProduct,
  sampleClusteredData,
  sampleLabels,
  sampleSphereData,
  sampleSphereGram,
  separationAllows,
  validateData,
  type SphereData,
} from '../src/papers/vardi/model/sphereData.js';
import { Stream } from '../src/core/random/stream.js';
import { jStat } from '../src/core/stats/jstat.js';
import { ksOneSample, ksPValue } from '../src/core/stats/ks.js';
import { pairTailExact } from '../src/papers/vardi/claims/shared/separation.js';
import { sampleSpanInit } from '../src/papers/vardi/training/spanTrainer.js';

const betaCdf = (d: number) => (t: number) => jStat.ibeta(Math.min(1, Math.max(0, (t / d + 1) / 2)), (d - 1) / 2, (d - 1) / 2);

describe('sphere data and its hypotheses', () => {
  it('the Bartlett Gram sampler and explicit sphere points give the exact Beta law of ⟨x_i, x_j⟩ (KS)', () => {
    const d = 40;
    const N = 1500;
    const gram: number[] = [];
    const explicit: number[] = [];
    for (let t = 0; t < N; t++) {
      gram.push(sampleSphereGram(new Stream('bartlett').child('t', t), d, 3).K[1 * 3 + 2]);
      explicit.push(sampleSphereData(new Stream('explicit').child('t', t), d, 3).K[1 * 3 + 2]);
    }
    for (const xs of [gram, explicit]) {
      const D = ksOneSample(xs, betaCdf(d));
      expect(ksPValue(D, N), `KS distance ${D}`).toBeGreaterThan(1e-3);
    }
    // and a sharp Monte-Carlo check of the tail formula used by vardi.separation
    const tail = gram.filter((v) => Math.abs(v) > Math.sqrt(d)).length / N;
    expect(Math.abs(tail - pairTailExact(d, Math.sqrt(d)))).toBeLessThan(4 * Math.sqrt(0.25 / N));
  });

  test.prop([fc.integer({ min: 2, max: 12 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1e9 })])(
    'Bartlett: K_ii = d, K = C Cᵀ with C lower triangular',
    (n, extra, seed) => {
      const d = n + extra;
      const s = sampleSphereGram(new Stream(seed), d, n);
      const C = s.C as Float64Array;
      for (let i = 0; i < n; i++) {
        expect(s.K[i * n + i]).toBe(d);
        for (let j = 0; j < n; j++) {
          if (j > i) expect(C[i * n + j]).toBe(0);
          let v = 0;
          for (let m = 0; m < n; m++) v += C[i * n + m] * C[j * n + m];
          expect(Math.abs(v - s.K[i * n + j])).toBeLessThanOrEqual(1e-9 * d);
        }
      }
    },
  );

  it('dimension-free init: E‖w_l(0)‖² = s² and E (w_l(0)·x_i)² = s² (the law of N(0, s²I/d))', () => {
    const d = 500;
    const n = 4;
    const k = 400;
    const s = 0.1;
    const data = sampleSphereGram(new Stream('init-law'), d, n);
    const init = sampleSpanInit(new Stream('init-law/w'), d, k, data.C as Float64Array, n, s);
    let w2 = 0;
    let p2 = 0;
    for (let l = 0; l < k; l++) {
      w2 += init.w0NormSq[l] / k;
      for (let i = 0; i < n; i++) p2 += init.P[l * n + i] ** 2 / (k * n);
    }
    // ‖w‖²/s² ~ χ²_d/d: sd √(2/d)/√k per mean; P²/s² ~ χ²_1: sd √2/√(kn) (correlated across i: ×2)
    expect(Math.abs(w2 / (s * s) - 1)).toBeLessThan(4 * Math.sqrt(2 / d / k));
    expect(Math.abs(p2 / (s * s) - 1)).toBeLessThan(8 * Math.sqrt(2 / (k * n)));
  });

  it('bad data is rejected, never trained on: one label, duplicates, unbalanced, separation', () => {
    const base = sampleSphereData(new Stream('bad-data'), 30, 6);
    const oneLabel: SphereData = { ...base, y: new Float64Array(6).fill(1) };
    expect(() => validateData(oneLabel)).toThrow(HypothesisError);
    expect(() => validateData(oneLabel)).toThrow(/all points have one label \(n=6, nPos=6, nNeg=0\)/);
    const X = (base.X as Float64Array).slice();
    X.copyWithin(30, 0, 30);
    const dup = sampleSphereData(new Stream('bad-data'), 30, 6);
    const K = dup.K.slice();
    K[1 * 6 + 0] = K[0];
    K[0 * 6 + 1] = K[0];
    expect(() => validateData({ ...dup, K, y: Float64Array.from([1, -1, 1, -1, 1, -1]) })).toThrow(/duplicate points x_0 and x_1/);
    expect(() => validateData({ ...base, y: Float64Array.from([1, 1, 1, 1, 1, -1]) }, { minBalance: 0.3 })).toThrow(
      /classes not balanced \(n=6, nPos=5, nNeg=1, balance=0\.166667, minBalance=0\.3/,
    );
    const crowded = sampleSphereGram(new Stream('crowded'), 100, 30);
    crowded.y = Float64Array.from({ length: 30 }, (_, i) => (i % 2 ? 1 : -1));
    expect(() => validateData(crowded, { requireSeparation: true })).toThrow(/n exceeds the separation bound .*n=30, d=100, maxInner=.*nMax=/);
    expect(() => sampleSphereGram(new Stream(1), 3, 5)).toThrow(/sampleSphereGram: d must be ≥ n = 5 for the Bartlett factor, got 3/);
  });
});

describe('sphere data: samplers and hypothesis checks against their definitions', () => {
  test.prop([fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1e9 })])(
    'explicit points lie on √d·S^{d−1}, K = X Xᵀ, labels ±1 with both classes',
    (n, extra, seed) => {
      const d = 2 + extra * 7;
      const s = sampleSphereData(new Stream(seed), d, n);
      const X = s.X as Float64Array;
      expect([s.d, s.n, X.length, s.K.length, s.y.length]).toEqual([d, n, n * d, n * n, n]);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let v = 0;
          for (let m = 0; m < d; m++) v += X[i * d + m] * X[j * d + m];
          expect(Math.abs(v - s.K[i * n + j])).toBeLessThanOrEqual(1e-9 * d);
        }
        expect(Math.abs(s.K[i * n + i] - d)).toBeLessThanOrEqual(1e-9 * d);
      }
      expect(s.y.every((v) => v === 1 || v === -1)).toBe(true);
      expect(s.y.some((v) => v > 0) && s.y.some((v) => v < 0)).toBe(true);
    },
  );

  test.prop([fc.integer({ min: 2, max: 30 }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.integer({ min: 0, max: 1e9 })])(
    'sampleLabels: each class holds ≥ ⌈minFraction·n⌉ labels, all ±1, the same for the same stream',
    (n, frac, seed) => {
      const need = Math.ceil(frac * n - 1e-12);
      fc.pre(need <= Math.floor(n / 2));
      const y = sampleLabels(new Stream(seed), n, frac);
      const pos = y.filter((v) => v === 1).length;
      expect(pos + y.filter((v) => v === -1).length).toBe(n);
      expect(Math.min(pos, n - pos)).toBeGreaterThanOrEqual(need);
      expect(Array.from(sampleLabels(new Stream(seed), n, frac))).toEqual(Array.from(y));
    },
  );

  it('sampleLabels: unbiased signs (default: both classes present), impossible balance and bad arguments named', () => {
    let pos = 0;
    const N = 400;
    for (let t = 0; t < N; t++) pos += sampleLabels(new Stream('labels').child('t', t), 10).filter((v) => v > 0).length;
    // conditioned on 1 ≤ n₊ ≤ 9 the mean is still 5 by symmetry: sd of the mean ≈ √(2.5/4000)
    expect(Math.abs(pos / (10 * N) - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / (10 * N)));
    // n = 5 with each class ≥ ⌈0.5·5⌉ = 3 is impossible
    expect(() => sampleLabels(new Stream(1), 5, 0.5)).toThrow(/^sampleLabels: could not draw labels with each class ≥ 3 of n = 5 in 10000 attempts$/);
    expect(() => sampleLabels(new Stream(1), 1)).toThrow(/^sampleLabels: n must be an integer ≥ 2, got 1$/);
    expect(() => sampleLabels(new Stream(1), 4.5)).toThrow(/got 4.5$/);
    for (const f of [0, -0.1, 0.51, NaN])
      expect(() => sampleLabels(new Stream(1), 4, f)).toThrow(new RegExp(`^sampleLabels: minFraction must be in \\(0, 0.5\\], got ${f}$`));
    expect(sampleLabels(new Stream(2), 4, 0.5).filter((v) => v > 0).length).toBe(2);
    for (const [api, f] of [
      ['sampleSphereData', sampleSphereData],
      ['sampleSphereGram', sampleSphereGram],
    ] as const) {
      expect(() => f(new Stream(1), 1, 2)).toThrow(new RegExp(`^${api}: d must be an integer ≥ 2, got 1$`));
      expect(() => f(new Stream(1), 2.5, 2)).toThrow(new RegExp(`^${api}: d must be an integer ≥ 2, got 2.5$`));
      expect(() => f(new Stream(1), 5, 1)).toThrow(new RegExp(`^${api}: n must be an integer ≥ 2, got 1$`));
      expect(() => f(new Stream(1), 5, NaN)).toThrow(new RegExp(`^${api}: n must be an integer ≥ 2, got NaN$`));
    }
    expect(sampleSphereGram(new Stream(3), 4, 4).K[0]).toBe(4);
  });

  it('clustered data: points on √d·S^{d−1} with ⟨x_i, x_j⟩ ≈ d/(1 + ρ²); a bad spread is named', () => {
    const d = 400;
    const n = 6;
    for (const rho of [0.1, 0.5, 1]) {
      const s = sampleClusteredData(new Stream(`cluster/${rho}`), d, n, rho);
      const X = s.X as Float64Array;
      let mean = 0;
      for (let i = 0; i < n; i++) {
        let r = 0;
        for (let m = 0; m < d; m++) r += X[i * d + m] ** 2;
        expect(Math.abs(r - d)).toBeLessThan(1e-9 * d);
        expect(Math.abs(s.K[i * n + i] - d)).toBeLessThan(1e-9 * d);
        for (let j = 0; j < i; j++) mean += s.K[i * n + j] / ((n * (n - 1)) / 2);
      }
      // ⟨e + ρg_i, e + ρg_j⟩ = 1 + O(ρ/√d) + O(ρ²/√d) and ‖e + ρg‖² = 1 + ρ² + O(ρ/√d)
      expect(Math.abs(mean / d - 1 / (1 + rho * rho))).toBeLessThan(0.05);
      expect(s.y.every((v) => v === 1 || v === -1)).toBe(true);
    }
    for (const bad of [0, -1, Infinity, NaN])
      expect(() => sampleClusteredData(new Stream(1), 10, 3, bad)).toThrow(new RegExp(`^sampleClusteredData: spread must be a finite number > 0, got ${bad}$`));
    expect(() => sampleClusteredData(new Stream(1), 1, 3, 0.1)).toThrow(/^sampleClusteredData: d must be an integer ≥ 2, got 1$/);
  });

  test.prop([fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 1e9 })])(
    'maxInnerProduct is the brute-force max over i ≠ j of |K_ij|; separationAllows is n ≤ (d+1)/(3(max+1))',
    (n, seed) => {
      const rng = new Stream(seed);
      const K = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        K[i * n + i] = 1000;
        for (let j = 0; j < i; j++) K[i * n + j] = K[j * n + i] = 20 * rng.normal();
      }
      let m = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) m = Math.max(m, Math.abs(K[i * n + j]));
      expect(maxInnerProduct(K, n)).toBe(m);
      for (const d of [10, 100, 1000, 10000]) {
        const s = separationAllows(K, n, d);
        expect(s.maxInner).toBe(m);
        expect(s.nMax).toBeCloseTo((d + 1) / (3 * (m + 1)), 12);
        expect(s.ok).toBe(n <= (d + 1) / (3 * (m + 1)));
      }
    },
  );

  it('separationAllows at the boundary: n = nMax is allowed', () => {
    // max |K_ij| = 1 ⇒ nMax = (d+1)/6; d = 17 ⇒ nMax = 3
    const K = Float64Array.from([17, 1, -1, 1, 17, 0.5, -1, 0.5, 17]);
    expect(separationAllows(K, 3, 17)).toEqual({ maxInner: 1, nMax: 3, ok: true });
    expect(separationAllows(K, 3, 16).ok).toBe(false);
  });

  it('validateData: the summary is the definition; duplicates just below the 1e-9 tolerance pass; malformed data named', () => {
    const d = 50;
    const base = sampleSphereGram(new Stream('summary'), d, 5);
    const y = Float64Array.from([1, -1, 1, 1, -1]);
    const s = validateData({ ...base, y }, { minBalance: 0.4 });
    const sep = separationAllows(base.K, 5, d);
    expect(s).toEqual({ nPos: 3, nNeg: 2, balance: 0.4, maxInner: sep.maxInner, separationNMax: sep.nMax, separationOk: sep.ok });
    expect(() => validateData({ ...base, y }, { minBalance: 0.41 })).toThrow(HypothesisError);
    const near = base.K.slice();
    near[1 * 5 + 0] = near[0 * 5 + 1] = d * (1 - 2e-9);
    expect(() => validateData({ ...base, K: near, y })).not.toThrow();
    near[1 * 5 + 0] = d * (1 - 1e-9);
    expect(() => validateData({ ...base, K: near, y })).toThrow(
      /^validateData: hypothesis not met: duplicate points x_0 and x_1 \(i=1, j=0, inner=50\.0000, d=50\)$/,
    );
    expect(() => validateData({ ...base, y: y.slice(0, 4) })).toThrow(/^validateData: y must have length n = 5, got 4$/);
    expect(() => validateData({ ...base, K: base.K.slice(0, 20), y })).toThrow(/^validateData: K must be n × n = 5×5, got 20 entries$/);
    expect(() => validateData({ ...base, y: Float64Array.from([1, -1, 0, 1, -1]) })).toThrow(/^validateData: labels must be ±1, got y\[2\] = 0$/);
    const err = new HypothesisError('api', 'why', { a: 3, b: 0.123456789 });
    expect(err.message).toBe('api: hypothesis not met: why (a=3, b=0.123457)');
    expect(err.name).toBe('HypothesisError');
    expect(err.numbers).toEqual({ a: 3, b: 0.123456789 });
  });
});

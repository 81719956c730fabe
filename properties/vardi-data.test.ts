import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { HypothesisError, sampleSphereData, sampleSphereGram, validateData, type SphereData } from '../src/models/sphereData.js';
import { Stream } from '../src/random/stream.js';
import { jStat } from '../src/stats/jstat.js';
import { ksOneSample, ksPValue } from '../src/stats/ks.js';
import { pairTailExact } from '../src/theorems/vardi.js';
import { sampleSpanInit } from '../src/training/spanTrainer.js';

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

  test.prop([fc.integer({ min: 2, max: 12 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1e9 })])('Bartlett: K_ii = d, K = C Cᵀ with C lower triangular', (n, extra, seed) => {
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
  });

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
    expect(() => validateData({ ...base, y: Float64Array.from([1, 1, 1, 1, 1, -1]) }, { minBalance: 0.3 })).toThrow(/classes not balanced \(n=6, nPos=5, nNeg=1, balance=0\.166667, minBalance=0\.3/);
    const crowded = sampleSphereGram(new Stream('crowded'), 100, 30);
    crowded.y = Float64Array.from({ length: 30 }, (_, i) => (i % 2 ? 1 : -1));
    expect(() => validateData(crowded, { requireSeparation: true })).toThrow(/n exceeds the separation bound .*n=30, d=100, maxInner=.*nMax=/);
    expect(() => sampleSphereGram(new Stream(1), 3, 5)).toThrow(/sampleSphereGram: d must be ≥ n = 5 for the Bartlett factor, got 3/);
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { gaussianRobustError, gaussianStandardError, linearStats, thm11LowerBound } from '../src/papers/schmidt/model/errors.js';
import { gaussianTheta, sampleGaussianData, sampleGaussianMeanInnerProducts, sampleGaussianMeanSum } from '../src/papers/schmidt/model/gaussianModel.js';
import { meanSum } from '../src/papers/schmidt/model/learners.js';
import { linfWorstCase } from '../src/papers/schmidt/model/linfLinear.js';
import { normalVector } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';
import { ksPValue, ksTwoSample } from '../src/core/stats/ks.js';
import { normalCdf } from '../src/core/stats/normal.js';

/** Monte-Carlo error of f_w on m fresh points of the Gaussian model (standard, and robust with the exact worst case). */
function mcErrors(rng: Stream, w: Float64Array, theta: Float64Array, sigma: number, eps: number, m: number): { standard: number; robust: number } {
  const test = sampleGaussianData(rng, theta, sigma, m);
  let s = 0;
  let r = 0;
  for (let i = 0; i < m; i++) {
    const x = test.X.subarray(i * theta.length, (i + 1) * theta.length) as Float64Array;
    const y = test.y[i];
    const xp = linfWorstCase(w, x, y, eps);
    let a = 0;
    let b = 0;
    for (let j = 0; j < w.length; j++) {
      a += w[j] * x[j];
      b += w[j] * xp[j];
    }
    if (y * a <= 0) s++;
    if (y * b <= 0) r++;
  }
  return { standard: s / m, robust: r / m };
}

describe('Gaussian closed forms (Schmidt et al.) against Monte Carlo', () => {
  test.prop(
    [
      fc.integer({ min: 2, max: 40 }),
      fc.double({ min: 0.5, max: 3, noNaN: true }),
      fc.double({ min: 0, max: 0.6, noNaN: true }),
      fc.constantFrom('hypercube', 'spike'),
      fc.integer({ min: 0, max: 1e6 }),
    ],
    { numRuns: 12 },
  )('β(w) and β_ε(w) match 20000-point Monte Carlo within 5 standard errors, for a fixed random w', (d, sigma, eps, kind, seed) => {
    const rng = new Stream(`cf/${seed}`);
    const theta = gaussianTheta(rng.child('theta'), d, kind as 'hypercube' | 'spike');
    const w = normalVector(rng.child('w'), d);
    for (let j = 0; j < d; j++) w[j] += theta[j] / Math.sqrt(d); // some signal
    const s = linearStats(w, theta);
    const m = 20000;
    const mc = mcErrors(rng.child('test'), w, theta, sigma, eps, m);
    const bs = gaussianStandardError(s, sigma);
    const br = gaussianRobustError(s, sigma, eps);
    expect(Math.abs(mc.standard - bs), `standard: MC ${mc.standard} vs ${bs}`).toBeLessThanOrEqual(5 * Math.sqrt((bs * (1 - bs)) / m) + 1e-3);
    expect(Math.abs(mc.robust - br), `robust: MC ${mc.robust} vs ${br}`).toBeLessThanOrEqual(5 * Math.sqrt((br * (1 - br)) / m) + 1e-3);
    expect(br).toBeGreaterThanOrEqual(bs);
  });

  test('w = 0 errs everywhere; the robust error is monotone in ε', () => {
    expect(gaussianStandardError({ wTheta: 0, wNorm2: 0 }, 1)).toBe(1);
    const s = { wTheta: 3, wNorm1: 10, wNorm2: 2 };
    let prev = gaussianRobustError(s, 1, 0);
    expect(prev).toBeCloseTo(normalCdf(-1.5), 14);
    for (const eps of [0.05, 0.1, 0.2, 0.4]) {
      const v = gaussianRobustError(s, 1, eps);
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
  });

  test('Thm 11 bound: ½(2Φ(t) − 1)^d, t = ε√((σ²+n)/n), computed stably', () => {
    const d = 7;
    const t = 0.8 * Math.sqrt((4 + 3) / 3);
    expect(thm11LowerBound(d, 2, 3, 0.8)).toBeCloseTo(0.5 * (2 * normalCdf(t) - 1) ** d, 13);
    expect(thm11LowerBound(1e6, 30, 1, 0)).toBe(0);
    expect(thm11LowerBound(100, 1, 1, 50)).toBeCloseTo(0.5, 12);
  });
});

describe('sufficient-statistic samplers agree in law with the naive n × d simulation', () => {
  test('ŵ = Σ y_i x_i: nθ* + σ√n g vs summing explicit data (KS on ⟨ŵ,θ*⟩, ‖ŵ‖₁, ‖ŵ‖₂)', () => {
    const d = 20;
    const n = 5;
    const sigma = 1.7;
    const theta = gaussianTheta(new Stream('t'), d, 'hypercube');
    const fast: number[][] = [[], [], []];
    const naive: number[][] = [[], [], []];
    for (let t = 0; t < 1500; t++) {
      const a = linearStats(sampleGaussianMeanSum(new Stream(`f${t}`), theta, sigma, n), theta);
      const b = linearStats(meanSum(sampleGaussianData(new Stream(`n${t}`), theta, sigma, n)), theta);
      [a.wTheta, a.wNorm1, a.wNorm2].forEach((v, i) => fast[i].push(v));
      [b.wTheta, b.wNorm1, b.wNorm2].forEach((v, i) => naive[i].push(v));
    }
    for (let i = 0; i < 3; i++) expect(ksPValue(ksTwoSample(fast[i], naive[i]), 750), `statistic ${i}`).toBeGreaterThan(1e-3);
  });

  test('dimension-free ⟨ŵ,θ*⟩ and ‖ŵ‖² (Z₁, χ²_{d−1}) vs the O(d) sampler', () => {
    const d = 30;
    const sigma = 2.3;
    for (const n of [1, 4]) {
      const theta = gaussianTheta(new Stream('t2'), d, 'spike');
      const a: number[][] = [[], []];
      const b: number[][] = [[], []];
      for (let t = 0; t < 2000; t++) {
        const s = sampleGaussianMeanInnerProducts(new Stream(`a${n}/${t}`), d, sigma, n);
        a[0].push(s.wTheta);
        a[1].push(s.wNormSq);
        const st = linearStats(sampleGaussianMeanSum(new Stream(`b${n}/${t}`), theta, sigma, n), theta);
        b[0].push(st.wTheta);
        b[1].push(st.wNorm2 ** 2);
      }
      for (let i = 0; i < 2; i++) expect(ksPValue(ksTwoSample(a[i], b[i]), 1000), `n=${n}, statistic ${i}`).toBeGreaterThan(1e-3);
    }
  });
});

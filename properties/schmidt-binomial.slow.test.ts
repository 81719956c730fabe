import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  alignedCounts,
  bernoulliTheta,
  levelCountsOf,
  sampleBernoulliData,
  sampleBernoulliRobustMargin,
  sampleLevelCounts,
  sampleSignCounts,
} from '../src/papers/schmidt/model/bernoulliModel.js';
import type { WeightGroups } from '../src/papers/schmidt/model/errors.js';
import { bernoulliLearnerGroups, meanSum } from '../src/papers/schmidt/model/learners.js';
import { Stream } from '../src/core/random/stream.js';
import { jStat } from '../src/core/stats/jstat.js';
import { RunningMoments } from '../src/core/stats/moments.js';

describe('Bernoulli sufficient statistics agree in law with explicit data', () => {
  test('level counts (multinomial) and sign counts vs aligned counts of explicit samples', () => {
    const d = 40;
    const n = 4;
    const tau = 0.1;
    const theta = bernoulliTheta(new Stream('th'), d);
    const fast = Array.from({ length: n + 1 }, () => new RunningMoments());
    const naive = Array.from({ length: n + 1 }, () => new RunningMoments());
    const signs = [new RunningMoments(), new RunningMoments()];
    const T = 1500;
    for (let t = 0; t < T; t++) {
      const k = sampleLevelCounts(new Stream(`lc${t}`), d, n, tau);
      k.forEach((v, l) => fast[l].push(v));
      levelCountsOf(alignedCounts(sampleBernoulliData(new Stream(`nv${t}`), theta, tau, n), theta), n).forEach((v, l) => naive[l].push(v));
      const s = sampleSignCounts(new Stream(`sc${t}`), d, n, tau);
      signs[0].push(s.plus);
      signs[1].push(s.zero);
      expect(s.plus + s.zero + s.minus).toBe(d);
    }
    for (let l = 0; l <= n; l++) {
      const expected = d * jStat.binomial.pdf(l, n, 0.5 + tau);
      const sd = Math.sqrt((d * (expected / d) * (1 - expected / d)) / T);
      expect(Math.abs(fast[l].mean - expected), `level ${l}`).toBeLessThan(5 * sd);
      expect(Math.abs(naive[l].mean - expected), `naive level ${l}`).toBeLessThan(5 * sd);
    }
    const pPlus = jStat.binomial.pdf(3, n, 0.5 + tau) + jStat.binomial.pdf(4, n, 0.5 + tau);
    const pZero = jStat.binomial.pdf(2, n, 0.5 + tau);
    expect(Math.abs(signs[0].mean - d * pPlus)).toBeLessThan(5 * Math.sqrt((d * pPlus * (1 - pPlus)) / T));
    expect(Math.abs(signs[1].mean - d * pZero)).toBeLessThan(5 * Math.sqrt((d * pZero * (1 - pZero)) / T));
  });

  test('learner groups from explicit data: mean of one sample is ±1 with K agreeing; sign of mean of n samples', () => {
    const theta = bernoulliTheta(new Stream('th2'), 30);
    const data = sampleBernoulliData(new Stream('d2'), theta, 0.2, 1);
    const w = meanSum(data);
    const agree = w.reduce((s, v, j) => s + (v * theta[j] > 0 ? 1 : 0), 0);
    const g = bernoulliLearnerGroups('mean', levelCountsOf(alignedCounts(data, theta), 1), 0);
    expect(g).toEqual({ values: [-1, 1].filter((v) => (v > 0 ? agree : 30 - agree) > 0), counts: [30 - agree, agree].filter((c) => c > 0) });
  });

  test('sampled robust margin has the exact mean Σ_g v_g k_g (2q − 1) − ε‖w‖₁', () => {
    const g: WeightGroups = { values: [-2, 0.5, 3], counts: [7, 20, 11] };
    const tau = 0.15;
    const eps = 0.2;
    const m = new RunningMoments();
    for (let t = 0; t < 6000; t++) m.push(sampleBernoulliRobustMargin(new Stream(`m${t}`), g, tau, eps));
    const mean = (-2 * 7 + 0.5 * 20 + 3 * 11) * 2 * tau - eps * (14 + 10 + 33);
    const sd = Math.sqrt((4 * 7 + 0.25 * 20 + 9 * 11) * (1 - 4 * tau * tau));
    expect(Math.abs(m.mean - mean)).toBeLessThan((5 * sd) / Math.sqrt(6000));
  });
});

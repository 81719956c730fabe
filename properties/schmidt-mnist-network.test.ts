import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { normalVector } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';
import { linfWorstMarginBoxed } from '../src/papers/schmidt/model/linfLinear.js';
import { MNIST_PIXELS, mnistPair } from '../src/papers/schmidt/model/mnist.js';
import {
  initMlp,
  logisticLoss,
  mlpAccumulateLossGradient,
  mlpForward,
  mlpInputGradient,
  mlpParamCount,
  mlpScratch,
  type Mlp,
} from '../src/papers/schmidt/model/mnistMlp.js';
import { mnistNetworkExperiment, type MnistNetworkSettings } from '../src/papers/schmidt/model/mnistNetworkExperiment.js';
import { linfBox, linfPgdAttack, linfPgdExample, type MarginOracle } from '../src/papers/schmidt/model/pgdLinf.js';
import { mlpMarginOracle, trainMlpPgd } from '../src/papers/schmidt/model/pgdTraining.js';

/** A random MLP with biases and output offset drawn too (so every parameter's gradient is exercised), and an input in [0, 1]^d. */
function draw(seed: number, d: number, h: number): { net: Mlp; x: Float64Array; y: number } {
  const rng = new Stream(`mnist-mlp/${seed}`);
  const net = initMlp(rng.child('init'), d, h);
  net.theta.set(normalVector(rng.child('b'), h + 1, 0.3), h * d);
  net.theta[h * d + 2 * h] = 0.2 * rng.normal();
  const x = new Float64Array(d);
  for (let i = 0; i < d; i++) x[i] = rng.uniform();
  return { net, x, y: rng.sign() };
}

const shapes = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e9 }));

describe('the d → h → 1 ReLU network f(x) = c + Σ a_j relu(⟨W_j, x⟩ + b_j) and its logistic loss', () => {
  test.prop([shapes])('∇ₓ f and ∇_θ ℓ(y f) match central finite differences away from kinks', ([d, h, seed]) => {
    const { net, x, y } = draw(seed, d, h);
    const s = mlpScratch(net);
    const f = mlpForward(net, x, s);
    const eps = 1e-6;
    fc.pre(Array.from(s.z).every((v) => Math.abs(v) > 1e-3));
    const gx = mlpInputGradient(net, s);
    for (let i = 0; i < d; i++) {
      const xp = x.slice();
      const xm = x.slice();
      xp[i] += eps;
      xm[i] -= eps;
      const fd = (mlpForward(net, xp) - mlpForward(net, xm)) / (2 * eps);
      expect(Math.abs(fd - gx[i]), `x[${i}]: analytic ${gx[i]}, FD ${fd}`).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(gx[i])));
    }
    const grad = new Float64Array(mlpParamCount(d, h));
    const loss = mlpAccumulateLossGradient(net, x, y, f, s, grad);
    expect(loss).toBeCloseTo(Math.log1p(Math.exp(-y * f)), 12);
    for (let k = 0; k < grad.length; k++) {
      const at = (v: number): number => {
        const t = net.theta.slice();
        t[k] = v;
        return logisticLoss(y * mlpForward({ ...net, theta: t }, x));
      };
      const fd = (at(net.theta[k] + eps) - at(net.theta[k] - eps)) / (2 * eps);
      expect(Math.abs(fd - grad[k]), `θ[${k}]: analytic ${grad[k]}, FD ${fd}`).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(grad[k])));
    }
  });

  it('the logistic loss is exact in the tails: ℓ(700) = e^{−700}(1 + O(e^{−700})), ℓ(−800) = 800', () => {
    expect(logisticLoss(700) / Math.exp(-700)).toBeCloseTo(1, 12);
    expect(logisticLoss(-800)).toBeCloseTo(800, 9);
  });

  it('rejects a wrong input length and bad shapes, naming the API and the parameter', () => {
    const net = initMlp(new Stream('mlp-bad'), 4, 2);
    expect(() => mlpForward(net, new Float64Array(3))).toThrow(/mlpForward: x has length 3, expected d = 4/);
    expect(() => initMlp(new Stream('mlp-bad'), 0, 2)).toThrow(/initMlp: d must be an integer/);
    expect(() => initMlp(new Stream('mlp-bad'), 4, 1.5)).toThrow(/initMlp: h must be an integer/);
  });
});

/** The linear margin oracle m(x) = y(⟨w, x⟩ + b), ∇ₓ m = y w. */
function linearOracle(w: Float64Array, b: number, y: number): MarginOracle {
  return (x, g) => {
    let s = b;
    for (let i = 0; i < x.length; i++) {
      s += w[i] * x[i];
      g[i] = y * w[i];
    }
    return y * s;
  };
}

const linearCase = fc.tuple(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 0.6, noNaN: true }), fc.integer({ min: 0, max: 1e9 }));

describe('ℓ∞ PGD with pixels boxed to [0, 1]', () => {
  test.prop([linearCase])(
    'on a linear model it reaches the exact boxed worst case (2.5ε of travel ≥ the box width 2ε) and never beats it',
    ([d, eps, seed]) => {
      const rng = new Stream(`pgd-linear/${seed}`);
      const w = normalVector(rng.child('w'), d);
      const b = rng.normal();
      const y = rng.sign();
      const x = new Float64Array(d);
      for (let i = 0; i < d; i++) x[i] = rng.uniform();
      const exact = linfWorstMarginBoxed(w, b, x, y, eps);
      const scale = 1 + Math.abs(b) + w.reduce((a, v) => a + Math.abs(v), 0);
      const r = linfPgdAttack(linearOracle(w, b, y), x, { eps, steps: 5, randomStarts: 2, rng: rng.child('attack') });
      // A flip stops the attack early; otherwise it found the exact minimum.
      if (exact > 0) expect(Math.abs(r.margin - exact)).toBeLessThanOrEqual(1e-12 * scale);
      expect(r.margin).toBeGreaterThanOrEqual(exact - 1e-12 * scale);
      expect(r.flipped).toBe(exact <= 0);
    },
  );

  test.prop([shapes, fc.double({ min: 0, max: 0.5, noNaN: true })])(
    'every point it returns lies in B(x) = [max(0, x − ε), min(1, x + ε)], and a flip it reports is real',
    ([d, h, seed], eps) => {
      const { net, x, y } = draw(seed, d, h);
      const rng = new Stream(`pgd-box/${seed}`);
      const oracle = mlpMarginOracle(net, y);
      const box = linfBox(x, eps);
      const inBox = (p: Float64Array): boolean => p.every((v, i) => v >= box.lo[i] && v <= box.hi[i] && Math.abs(v - x[i]) <= eps + 1e-15 && v >= 0 && v <= 1);
      const ex = linfPgdExample(oracle, x, eps, 7, rng.child('example'));
      expect(inBox(ex)).toBe(true);
      const r = linfPgdAttack(oracle, x, { eps, steps: 10, randomStarts: 2, rng: rng.child('attack') });
      expect(inBox(r.adversarial)).toBe(true);
      expect(y * mlpForward(net, r.adversarial)).toBe(r.margin);
      expect(r.margin).toBeLessThanOrEqual(r.clean);
      expect(r.flipped).toBe(r.margin <= 0);
    },
  );

  it('at ε = 0 the training example is x itself and the attack returns the clean margin', () => {
    const { net, x, y } = draw(7, 9, 4);
    const oracle = mlpMarginOracle(net, y);
    expect(Array.from(linfPgdExample(oracle, x, 0, 5, new Stream('e0')))).toEqual(Array.from(x));
    const r = linfPgdAttack(oracle, x, { eps: 0, steps: 5, rng: new Stream('e0') });
    expect(r.margin).toBe(r.clean);
    expect(r.clean).toBe(y * mlpForward(net, x));
  });

  it('rejects bad radii, steps and starts, naming the API and the parameter', () => {
    const o = linearOracle(new Float64Array([1]), 0, 1);
    const x = new Float64Array([0.5]);
    expect(() => linfBox(x, -0.1)).toThrow(/linfBox: eps must be a finite number ≥ 0, got -0.1/);
    expect(() => linfPgdExample(o, x, 0.1, 0, new Stream('s'))).toThrow(/linfPgdExample: steps must be an integer ≥ 1, got 0/);
    expect(() => linfPgdAttack(o, x, { eps: 0.1, steps: 3, randomStarts: -1, rng: new Stream('s') })).toThrow(
      /linfPgdAttack: randomStarts must be an integer ≥ 0/,
    );
  });
});

describe('PGD adversarial training (Madry et al.) of the MLP', () => {
  const pair = mnistPair(0, 1);
  const take = (n: number) => ({ n, d: MNIST_PIXELS, X: pair.train.X.subarray(0, n * MNIST_PIXELS), y: pair.train.y.subarray(0, n) });

  it('is a pure function of its stream, and fits 40 digits of 0 vs 1 (standard training: training error 0)', () => {
    const data = take(40);
    const o = { hidden: 4, eps: 0, attackSteps: 1, epochs: 5, minUpdates: 60, rng: new Stream('train-fit') };
    const a = trainMlpPgd(data, o);
    const b = trainMlpPgd(data, { ...o, rng: new Stream('train-fit') });
    expect(Array.from(a.net.theta)).toEqual(Array.from(b.net.theta));
    expect(a.updates).toBe(60);
    for (let i = 0; i < data.n; i++) expect(data.y[i] * mlpForward(a.net, data.X.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS))).toBeGreaterThan(0);
  });

  it('adversarial training at ε = 0.2 makes the training digits more robust than standard training does', () => {
    const data = take(40);
    const robustMargin = (net: Mlp): number => {
      let s = 0;
      for (let i = 0; i < data.n; i++) {
        const x = data.X.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
        s += linfPgdAttack(mlpMarginOracle(net, data.y[i]), x, { eps: 0.2, steps: 20, rng: new Stream('rm').child('i', i) }).margin;
      }
      return s / data.n;
    };
    const base = { hidden: 8, attackSteps: 5, epochs: 5, minUpdates: 100, rng: new Stream('train-adv') };
    expect(robustMargin(trainMlpPgd(data, { ...base, eps: 0.2 }).net)).toBeGreaterThan(robustMargin(trainMlpPgd(data, { ...base, eps: 0 }).net));
  });

  it('rejects bad settings, naming the API, the parameter and the value', () => {
    const data = take(4);
    const base = { hidden: 2, eps: 0.1, attackSteps: 1, epochs: 1, rng: new Stream('bad') };
    expect(() => trainMlpPgd(data, { ...base, eps: 1.5 })).toThrow(/trainMlpPgd: eps must be in \[0, 1\], got 1.5/);
    expect(() => trainMlpPgd(data, { ...base, learningRate: 0 })).toThrow(/trainMlpPgd: learningRate must be a finite number > 0, got 0/);
    expect(() => trainMlpPgd(data, { ...base, warmup: 2 })).toThrow(/trainMlpPgd: warmup must be in \[0, 1\], got 2/);
    expect(() => trainMlpPgd(data, { ...base, epochs: 0 })).toThrow(/trainMlpPgd: epochs must be an integer/);
  });
});

describe('the experiment of schmidt.mnist-network', () => {
  const settings: MnistNetworkSettings = {
    pos: 4,
    neg: 9,
    eps: 0.1,
    sizes: [6, 100_000],
    labels: 'digits',
    hidden: 2,
    trainSteps: 1,
    epochs: 1,
    minUpdates: 2,
    learningRate: 5e-3,
    warmup: 0,
    attackSteps: 3,
    attackRestarts: 0,
  };

  it('trains one network per n on class-balanced subsets (the last: the whole split), and counts a misclassified digit as attacked', () => {
    const e = mnistNetworkExperiment(settings, new Stream('exp'));
    const pair = mnistPair(4, 9);
    expect(e.networks.map((n) => n.n)).toEqual([6, pair.train.n]);
    const seen = new Set<number>();
    for (let t = 0; t < e.test.n; t++) seen.add(e.testIndex(t));
    expect(seen.size).toBe(e.test.n);
    for (let t = 0; t < 50; t++) {
      const o = e.outcome(0, e.testIndex(t));
      if (!o.correct) expect(o.attacked).toBe(true);
      expect(e.outcome(0, e.testIndex(t))).toBe(o);
    }
  });

  it('rejects sizes that do not increase, and unknown labels', () => {
    expect(() => mnistNetworkExperiment({ ...settings, sizes: [50, 20] }, new Stream('x'))).toThrow(/mnistNetworkExperiment: sizes must increase, got 50, 20/);
    expect(() => mnistNetworkExperiment({ ...settings, labels: 'other' as 'digits' }, new Stream('x'))).toThrow(/labels must be "digits" or "shuffled"/);
  });
});

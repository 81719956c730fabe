import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { biasOffset, initTheta } from '../src/papers/vardi/model/biasedRelu.js';
import { traceMargins } from '../src/papers/vardi/model/netTrace.js';
import { sampleSphereData, sampleSphereGram } from '../src/papers/vardi/model/sphereData.js';
import { Stream } from '../src/core/random/stream.js';
import { CHECKPOINT_LEVELS, trainGD } from '../src/papers/vardi/training/gd.js';
import { logLoss, normalisedCoefficients } from '../src/core/linalg/losses.js';
import { NaiveModel, type NaiveState } from '../src/papers/vardi/training/naiveModel.js';
import { trainSGD } from '../src/papers/vardi/training/sgd.js';
import { sampleSpanInit, SpanModel, type SpanState } from '../src/papers/vardi/training/spanTrainer.js';
import type { Trainable } from '../src/papers/vardi/training/trainable.js';
import { twinModels } from './training-fixtures.js';

/**
 * The two parametrisations of the biased ReLU net (naiveModel.ts, spanTrainer.ts) against the net
 * written out with loops, and the minibatch SGD trainer (sgd.ts), at sizes where everything runs in
 * milliseconds (the L ≤ 1e-30 runs are in vardi-training.test.ts).
 */

/** f_θ(x_i) = Σ_l a_l relu(w_l·x_i + b_l), written out. */
function explicitMargins(theta: Float64Array, X: Float64Array, y: Float64Array, d: number, k: number): number[] {
  const n = y.length;
  return Array.from({ length: n }, (_, i) => {
    let f = 0;
    for (let l = 0; l < k; l++) {
      let z = theta[k * d + l];
      for (let j = 0; j < d; j++) z += theta[l * d + j] * X[i * d + j];
      f += theta[k * d + k + l] * Math.max(z, 0);
    }
    return y[i] * f;
  });
}

/** D = Σ_i c_i ∇_θ q_i, written out: ∂w_l = Σ c_i y_i a_l 1[z>0] x_i, ∂b_l = Σ c_i y_i a_l 1[z>0], ∂a_l = Σ c_i y_i relu(z). */
function explicitDirection(theta: Float64Array, X: Float64Array, y: Float64Array, c: Float64Array, d: number, k: number): Float64Array {
  const g = new Float64Array(theta.length);
  for (let i = 0; i < y.length; i++) {
    for (let l = 0; l < k; l++) {
      let z = theta[k * d + l];
      for (let j = 0; j < d; j++) z += theta[l * d + j] * X[i * d + j];
      if (z <= 0) continue;
      const a = theta[k * d + k + l];
      for (let j = 0; j < d; j++) g[l * d + j] += c[i] * y[i] * a * X[i * d + j];
      g[k * d + l] += c[i] * y[i] * a;
      g[k * d + k + l] += c[i] * y[i] * z;
    }
  }
  return g;
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void => {
  expect(a.length).toBe(b.length);
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i]), `entry ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(tol * scale);
};

describe('naive and span parametrisations against the net written out', () => {
  test.prop([fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1e9 })], {
    numRuns: 40,
  })('margins, ‖θ‖², D = Σ c_i ∇q_i, ‖D‖² and two steps θ − tD agree with the loops; the span model tracks the naive one exactly', (n, extra, k, seed) => {
    const d = n + extra;
    const rng = new Stream(seed);
    const data = sampleSphereData(rng.child('data'), d, n);
    const X = data.X as Float64Array;
    const shape = { d, k };
    const theta = initTheta(rng.child('init'), shape, 1);
    for (let l = 0; l < k; l++) theta[biasOffset(shape) + l] = 0.3 * rng.normal();
    const { naive, span, spanInit } = twinModels(data, theta, shape);
    let sn: NaiveState = naive.state(theta.slice());
    let ss: SpanState = span.state(spanInit);
    let th = theta.slice();
    for (let step = 0; step < 3; step++) {
      const q = explicitMargins(th, X, data.y, d, k);
      close(naive.margins(sn), q, 1e-12);
      close(span.margins(ss), q, 1e-10);
      close(traceMargins(naive.trace(sn)), q, 1e-12);
      close(traceMargins(span.trace(ss)), q, 1e-10);
      const normSq = th.reduce((s, v) => s + v * v, 0);
      expect(naive.thetaNormSq(sn)).toBeCloseTo(normSq, 10);
      expect(Math.abs(span.thetaNormSq(ss) - normSq)).toBeLessThanOrEqual(1e-10 * normSq);
      const tn = naive.trace(sn);
      const ts = span.trace(ss);
      for (let l = 0; l < k; l++) {
        let w2 = 0;
        for (let j = 0; j < d; j++) w2 += th[l * d + j] ** 2;
        expect(Math.abs(tn.wNormSq[l] - w2)).toBeLessThanOrEqual(1e-12 * (1 + w2));
        expect(Math.abs(ts.wNormSq[l] - w2)).toBeLessThanOrEqual(1e-10 * (1 + w2));
      }
      close(ts.a, tn.a, 1e-12);
      close(ts.b, tn.b, 1e-10);
      close(ts.Z, tn.Z, 1e-10);
      if (step === 2) break;
      const c = Float64Array.from({ length: n }, () => rng.normal());
      const D = explicitDirection(th, X, data.y, c, d, k);
      const dn = naive.direction(sn, c);
      close(dn, D, 1e-12);
      const D2 = D.reduce((s, v) => s + v * v, 0);
      expect(Math.abs(naive.directionNormSq(dn) - D2)).toBeLessThanOrEqual(1e-12 * (1 + D2));
      const ds = span.direction(ss, c);
      expect(Math.abs(span.directionNormSq(ds) - D2)).toBeLessThanOrEqual(1e-10 * (1 + D2));
      const t = 0.05 * rng.uniform();
      const old = sn;
      const before = sn.theta.slice();
      sn = naive.step(sn, dn, t);
      ss = span.step(ss, ds, t);
      expect(Array.from(old.theta)).toEqual(Array.from(before));
      th = th.map((v, j) => v - t * D[j]);
      close(sn.theta, th, 1e-12);
    }
  });

  it('states are immutable (a rejected step keeps the old state) and bad shapes are named', () => {
    const d = 6;
    const n = 3;
    const k = 2;
    const rng = new Stream('immutable');
    const data = sampleSphereData(rng.child('data'), d, n);
    const naive = new NaiveModel({ d, k }, data.X as Float64Array, data.y);
    close(naive.K, data.K, 1e-12);
    const s0 = naive.state(initTheta(rng.child('init'), { d, k }, 1));
    const q0 = naive.margins(s0).slice();
    const dir = naive.direction(s0, Float64Array.from([1, 1, 1]));
    naive.step(s0, dir, 0.1);
    expect(Array.from(naive.margins(s0))).toEqual(Array.from(q0));
    const span = new SpanModel(d, k, data.K, data.y);
    const init = sampleSpanInit(rng.child('span'), d, k, sampleSphereGram(rng.child('g'), d, n).C as Float64Array, n, 0.5);
    const p0 = span.state(init);
    const m0 = span.margins(p0).slice();
    span.step(p0, span.direction(p0, Float64Array.from([1, -1, 1])), 0.1);
    expect(Array.from(span.margins(p0))).toEqual(Array.from(m0));
    expect(() => new NaiveModel({ d, k }, new Float64Array(5), data.y)).toThrow(/^NaiveModel: X must be n × d = 3×6, got 5 entries$/);
    expect(() => new NaiveModel({ d, k }, new Float64Array(0), new Float64Array(0))).toThrow(/^NaiveModel: y must not be empty$/);
    expect(() => naive.state(new Float64Array(3))).toThrow(/^NaiveModel.state: θ must have length 16, got 3$/);
    expect(() => new SpanModel(d, 0, data.K, data.y)).toThrow(/^SpanModel: k must be an integer ≥ 1, got 0$/);
    expect(() => new SpanModel(d, 1.5, data.K, data.y)).toThrow(/got 1.5$/);
    expect(() => new SpanModel(d, k, new Float64Array(4), data.y)).toThrow(/^SpanModel: K must be n × n = 3×3, got 4 entries$/);
    const C = new Float64Array(9);
    expect(() => sampleSpanInit(rng, d, k, new Float64Array(4), n, 1)).toThrow(/^sampleSpanInit: C must be n × n = 3×3, got 4 entries$/);
    for (const s of [0, -1, Infinity, NaN])
      expect(() => sampleSpanInit(rng, d, k, C, n, s)).toThrow(new RegExp(`^sampleSpanInit: scale must be a finite number > 0, got ${s}$`));
    expect(() => sampleSpanInit(rng, 2, k, C, n, 1)).toThrow(/^sampleSpanInit: d must be an integer ≥ n = 3, got 2$/);
    expect(() => sampleSpanInit(rng, 4.5, k, C, n, 1)).toThrow(/got 4.5$/);
  });

  it('sampleSpanInit: b = 0; at d = n, w(0) lies in span{x_i} and ‖w(0)‖² = PᵀK⁻¹P exactly; a ~ N(0, s²), ‖w(0)‖² ~ s²χ²_d/d', () => {
    const n = 4;
    const g = sampleSphereGram(new Stream('init-g'), n, n);
    const s = 0.7;
    const init = sampleSpanInit(new Stream('init-eq'), n, 3, g.C as Float64Array, n, s);
    expect(Array.from(init.b)).toEqual([0, 0, 0]);
    // d = n: w(0) lies in span{x_i} and ‖w‖² = (s²/d)‖ξ‖²; with K = CCᵀ, Σ_i P_i (K⁻¹P)_i = ‖w‖² (w = Σ α_i x_i, P = Kα).
    for (let l = 0; l < 3; l++) {
      const P = init.P.slice(l * n, l * n + n);
      // solve K α = P via C: C u = P, Cᵀ α = u; ‖w‖² = αᵀKα = ‖u‖²
      const C = g.C as Float64Array;
      const u = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let r = P[i];
        for (let j = 0; j < i; j++) r -= C[i * n + j] * u[j];
        u[i] = r / C[i * n + i];
      }
      const w2 = u.reduce((a, v) => a + v * v, 0);
      expect(Math.abs(init.w0NormSq[l] - w2)).toBeLessThanOrEqual(1e-10 * w2);
    }
    // a_l ~ N(0, s²) and ‖w_l(0)‖² ~ s²χ²_d/d in law (means, many neurons)
    const d = 50;
    const K = 2000;
    const big = sampleSpanInit(new Stream('init-law2'), d, K, sampleSphereGram(new Stream('g2'), d, 3).C as Float64Array, 3, s);
    const ma = big.a.reduce((a, v) => a + v * v, 0) / K;
    const mw = big.w0NormSq.reduce((a, v) => a + v, 0) / K;
    expect(Math.abs(ma / (s * s) - 1)).toBeLessThan(4 * Math.sqrt(2 / K));
    expect(Math.abs(mw / (s * s) - 1)).toBeLessThan(4 * Math.sqrt(2 / (d * K)));
  });
});

/** A Trainable that records which samples each direction call weighted (c_i ≠ 0), the direction norms and the margins it computed. */
function spy<S, D>(m: Trainable<S, D>, log: number[][], norms: number[] = [], margins: Float64Array[] = []): Trainable<S, D> {
  return {
    n: m.n,
    margins: (s) => {
      margins.push(m.margins(s));
      return margins[margins.length - 1];
    },
    thetaNormSq: (s) => m.thetaNormSq(s),
    direction: (s, c) => {
      log.push(Array.from(c.keys()).filter((i) => c[i] !== 0));
      return m.direction(s, c);
    },
    directionNormSq: (d) => {
      norms.push(m.directionNormSq(d));
      return norms[norms.length - 1];
    },
    directionDistanceSq: (d1, d2) => m.directionDistanceSq(d1, d2),
    directionDotTheta: (s, d) => m.directionDotTheta(s, d),
    step: (s, d, t) => m.step(s, d, t),
    trace: (s) => m.trace(s),
  };
}

describe('minibatch SGD (sgd.ts)', () => {
  const d = 30;
  const n = 7;
  const k = 6;
  const rng = new Stream('sgd-unit');
  const data = sampleSphereGram(rng.child('data'), d, n);
  const model = new SpanModel(d, k, data.K, data.y);
  const s0 = model.state(sampleSpanInit(rng.child('init'), d, k, data.C as Float64Array, n, 1e-2));

  it('every epoch visits each sample exactly once in batches of the given size; steps are loss-normalised and capped', () => {
    for (const batch of [1, 3, 7]) {
      const log: number[][] = [];
      const norms: number[] = [];
      const epochs = 4;
      const r = trainSGD(spy(model, log, norms), s0, { loss: 'exp', batch, rng: new Stream(`perm/${batch}`), maxEpochs: epochs, target: 1e-300 });
      const perEpoch = Math.ceil(n / batch);
      expect(log.length).toBe(epochs * perEpoch);
      // a batch on which every ReLU is off has D = 0: no step is taken for it
      expect(r.steps).toBe(norms.filter((v) => v > 0).length);
      if (batch === n) expect(r.steps).toBe(epochs);
      expect(r.stop).toBe('max-steps');
      expect(r.reached).toBe(false);
      expect(r.rollbacks).toBe(0);
      for (let e = 0; e < epochs; e++) {
        const visits = log.slice(e * perEpoch, (e + 1) * perEpoch);
        visits.forEach((v, j) => expect(v.length).toBe(j < perEpoch - 1 ? batch : n - batch * (perEpoch - 1)));
        expect(visits.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }
      if (batch < n) expect(log.slice(0, perEpoch)).not.toEqual(log.slice(perEpoch, 2 * perEpoch));
    }
  });

  it('with batch = n it is the loss-normalised capped step θ ← θ − min(lr, cap‖θ‖/‖D‖)·D, D = Σ c_i ∇q_i, c = ℓ′(q)/L (the definition, step by step)', () => {
    for (const [lr, cap] of [
      [1, 1e-2],
      [1e-3, 0.5],
    ] as const) {
      const r = trainSGD(model, s0, { loss: 'logistic', batch: n, rng: new Stream('full'), lr, cap, maxEpochs: 25, target: 1e-300 });
      let s = s0;
      for (let t = 0; t < 25; t++) {
        const c = normalisedCoefficients(model.margins(s), 'logistic');
        const dir = model.direction(s, c);
        const step = Math.min(lr, (cap * Math.sqrt(model.thetaNormSq(s))) / Math.sqrt(model.directionNormSq(dir)));
        s = model.step(s, dir, step);
      }
      close(model.margins(r.state), model.margins(s), 1e-12);
      expect(r.logLoss).toBe(logLoss(model.margins(r.state), 'logistic'));
      expect(r.steps).toBe(25);
      close(traceMargins(r.trace), model.margins(r.state), 1e-12);
    }
  });

  it('stops at the first step with L ≤ target, keeps a checkpoint at each level ≥ target when first reached, and is determined by its stream', () => {
    const target = 1e-6;
    const run = (seed: string) => trainSGD(model, s0, { loss: 'exp', batch: 2, rng: new Stream(seed), cap: 0.05, target, maxEpochs: 2000 });
    const r = run('stop');
    expect(r.reached).toBe(true);
    expect(r.stop).toBe('target');
    expect(r.logLoss).toBeLessThanOrEqual(Math.log(target));
    const again = trainSGD(model, s0, { loss: 'exp', batch: 2, rng: new Stream('stop'), cap: 0.05, target, maxEpochs: 3000 });
    expect(again.steps).toBe(r.steps);
    // one step fewer does not reach the target: rerun with a spy recording every loss
    const computed: Float64Array[] = [];
    trainSGD(spy(model, [], [], computed), s0, { loss: 'exp', batch: 2, rng: new Stream('stop'), cap: 0.05, target, maxEpochs: 2000 });
    const losses = computed.map((q) => logLoss(q, 'exp'));
    expect(losses.length).toBe(r.steps + 1);
    expect(losses.slice(0, -1).every((l) => l > Math.log(target))).toBe(true);
    expect(r.checkpoints.map((c) => c.level)).toEqual(CHECKPOINT_LEVELS.filter((v) => v >= target));
    for (const c of r.checkpoints) {
      expect(c.logLoss).toBeLessThanOrEqual(Math.log(c.level));
      expect(losses[c.step]).toBe(c.logLoss);
      if (c.step > 0) expect(losses[c.step - 1]).toBeGreaterThan(Math.log(c.level));
      expect(logLoss(traceMargins(c.trace), 'exp')).toBeCloseTo(c.logLoss, 9);
    }
    expect(run('other').steps === r.steps && Array.from(model.margins(run('other').state)).join() === Array.from(model.margins(r.state)).join()).toBe(false);
    expect(Array.from(model.margins(run('stop').state))).toEqual(Array.from(model.margins(r.state)));
  });

  it('bad options are named with the allowed range', () => {
    const base = { loss: 'exp' as const, batch: 2, rng };
    for (const batch of [0, 8, 1.5, NaN])
      expect(() => trainSGD(model, s0, { ...base, batch })).toThrow(new RegExp(`^trainSGD: batch must be an integer in \\[1, 7\\], got ${batch}$`));
    for (const lr of [0, -1, NaN]) expect(() => trainSGD(model, s0, { ...base, lr })).toThrow(new RegExp(`^trainSGD: lr must be > 0, got ${lr}$`));
    for (const cap of [0, 1.5, NaN])
      expect(() => trainSGD(model, s0, { ...base, cap })).toThrow(new RegExp(`^trainSGD: cap must be in \\(0, 1\\], got ${cap}$`));
    for (const target of [0, 1, 2, NaN])
      expect(() => trainSGD(model, s0, { ...base, target })).toThrow(new RegExp(`^trainSGD: target must be in \\(0, 1\\), got ${target}$`));
    expect(trainSGD(model, s0, { ...base, cap: 1, maxEpochs: 1 }).steps).toBe(4);
  });
});

describe('trainGD on both parametrisations at small sizes (cap 3%)', () => {
  it('the span trainer matches the naive trainer step for step (both losses), loss never increases, ‖Δθ‖ ≤ cap·‖θ‖', () => {
    const d = 20;
    const n = 5;
    const k = 6;
    const rng = new Stream('gd-small');
    const data = sampleSphereData(rng.child('data'), d, n);
    const shape = { d, k };
    const theta = initTheta(rng.child('init'), shape, 1e-2);
    const { naive, span, spanInit: init } = twinModels(data, theta, shape);
    for (const loss of ['exp', 'logistic'] as const) {
      const logs: Array<Array<{ logL: number; normSq: number; stepNorm: number }>> = [[], []];
      const opts = (j: number) => ({
        loss,
        cap: 0.03,
        target: 1e-4,
        maxSteps: 5000,
        onStep: (_s: number, logL: number, _q: Float64Array, normSq: number, _st: unknown, stepNorm: number) => logs[j].push({ logL, normSq, stepNorm }),
      });
      const rn = trainGD(naive, naive.state(theta.slice()), opts(0));
      const rs = trainGD(span, span.state(init), opts(1));
      expect(rn.reached && rs.reached).toBe(true);
      expect(rs.steps).toBe(rn.steps);
      expect(rs.rollbacks).toBe(rn.rollbacks);
      expect(logs[0].length).toBe(rn.steps);
      let prevL = Infinity;
      let prevN = naive.thetaNormSq(naive.state(theta.slice()));
      logs[0].forEach((a, t) => {
        const b = logs[1][t];
        expect(Math.abs(a.logL - b.logL)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a.logL)));
        expect(Math.abs(a.normSq - b.normSq)).toBeLessThanOrEqual(1e-9 * a.normSq);
        expect(a.logL).toBeLessThanOrEqual(prevL);
        expect(a.stepNorm).toBeLessThanOrEqual(0.03 * Math.sqrt(prevN) * (1 + 1e-9));
        prevL = a.logL;
        prevN = a.normSq;
      });
      close(traceMargins(rs.trace), traceMargins(rn.trace), 1e-9);
    }
  });
});

describe('the adaptive gradient-flow integrator (trainGD tolerance)', () => {
  it('span and naive agree on ‖D₁ − D₂‖² and ⟨D, θ⟩ (the error estimate’s parts), and the adaptive runs match step for step', () => {
    const d = 20;
    const n = 5;
    const k = 6;
    const rng = new Stream('gd-adaptive');
    const data = sampleSphereData(rng.child('data'), d, n);
    const shape = { d, k };
    const theta = initTheta(rng.child('init'), shape, 1e-2);
    const { naive, span, spanInit: init } = twinModels(data, theta, shape);
    const sn = naive.state(theta.slice());
    const ss = span.state(init);
    const q = naive.margins(sn);
    const c1 = normalisedCoefficients(q, 'exp', logLoss(q, 'exp'));
    const c2 = c1.map((v, i) => v * (1 + 0.3 * Math.sin(i + 1)));
    const [n1, n2, s1, s2] = [naive.direction(sn, c1), naive.direction(sn, c2), span.direction(ss, c1), span.direction(ss, c2)];
    let dist = 0;
    let dot = 0;
    for (let j = 0; j < n1.length; j++) {
      dist += (n1[j] - n2[j]) ** 2;
      dot += n1[j] * sn.theta[j];
    }
    expect(Math.abs(naive.directionDistanceSq(n1, n2) - dist)).toBeLessThanOrEqual(1e-12 * dist);
    expect(Math.abs(span.directionDistanceSq(s1, s2) - dist)).toBeLessThanOrEqual(1e-9 * dist);
    expect(Math.abs(naive.directionDotTheta(sn, n1) - dot)).toBeLessThanOrEqual(1e-12 * Math.abs(dot));
    expect(Math.abs(span.directionDotTheta(ss, s1) - dot)).toBeLessThanOrEqual(1e-9 * Math.abs(dot));
    for (const loss of ['exp', 'logistic'] as const) {
      const opts = { loss, cap: 1, tolerance: 1e-3, target: 1e-6, maxSteps: 5000 };
      const rn = trainGD(naive, naive.state(theta.slice()), opts);
      const rs = trainGD(span, span.state(init), opts);
      const fixedCap = trainGD(naive, naive.state(theta.slice()), { loss, cap: 1e-3, target: 1e-6, maxSteps: 50000 });
      expect(rn.reached && rs.reached && fixedCap.reached).toBe(true);
      expect(rs.steps).toBe(rn.steps);
      // Error control, not a cap, limits the step: far fewer steps than fixed-cap GD at 1e-3 to the same loss.
      expect(rn.steps, `adaptive ${rn.steps} vs fixed-cap ${fixedCap.steps} steps`).toBeLessThan(fixedCap.steps / 2);
      close(traceMargins(rs.trace), traceMargins(rn.trace), 1e-8);
    }
  });

  it('tolerance outside (0, 1] is named with the allowed range', () => {
    const data = sampleSphereData(new Stream('tol-bad'), 6, 3);
    const m = new NaiveModel({ d: 6, k: 2 }, data.X as Float64Array, data.y, data.K);
    const s0 = m.state(initTheta(new Stream('tol-bad-init'), { d: 6, k: 2 }, 1e-2));
    expect(() => trainGD(m, s0, { loss: 'exp', tolerance: 0 })).toThrow(/trainGD: tolerance must be a finite number in \(0, 1\], got 0/);
    expect(() => trainGD(m, s0, { loss: 'exp', tolerance: 2 })).toThrow(/tolerance/);
  });
});

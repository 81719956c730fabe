import { describe, expect, it } from 'vitest';
import { initTheta } from '../src/papers/vardi/model/biasedRelu.js';
import { sampleSphereData, sampleSphereGram } from '../src/papers/vardi/model/sphereData.js';
import { Stream } from '../src/core/random/stream.js';
import { trainGD, CHECKPOINT_LEVELS } from '../src/papers/vardi/training/gd.js';
import { kktCertificate } from '../src/papers/vardi/training/kkt.js';
import type { NaiveState } from '../src/papers/vardi/training/naiveModel.js';
import { trainSGD } from '../src/papers/vardi/training/sgd.js';
import { sampleSpanInit, SpanModel } from '../src/papers/vardi/training/spanTrainer.js';
import { trainedNaive, twinModels } from './training-fixtures.js';

interface StepLog {
  logL: number;
  q: Float64Array;
  normSq: number;
}

describe('training to L ≤ 1e-30 (capped, loss-scaled GD in the log domain)', () => {
  it('the dimension-free span trainer matches the naive trainer step for step to 1e-10 (relative), to L ≤ 1e-30', () => {
    const d = 30;
    const n = 5;
    const k = 8;
    const rng = new Stream('span-vs-naive');
    const data = sampleSphereData(rng.child('data'), d, n);
    const shape = { d, k };
    const theta = initTheta(rng.child('init'), shape, 1e-4);
    const { naive, span, spanInit } = twinModels(data, theta, shape);
    for (const loss of ['exp', 'logistic'] as const) {
      const logs: StepLog[][] = [[], []];
      const rn = trainGD(naive, naive.state(theta.slice()), { loss, onStep: (_s, logL, q, normSq) => logs[0].push({ logL, q: q.slice(), normSq }) });
      const rs = trainGD(span, span.state(spanInit), { loss, onStep: (_s, logL, q, normSq) => logs[1].push({ logL, q: q.slice(), normSq }) });
      expect(rn.reached).toBe(true);
      expect(rs.reached).toBe(true);
      expect(rs.steps).toBe(rn.steps);
      expect(rs.rollbacks).toBe(rn.rollbacks);
      let worst = 0;
      logs[0].forEach((a, t) => {
        const b = logs[1][t];
        let qmax = 0;
        for (const v of a.q) qmax = Math.max(qmax, Math.abs(v));
        for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(a.q[i] - b.q[i]) / qmax);
        worst = Math.max(worst, Math.abs(a.normSq - b.normSq) / a.normSq, Math.abs(a.logL - b.logL) / Math.max(1, Math.abs(a.logL)));
      });
      expect(worst, `max relative discrepancy over ${rn.steps} steps (${loss})`).toBeLessThanOrEqual(1e-10);
    }
  });

  it('reaches L ≤ 1e-30 with checkpoints at 1e-5, 1e-10, 1e-20, 1e-30, never raising the loss and never moving more than 1e-3·‖θ‖ per step', () => {
    const d = 40;
    const n = 6;
    const k = 20;
    let prev = Infinity;
    let prevTheta: Float64Array | null = null;
    let maxRel = 0;
    const { r } = trainedNaive(new Stream('reach'), d, n, k, 1e-4, {
      loss: 'exp',
      onStep: (_s, logL, _q, _n, state) => {
        expect(logL).toBeLessThanOrEqual(prev);
        prev = logL;
        const th = (state as NaiveState).theta;
        if (prevTheta) {
          let dd = 0;
          let nn = 0;
          for (let j = 0; j < th.length; j++) {
            dd += (th[j] - prevTheta[j]) ** 2;
            nn += prevTheta[j] ** 2;
          }
          maxRel = Math.max(maxRel, Math.sqrt(dd / nn));
        }
        prevTheta = th;
      },
    });
    expect(r.reached).toBe(true);
    expect(r.logLoss).toBeLessThanOrEqual(Math.log(1e-30));
    expect(r.checkpoints.map((c) => c.level)).toEqual([...CHECKPOINT_LEVELS]);
    for (let i = 1; i < r.checkpoints.length; i++) expect(r.checkpoints[i].step).toBeGreaterThan(r.checkpoints[i - 1].step);
    expect(maxRel).toBeLessThanOrEqual(1e-3 * (1 + 1e-9));
    expect(kktCertificate(r.trace).certified).toBe(true);
  });

  it('reaches 1e-30 in seconds at d = 1000, n = 20, k = 100 (span trainer); the end point is a certified KKT point', () => {
    const d = 1000;
    const n = 20;
    const k = 100;
    const rng = new Stream('reach-large');
    const data = sampleSphereGram(rng.child('data'), d, n);
    const model = new SpanModel(d, k, data.K, data.y);
    const t0 = performance.now();
    const r = trainGD(model, model.state(sampleSpanInit(rng.child('init'), d, k, data.C as Float64Array, n, 1e-4)), { loss: 'exp' });
    const ms = performance.now() - t0;
    expect(r.reached).toBe(true);
    expect(ms).toBeLessThan(20000);
    const cert = kktCertificate(r.trace);
    expect(cert.residual).toBeLessThanOrEqual(0.15);
    expect(cert.slackness).toBeLessThanOrEqual(0.01);
  });

  it('minibatch SGD (loss-normalised, capped) also reaches L ≤ 1e-30', () => {
    const d = 200;
    const n = 8;
    const k = 30;
    const rng = new Stream('sgd');
    const data = sampleSphereGram(rng.child('data'), d, n);
    const model = new SpanModel(d, k, data.K, data.y);
    const r = trainSGD(model, model.state(sampleSpanInit(rng.child('init'), d, k, data.C as Float64Array, n, 1e-4)), {
      loss: 'exp',
      batch: 2,
      rng: rng.child('batches'),
    });
    expect(r.reached).toBe(true);
    expect(r.checkpoints.length).toBe(4);
  });

  it('bad options are rejected naming the API and the value', () => {
    const rng = new Stream('bad');
    const data = sampleSphereGram(rng, 10, 3);
    const model = new SpanModel(10, 2, data.K, data.y);
    const s0 = model.state(sampleSpanInit(rng, 10, 2, data.C as Float64Array, 3, 1e-4));
    expect(() => trainGD(model, s0, { loss: 'exp', cap: 0 })).toThrow(/trainGD: cap must be a finite number in \(0, 1\], got 0/);
    expect(() => trainGD(model, s0, { loss: 'exp', maxSteps: 0 })).toThrow(/trainGD: maxSteps must be an integer ≥ 1, got 0/);
    expect(() => trainSGD(model, s0, { loss: 'exp', batch: 4, rng })).toThrow(/trainSGD: batch must be an integer in \[1, 3\], got 4/);
  });
});

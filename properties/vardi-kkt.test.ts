import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { lsiGram } from '../src/core/linalg/nnls.js';
import { denseKkt } from './kkt-reference.js';
import { trainedNaive } from './training-fixtures.js';
import { initTheta } from '../src/papers/vardi/model/biasedRelu.js';
import { scaleTrace, traceOfTheta } from '../src/papers/vardi/model/netTrace.js';
import { sampleSphereData } from '../src/papers/vardi/model/sphereData.js';
import { Stream } from '../src/core/random/stream.js';
import { kktCertificate } from '../src/papers/vardi/training/kkt.js';
import { kinkQpObjective, solveKinkQp, type KinkQp } from '../src/papers/vardi/training/kktQp.js';

/** A random kink QP with its dense LSI form: columns A_i dense, B_j supported on their block's own coordinates. */
function randomQp(seed: number, n: number, blockSizes: number[]) {
  const rng = new Stream(`kinkqp/${seed}`);
  const J = blockSizes.reduce((s, b) => s + b, 0);
  const mA = n + 2;
  const m = mA + blockSizes.reduce((s, b) => s + b + 1, 0);
  const p = n + J;
  const E = new Float64Array(m * p);
  for (let r = 0; r < m; r++) for (let i = 0; i < n; i++) E[r * p + i] = rng.normal();
  let row = mA;
  let j = 0;
  const kinkSample = new Int32Array(J);
  const blocks: Array<{ start: number; size: number }> = [];
  for (const size of blockSizes) {
    blocks.push({ start: j, size });
    for (let c = 0; c < size; c++) {
      kinkSample[j + c] = rng.int(n);
      for (let r = row; r < row + size + 1; r++) E[r * p + n + j + c] = rng.normal();
    }
    row += size + 1;
    j += size;
  }
  const f = Float64Array.from({ length: m }, () => rng.normal());
  const M = new Float64Array(p * p);
  const c = new Float64Array(p);
  for (let r = 0; r < m; r++)
    for (let a = 0; a < p; a++) {
      c[a] += E[r * p + a] * f[r];
      for (let b = 0; b < p; b++) M[a * p + b] += E[r * p + a] * E[r * p + b];
    }
  const qp: KinkQp = {
    n,
    J,
    kinkSample,
    blocks,
    Mll: Float64Array.from({ length: n * n }, (_, t) => M[Math.floor(t / n) * p + (t % n)]),
    Mlm: Float64Array.from({ length: n * J }, (_, t) => M[Math.floor(t / J) * p + n + (t % J)]),
    Mmm: blocks.map((b) =>
      Float64Array.from({ length: b.size * b.size }, (_, t) => M[(n + b.start + Math.floor(t / b.size)) * p + n + b.start + (t % b.size)]),
    ),
    cl: c.slice(0, n),
    cm: c.slice(n),
  };
  // Dense constraints: λ ≥ 0, μ ≥ 0, λ_{i(j)} − μ_j ≥ 0.
  const mc = n + 2 * J;
  const G = new Float64Array(mc * p);
  for (let i = 0; i < n; i++) G[i * p + i] = 1;
  for (let q = 0; q < J; q++) {
    G[(n + q) * p + n + q] = 1;
    G[(n + J + q) * p + kinkSample[q]] = 1;
    G[(n + J + q) * p + n + q] = -1;
  }
  return { qp, M, c, p, G, mc };
}

describe('Clarke KKT certificate', () => {
  test.prop([fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }), fc.integer({ min: 0, max: 1e9 })], { numRuns: 40 })(
    'the structured interior-point QP solver reaches the exact optimum of the Lawson–Hanson LSI reference',
    (n, blockSizes, seed) => {
      const { qp, M, c, p, G, mc } = randomQp(seed, n, blockSizes);
      const ref = lsiGram(M, c, p, G, mc, new Float64Array(mc));
      const refObj = kinkQpObjective(qp, ref.slice(0, n), ref.slice(n));
      const sol = solveKinkQp(qp);
      expect(sol.converged).toBe(true);
      const scale = 1 + Math.abs(refObj);
      expect(Math.abs(sol.objective - refObj), `IPM ${sol.objective} vs LSI ${refObj}`).toBeLessThanOrEqual(1e-8 * scale);
      for (let i = 0; i < n; i++) expect(sol.lambda[i]).toBeGreaterThanOrEqual(0);
      for (let j = 0; j < qp.J; j++) {
        expect(sol.mu[j]).toBeGreaterThanOrEqual(0);
        expect(sol.mu[j]).toBeLessThanOrEqual(sol.lambda[qp.kinkSample[j]]);
      }
    },
  );

  it('on a trained net the trace-based certificate equals the dense θ-space computation, and certifies', () => {
    // Seeds whose training reaches L ≤ 1e-30 (with k = 10 a sample on which every ReLU dies, stalling GD, has probability ≈ 25%).
    for (const seed of [1, 3]) {
      const d = 20;
      const n = 5;
      const k = 10;
      const { data, r, theta } = trainedNaive(new Stream(`kkt-net/${seed}`), d, n, k, 1e-4, { loss: 'exp' });
      expect(r.reached).toBe(true);
      const cert = kktCertificate(r.trace);
      // Dense reference: columns A_i (fixed relu′ off the kinks) and B_(l,i) (kink pairs) written out in θ-space.
      const ref = denseKkt(theta, { d, k }, data.X as Float64Array, data.y, 1e-3);
      const dense = ref.residual;
      const J = ref.kinks;
      expect(cert.kinks).toBe(J);
      expect(Math.abs(cert.residual - dense), `trace ${cert.residual} vs dense ${dense}`).toBeLessThanOrEqual(1e-5);
      expect(cert.residual).toBeLessThanOrEqual(cert.residualFixedChoice + 1e-9);
      expect(cert.certified, JSON.stringify({ residual: cert.residual, slackness: cert.slackness })).toBe(true);
      // λ is invariant under θ → cθ: the certificate does not depend on the scale.
      const c3 = kktCertificate(scaleTrace(r.trace, 7));
      expect(Math.abs(c3.residual - cert.residual)).toBeLessThanOrEqual(1e-8);
      expect(Math.abs(c3.slackness - cert.slackness)).toBeLessThanOrEqual(1e-8);
    }
  });

  it('the random initialisation is not certified (negative control of the certificate)', () => {
    for (const seed of [1, 2, 3]) {
      const rng = new Stream(`kkt-init/${seed}`);
      const d = 50;
      const n = 8;
      const k = 10;
      const data = sampleSphereData(rng.child('data'), d, n);
      const theta = initTheta(rng.child('init'), { d, k }, 1e-4);
      const cert = kktCertificate(traceOfTheta(theta, { d, k }, data.X as Float64Array, data.y));
      expect(cert.certified).toBe(false);
      expect(cert.residual).toBeGreaterThan(0.5);
    }
  });
});

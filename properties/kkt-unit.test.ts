import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { biasOffset, initTheta, outputOffset } from '../src/papers/vardi/model/biasedRelu.js';
import { scaleTrace, traceMargins, traceOfTheta } from '../src/papers/vardi/model/netTrace.js';
import { sampleSphereData } from '../src/papers/vardi/model/sphereData.js';
import { Stream } from '../src/core/random/stream.js';
import { kktCertificate } from '../src/papers/vardi/training/kkt.js';
import { cholesky, choleskySolve } from '../src/core/linalg/cholesky.js';
import { solveBlockRows, solveKinkQp, subtractSchurBlock, type KinkQp } from '../src/papers/vardi/training/kktQp.js';
import { denseKkt } from './kkt-reference.js';
import { trainedNaive } from './training-fixtures.js';

/**
 * The KKT certificate (kkt.ts) on nets that need no long training: random nets with planted
 * kinks (z_li = 0 on one sample, and on two samples of one neuron) and a net trained for a few
 * hundred steps, against the dense θ-space reference (kkt-reference.ts): residual, the
 * fixed-choice residual, kinks, active pairs, minimum margin, slackness and the certified flag.
 */

/** A random net θ (scale 1) on sphere data, with kinks planted in neurons 0 and 1. */
function plantedNet(seed: number, d: number, n: number, k: number) {
  const rng = new Stream(`kkt-planted/${seed}`);
  const data = sampleSphereData(rng.child('data'), d, n);
  const X = data.X as Float64Array;
  const s = { d, k };
  const theta = initTheta(rng.child('init'), s, 1);
  const bo = biasOffset(s);
  const dot = (l: number, i: number): number => {
    let v = 0;
    for (let j = 0; j < d; j++) v += theta[l * d + j] * X[i * d + j];
    return v;
  };
  // Kinks are planted at |z| = 1e-7 (well inside the tolerance 1e-3·‖(w, b)‖·√(d+1), but with a
  // definite sign, so that the fixed choice relu′ = 1[z > 0] does not hang on rounding).
  // neuron 0: z_00 = +1e-7
  theta[bo] = -dot(0, 0) + 1e-7;
  if (k >= 2 && n >= 3) {
    // neuron 1: w_1·x_1 = w_1·x_2, then z_11 = z_12 = −1e-7 (a block of two kinks)
    const diff = Array.from({ length: d }, (_, j) => X[d + j] - X[2 * d + j]);
    const dd = diff.reduce((a, v) => a + v * v, 0);
    let wd = 0;
    for (let j = 0; j < d; j++) wd += theta[d + j] * diff[j];
    for (let j = 0; j < d; j++) theta[d + j] -= (wd / dd) * diff[j];
    theta[bo + 1] = -dot(1, 1) - 1e-7;
  }
  // neurons ≥ 2 active on (almost) every sample, so that no sample's ∇q vanishes (with every ReLU
  // dead on a sample, λ_i is unbounded and the QP degenerates: the certificate then reports
  // converged: false, which is tested separately)
  for (let l = 2; l < k; l++) theta[bo + l] = 2 + Math.abs(rng.normal());
  return { data, X, s, theta, trace: traceOfTheta(theta, s, X, data.y) };
}

/** Σ λ_i (q_i/min q − 1) / Σ λ_i. */
function slacknessOf(lambda: Float64Array, q: Float64Array): number {
  const m = Math.min(...q);
  let num = 0;
  let den = 0;
  q.forEach((v, i) => {
    num += lambda[i] * (v / m - 1);
    den += lambda[i];
  });
  return num / den;
}

describe('KKT certificate against the dense θ-space reference', () => {
  test.prop([fc.integer({ min: 3, max: 5 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 3, max: 6 }), fc.integer({ min: 0, max: 1e9 })], {
    numRuns: 30,
  })(
    'random nets with planted kinks: residual, fixed-choice residual, kinks, active pairs, minimum margin and (when margins are positive) slackness',
    (n, extra, k, seed) => {
      const { data, X, s, theta, trace } = plantedNet(seed, n + 1 + extra, n, k);
      const cert = kktCertificate(trace);
      const ref = denseKkt(theta, s, X, data.y, 1e-3);
      const fixed = denseKkt(theta, s, X, data.y, 1e-3, false);
      expect(cert.kinks).toBe(ref.kinks);
      expect(cert.kinks).toBeGreaterThanOrEqual(3);
      expect(cert.activePairs).toBe(ref.activePairs);
      expect(Math.abs(cert.residual - ref.residual), `residual ${cert.residual} vs ${ref.residual}`).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(cert.residualFixedChoice - fixed.residual), `fixed ${cert.residualFixedChoice} vs ${fixed.residual}`).toBeLessThanOrEqual(1e-6);
      expect(cert.residual).toBeLessThanOrEqual(cert.residualFixedChoice + 1e-9);
      const q = traceMargins(trace);
      expect(cert.minMargin).toBe(Math.min(...q));
      expect(cert.marginsPositive).toBe(Math.min(...q) > 0);
      expect(cert.lambda.length).toBe(n);
      expect(cert.solver.converged).toBe(true);
      if (cert.marginsPositive) {
        const lsum = ref.lambda.reduce((a, v) => a + v, 0);
        if (lsum > 1e-6) expect(Math.abs(cert.slackness - slacknessOf(cert.lambda, q))).toBeLessThanOrEqual(1e-9);
      } else {
        expect(cert.slackness).toBeNaN();
        expect(cert.certified).toBe(false);
      }
    },
  );

  it('a briefly trained net (positive margins, no kinks planted): every field against the reference; certified exactly at its own bounds', () => {
    const d = 16;
    const n = 5;
    const k = 6;
    const { data, r, theta } = trainedNaive(new Stream('kkt-brief'), d, n, k, 1e-2, { loss: 'exp', cap: 0.03, target: 1e-3 });
    expect(r.reached).toBe(true);
    const cert = kktCertificate(r.trace);
    const ref = denseKkt(theta, { d, k }, data.X as Float64Array, data.y, 1e-3);
    const q = traceMargins(r.trace);
    expect(cert.marginsPositive).toBe(true);
    expect(Math.abs(cert.residual - ref.residual)).toBeLessThanOrEqual(1e-6);
    for (let i = 0; i < n; i++) expect(Math.abs(cert.lambda[i] - ref.lambda[i])).toBeLessThanOrEqual(1e-5 * (1 + ref.lambda[i]));
    const sl = slacknessOf(ref.lambda, q);
    expect(Math.abs(cert.slackness - sl)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(sl)));
    expect(cert.slackness).toBeGreaterThanOrEqual(0);
    // the certified flag is residual ≤ residualBound ∧ slackness ≤ slacknessBound (both inclusive)
    const at = { residualBound: cert.residual, slacknessBound: cert.slackness };
    expect(kktCertificate(r.trace, at).certified).toBe(true);
    expect(kktCertificate(r.trace, { ...at, residualBound: cert.residual * (1 - 1e-9) }).certified).toBe(false);
    expect(kktCertificate(r.trace, { ...at, slacknessBound: cert.slackness * (1 - 1e-9) - 1e-300 }).certified).toBe(false);
    expect(cert.certified).toBe(cert.residual <= 0.15 && cert.slackness <= 0.01);
    // scale invariance
    const c5 = kktCertificate(scaleTrace(r.trace, 5));
    expect(Math.abs(c5.residual - cert.residual)).toBeLessThanOrEqual(1e-9);
    expect(c5.minMargin).toBeCloseTo(25 * cert.minMargin, 9);
  });

  it('kink tolerance: 0 finds no kinks on a generic net, a huge one makes every pair with a ≠ 0 a kink; bad tolerance and θ = 0 are named', () => {
    const { trace, theta, s, X, data } = plantedNet(7, 9, 4, 3);
    const all = kktCertificate(trace, { kinkTolerance: 1e6 });
    expect(all.kinks).toBe(3 * 4);
    expect(all.activePairs).toBe(0);
    // λ = 0 is feasible, so the residual is ≤ ‖θ̂‖ = 1, and the Clarke choice only lowers it
    expect(all.residual).toBeGreaterThanOrEqual(0);
    expect(all.residual).toBeLessThanOrEqual(Math.min(1, all.residualFixedChoice) + 1e-9);
    const none = kktCertificate(
      traceOfTheta(
        theta.map((v, j) => (j === biasOffset(s) || j === biasOffset(s) + 1 ? v + 0.1 : v)),
        s,
        X,
        data.y,
      ),
      { kinkTolerance: 0 },
    );
    expect(none.kinks).toBe(0);
    // a neuron with a = 0 has no kinks (its w and b columns vanish)
    const dead = theta.slice();
    dead[outputOffset(s)] = 0;
    expect(kktCertificate(traceOfTheta(dead, s, X, data.y), { kinkTolerance: 1e6 }).kinks).toBe(2 * 4);
    // a net whose ReLUs are all off (but for the planted kinks) on every sample: no ∇q_i off the kinks,
    // λ is unbounded; the certificate still answers (residual in [0, 1]), and does not certify
    const deadNet = plantedNet(545940462, 4, 3, 2);
    const dc = kktCertificate(deadNet.trace);
    expect(dc.activePairs).toBe(0);
    expect(dc.residual).toBeGreaterThanOrEqual(0);
    expect(dc.residual).toBeLessThanOrEqual(1 + 1e-9);
    expect(dc.marginsPositive).toBe(false);
    expect(dc.certified).toBe(false);
    for (const t of [-1, NaN, Infinity])
      expect(() => kktCertificate(trace, { kinkTolerance: t })).toThrow(new RegExp(`^kktCertificate: kinkTolerance must be a finite number ≥ 0, got ${t}$`));
    expect(() => kktCertificate(traceOfTheta(new Float64Array(theta.length), s, X, data.y))).toThrow(/^kktCertificate: ‖θ‖ must be finite and > 0, got 0$/);
    expect(() => kktCertificate({ ...trace, a: trace.a.map(() => Infinity) })).toThrow(/^kktCertificate: ‖θ‖ must be finite and > 0, got Infinity$/);
  });
});

describe('solveKinkQp input validation', () => {
  /** A valid QP with n = 2 samples and one block of J = 2 kinks (identity Hessian, c = 1). */
  const qp = (): KinkQp => ({
    n: 2,
    J: 2,
    kinkSample: Int32Array.from([0, 1]),
    blocks: [{ start: 0, size: 2 }],
    Mll: Float64Array.from([1, 0, 0, 1]),
    Mlm: new Float64Array(4),
    Mmm: [Float64Array.from([1, 0, 0, 1])],
    cl: Float64Array.from([1, 1]),
    cm: Float64Array.from([1, 1]),
  });

  it('a separable QP: λ = c, μ = min(c, λ) at the optimum; each malformed field is named with its expected size', () => {
    const sol = solveKinkQp(qp());
    expect(sol.converged).toBe(true);
    // the optimum lies on the face μ = λ (degenerate): the variables to ~1e-7, the objective to 1e-8
    for (const v of [...sol.lambda, ...sol.mu]) expect(v).toBeCloseTo(1, 5);
    expect(sol.objective).toBeCloseTo(-2, 8);
    const bad: Array<[Partial<KinkQp>, RegExp]> = [
      [{ Mll: new Float64Array(3) }, /^solveKinkQp: Mll must be n × n = 2×2, got 3$/],
      [{ Mlm: new Float64Array(3) }, /^solveKinkQp: Mlm must be n × J = 2×2, got 3$/],
      [{ cl: new Float64Array(1) }, /^solveKinkQp: c must have lengths n = 2 and J = 2$/],
      [{ cm: new Float64Array(3) }, /^solveKinkQp: c must have lengths n = 2 and J = 2$/],
      [{ blocks: [{ start: 1, size: 2 }] }, /^solveKinkQp: block 0 must start at 0, got 1$/],
      [{ Mmm: [new Float64Array(3)] }, /^solveKinkQp: block 0 must be 2×2$/],
      [{ blocks: [{ start: 0, size: 1 }], Mmm: [new Float64Array(1)] }, /^solveKinkQp: blocks cover 1 kinks, expected J = 2$/],
      [{ kinkSample: Int32Array.from([0, 2]) }, /^solveKinkQp: kinkSample\[1\] = 2 not in \[0, 2\)$/],
      [{ kinkSample: Int32Array.from([-1, 0]) }, /^solveKinkQp: kinkSample\[0\] = -1 not in \[0, 2\)$/],
    ];
    for (const [over, msg] of bad) expect(() => solveKinkQp({ ...qp(), ...over })).toThrow(msg);
  });
});

describe('the Newton step kernels of solveKinkQp, several rows per pass, are the one-row computation bit for bit', () => {
  /** A block's Cholesky factor (bs × bs), Hlm (n × J, some rows zero) and a row subset, from a seed. */
  function blockCase(seed: number, n: number, bs: number, rowCount: number) {
    const rng = new Stream(`kkt-kernels/${seed}`);
    const J = bs + 3;
    const start = 2;
    const A = new Float64Array(bs * bs);
    const g = Float64Array.from({ length: bs * bs }, () => rng.normal());
    for (let r = 0; r < bs; r++) for (let c = 0; c < bs; c++) for (let q = 0; q < bs; q++) A[r * bs + c] += g[r * bs + q] * g[c * bs + q];
    for (let r = 0; r < bs; r++) A[r * bs + r] += bs;
    const Hlm = Float64Array.from({ length: n * J }, () => rng.normal());
    const rows = Int32Array.from(
      Array.from({ length: n }, (_, i) => i)
        .filter((i) => i % 5 !== 2)
        .slice(0, rowCount),
    );
    return { L: cholesky(A, bs), Hlm, J, start, rows };
  }

  test.prop([fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 12 })])(
    'solveBlockRows = choleskySolve row by row; subtractSchurBlock = the one-row Schur update',
    (seed, bs, nExtra, rowCount) => {
      const n = Math.max(rowCount, 1) + nExtra;
      const { L, Hlm, J, start, rows } = blockCase(seed, n, bs, rowCount);
      const W = new Float64Array(n * bs);
      solveBlockRows(L, bs, Hlm, J, start, rows, W);
      const want = new Float64Array(n * bs);
      for (const i of rows) want.set(choleskySolve(L, bs, Hlm.subarray(i * J + start, i * J + start + bs)), i * bs);
      expect(Array.from(W)).toEqual(Array.from(want));

      const Hll = Float64Array.from({ length: n * n }, (_, t) => Math.sin(t + seed));
      const ref = Hll.slice();
      subtractSchurBlock(Hll, n, Hlm, J, start, W, bs, rows);
      for (let ii = 0; ii < rows.length; ii++)
        for (let aa = 0; aa <= ii; aa++) {
          const [i, a] = [rows[ii], rows[aa]];
          let acc = 0;
          for (let r = 0; r < bs; r++) acc += Hlm[i * J + start + r] * W[a * bs + r];
          ref[i * n + a] -= acc;
          if (a !== i) ref[a * n + i] -= acc;
        }
      expect(Array.from(Hll)).toEqual(Array.from(ref));
    },
  );
});

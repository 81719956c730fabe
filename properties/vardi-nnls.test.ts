import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve } from '../src/core/linalg/cholesky.js';
import { leastDistance, lsiGram, nnls, nnlsGram } from '../src/core/linalg/nnls.js';
import { Stream } from '../src/core/random/stream.js';

function randomMatrix(rng: Stream, m: number, p: number): Float64Array {
  return Float64Array.from({ length: m * p }, () => rng.normal());
}
function gram(E: Float64Array, m: number, p: number, f: Float64Array): { M: Float64Array; c: Float64Array } {
  const M = new Float64Array(p * p);
  const c = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    for (let a = 0; a < p; a++) {
      c[a] += E[i * p + a] * f[i];
      for (let b = 0; b < p; b++) M[a * p + b] += E[i * p + a] * E[i * p + b];
    }
  }
  return { M, c };
}
function residualNorm(E: Float64Array, m: number, p: number, f: Float64Array, x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < m; i++) {
    let r = f[i];
    for (let j = 0; j < p; j++) r -= E[i * p + j] * x[j];
    s += r * r;
  }
  return Math.sqrt(s);
}

const sizes = fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 1e9 }));

describe('Lawson–Hanson NNLS and the problems it solves', () => {
  test.prop([sizes])('NNLS satisfies its KKT conditions: x ≥ 0, w = Eᵀ(f − Ex) ≤ 0 on x = 0, w = 0 on x > 0', ([m, p, seed]) => {
    const rng = new Stream(`nnls/${seed}`);
    const E = randomMatrix(rng, m, p);
    const f = Float64Array.from({ length: m }, () => 3 * rng.normal());
    const { x, w } = nnls(E, m, p, f);
    const scale = 1e-9 * (1 + residualNorm(E, m, p, f, new Float64Array(p))) * Math.sqrt(m * p);
    for (let j = 0; j < p; j++) {
      expect(x[j]).toBeGreaterThanOrEqual(0);
      if (x[j] > 0) expect(Math.abs(w[j]), `w[${j}] at positive x`).toBeLessThanOrEqual(scale * 10);
      else expect(w[j], `w[${j}] at x = 0`).toBeLessThanOrEqual(scale * 10);
    }
  });

  test.prop([sizes])('Gram-form NNLS (FNNLS) reaches the same optimum; no feasible perturbation improves it', ([m, p, seed]) => {
    const rng = new Stream(`fnnls/${seed}`);
    const E = randomMatrix(rng, Math.max(m, p), p);
    const mm = Math.max(m, p);
    const f = Float64Array.from({ length: mm }, () => rng.normal());
    const a = nnls(E, mm, p, f);
    const { M, c } = gram(E, mm, p, f);
    const b = nnlsGram(M, c, p);
    const ra = residualNorm(E, mm, p, f, a.x);
    const rb = residualNorm(E, mm, p, f, b.x);
    expect(Math.abs(ra - rb)).toBeLessThanOrEqual(1e-8 * (1 + ra));
    for (let t = 0; t < 20; t++) {
      const y = a.x.map((v) => Math.max(0, v + 0.01 * rng.normal()));
      expect(residualNorm(E, mm, p, f, y)).toBeGreaterThanOrEqual(ra - 1e-10);
    }
  });

  test.prop([fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e9 })])(
    'LDP: min ‖x‖ s.t. Gx ≥ h is feasible and stationary (x = Gᵀu, u ≥ 0 on the active constraints)',
    (n, m, seed) => {
      const rng = new Stream(`ldp/${seed}`);
      const G = randomMatrix(rng, m, n);
      // A feasible system: h = G x0 − slack.
      const x0 = Float64Array.from({ length: n }, () => rng.normal());
      const h = new Float64Array(m);
      for (let r = 0; r < m; r++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += G[r * n + j] * x0[j];
        h[r] = s - Math.abs(rng.normal());
      }
      const x = leastDistance(G, m, n, h);
      const active: number[] = [];
      for (let r = 0; r < m; r++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += G[r * n + j] * x[j];
        expect(s).toBeGreaterThanOrEqual(h[r] - 1e-9 * (1 + Math.abs(h[r])));
        if (s - h[r] <= 1e-7 * (1 + Math.abs(h[r]))) active.push(r);
      }
      // Stationarity: x ∈ cone{g_r : r active}, certified by NNLS on the active rows.
      const A = new Float64Array(n * active.length);
      active.forEach((r, c) => {
        for (let j = 0; j < n; j++) A[j * active.length + c] = G[r * n + j];
      });
      let xn = 0;
      for (const v of x) xn += v * v;
      if (active.length === 0) expect(Math.sqrt(xn)).toBeLessThanOrEqual(1e-9);
      else {
        const u = nnls(A, n, active.length, x);
        expect(residualNorm(A, n, active.length, x, u.x)).toBeLessThanOrEqual(1e-6 * (1 + Math.sqrt(xn)));
      }
    },
  );

  test.prop([fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1e9 })])(
    'LSI (Gram form): with G = I, h = 0 it is NNLS; the Cholesky solve inverts',
    (p, seed) => {
      const rng = new Stream(`lsi/${seed}`);
      const E = randomMatrix(rng, p + 3, p);
      const f = Float64Array.from({ length: p + 3 }, () => rng.normal());
      const { M, c } = gram(E, p + 3, p, f);
      const I = new Float64Array(p * p);
      for (let j = 0; j < p; j++) I[j * p + j] = 1;
      const x = lsiGram(M, c, p, I, p, new Float64Array(p));
      const ref = nnls(E, p + 3, p, f).x;
      for (let j = 0; j < p; j++) expect(Math.abs(x[j] - ref[j])).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(ref[j])));
      const b = Float64Array.from({ length: p }, () => rng.normal());
      const y = choleskySolve(cholesky(M, p), p, b);
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += M[i * p + j] * y[j];
        expect(Math.abs(s - b[i])).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(b[i])));
      }
    },
  );

  it('bad input is rejected with the API and the sizes', () => {
    expect(() => nnls(new Float64Array(5), 2, 3, new Float64Array(2))).toThrow(/nnls: E must be m × p = 2×3, got 5 entries/);
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/cholesky: matrix is not positive definite/);
    expect(() => leastDistance(Float64Array.from([1, -1]), 2, 1, Float64Array.from([1, 1]))).toThrow(/incompatible/);
  });
});

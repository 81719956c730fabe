import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { add, axpy, dot, matmul, matTvec, matvec, norm1, norm2, normInf, transpose } from '../src/core/linalg/kernels.js';
import { activationNames, getActivation } from '../src/papers/bubeck/model/activations.js';
import { forward, inputGradient, sampleTwoLayerNet } from '../src/papers/bubeck/model/twoLayer.js';
import { spherePoint } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';

const vec = (n: number) => fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }).map((a) => Float64Array.from(a));
const EPS = Number.EPSILON;

describe('Float64Array kernels', () => {
  test.prop([fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(vec(n), vec(n)))])('dot is symmetric and bilinear; |⟨a,b⟩| ≤ ‖a‖‖b‖', ([a, b]) => {
    expect(dot(a, b)).toBe(dot(b, a));
    expect(Math.abs(dot(a, b))).toBeLessThanOrEqual(norm2(a) * norm2(b) * (1 + 1e-12) + 1e-300);
    expect(dot(a, add(b, b))).toBeCloseTo(2 * dot(a, b), 6);
  });
  test.prop([fc.integer({ min: 1, max: 12 }).chain((n) => vec(n))])('norm inequalities ‖x‖∞ ≤ ‖x‖₂ ≤ ‖x‖₁ ≤ n‖x‖∞', (x) => {
    const n = x.length;
    expect(normInf(x)).toBeLessThanOrEqual(norm2(x) * (1 + 4 * EPS));
    expect(norm2(x)).toBeLessThanOrEqual(norm1(x) * (1 + 4 * EPS));
    expect(norm1(x)).toBeLessThanOrEqual(n * normInf(x) * (1 + 4 * EPS));
    expect(norm2(x) ** 2).toBeCloseTo(dot(x, x), 6);
  });
  test.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e9 })])(
    'matvec, matTvec and matmul agree with each other and with transposes',
    (n, m, p, seed) => {
      const rng = new Stream(seed);
      const A = Float64Array.from({ length: n * m }, () => rng.normal());
      const B = Float64Array.from({ length: m * p }, () => rng.normal());
      const x = Float64Array.from({ length: m }, () => rng.normal());
      const v = Float64Array.from({ length: n }, () => rng.normal());
      const C = matmul(A, n, m, B, p);
      // (AB)ᵀ = BᵀAᵀ
      const CT = matmul(transpose(B, m, p), p, m, transpose(A, n, m), n);
      for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) expect(CT[j * n + i]).toBeCloseTo(C[i * p + j], 10);
      // ⟨v, Ax⟩ = ⟨Aᵀv, x⟩
      expect(dot(v, matvec(A, n, m, x))).toBeCloseTo(dot(matTvec(A, n, m, v), x), 10);
      // axpy
      const y = Float64Array.from(v);
      axpy(2, v, y);
      for (let i = 0; i < n; i++) expect(y[i]).toBeCloseTo(3 * v[i], 12);
    },
  );
  it('shape mismatches are rejected naming the kernel', () => {
    expect(() => dot(new Float64Array(2), new Float64Array(3))).toThrow(/dot: length mismatch/);
    expect(() => matvec(new Float64Array(6), 2, 3, new Float64Array(2))).toThrow(/matvec: x has length 2, expected 3/);
  });
});

describe('activation registry', () => {
  it('unknown activations are rejected listing the known ones', () => {
    expect(() => getActivation('swish')).toThrow(/unknown activation "swish"; known: tanh, softplus/);
  });
  test.prop([fc.constantFrom(...activationNames), fc.double({ min: -6, max: 6, noNaN: true })])(
    "σ′ and σ″ match central differences of σ and σ′ (away from ReLU's kink)",
    (name, z) => {
      const a = getActivation(name);
      if (!Number.isFinite(a.smoothness) && Math.abs(z) < 1e-3) return;
      const h = 1e-5;
      expect(Math.abs((a.f(z + h) - a.f(z - h)) / (2 * h) - a.df(z))).toBeLessThan(1e-7);
      expect(Math.abs((a.df(z + h) - a.df(z - h)) / (2 * h) - a.d2f(z))).toBeLessThan(1e-6);
      expect(Math.abs(a.df(z))).toBeLessThanOrEqual(a.lipschitz + 1e-12);
    },
  );
});

describe('two-layer net gradient', () => {
  test.prop([
    fc.integer({ min: 2, max: 30 }),
    fc.integer({ min: 1, max: 30 }),
    fc.constantFrom('tanh', 'softplus', 'sigmoid-centred', 'gelu', 'identity'),
    fc.integer({ min: 0, max: 1e9 }),
  ])('∇f matches central finite differences in every coordinate', (d, k, act, seed) => {
    const rng = new Stream(seed);
    const net = sampleTwoLayerNet(rng.child('net'), d, k, act);
    const x = spherePoint(rng.child('x'), d);
    const g = inputGradient(net, x);
    const h = 1e-5;
    for (let j = 0; j < d; j++) {
      const xp = Float64Array.from(x);
      const xm = Float64Array.from(x);
      xp[j] += h;
      xm[j] -= h;
      const fd = (forward(net, xp) - forward(net, xm)) / (2 * h);
      expect(Math.abs(fd - g[j])).toBeLessThan(1e-7 * (1 + norm2(g)));
    }
  });
  it('bad sizes are rejected naming the parameter and range', () => {
    expect(() => sampleTwoLayerNet(new Stream(1), -3, 4, 'tanh')).toThrow(/d must be an integer ≥ 1, got -3/);
    expect(() => sampleTwoLayerNet(new Stream(1), 3, 0, 'tanh')).toThrow(/k must be an integer ≥ 1, got 0/);
  });
});

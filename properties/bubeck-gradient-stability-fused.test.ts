import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { gradientStability } from '../src/papers/bubeck/model/gradientStability.js';
import { gradientStabilityReference } from './bubeck-gradient-stability-reference.js';
import { rowPass } from '../src/papers/bubeck/model/rowPass.js';
import { sampleTwoLayerNet } from '../src/papers/bubeck/model/twoLayer.js';
import { matTvec, matvec } from '../src/core/linalg/kernels.js';
import { normalVector, spherePoint } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';

/**
 * The fused, lock-step gradient-stability attack (gradientStability.ts over rowPass.ts) against its unfused
 * reference (gradientStabilityReference.ts): bit-identical ρ and ‖∇f‖ for every start count, step count, scale,
 * activation and shape; and rowPass against matvec then matTvec, including coefficients that are zero.
 */
describe('fused gradient-stability attack', () => {
  const config = fc.record({
    seed: fc.integer({ min: 0, max: 1e6 }),
    d: fc.integer({ min: 1, max: 24 }),
    k: fc.integer({ min: 1, max: 24 }),
    activation: fc.constantFrom('tanh', 'softplus', 'gelu', 'sigmoid-centred', 'identity'),
    outputWeights: fc.constantFrom('rademacher' as const, 'gaussian' as const),
    radius: fc.double({ min: 0.01, max: 60, noNaN: true }),
    randomStarts: fc.integer({ min: 0, max: 9 }),
    steps: fc.integer({ min: 0, max: 14 }),
    gradScale: fc.constantFrom(1, 3, 1 / 7),
  });

  test.prop([config], { numRuns: 150 })('ρ and ‖∇f‖ equal the reference bit for bit', (c) => {
    const rng = new Stream(c.seed);
    const net = sampleTwoLayerNet(rng.child('net'), c.d, c.k, c.activation, c.outputWeights);
    const x = spherePoint(rng.child('x'), c.d);
    const opts = { randomStarts: c.randomStarts, steps: c.steps, gradScale: c.gradScale };
    const fused = gradientStability(net, x, c.radius, rng.child('attack'), opts);
    const reference = gradientStabilityReference(net, x, c.radius, rng.child('attack'), opts);
    expect(Object.is(fused.rho, reference.rho)).toBe(true);
    expect(Object.is(fused.gradNorm, reference.gradNorm)).toBe(true);
  });

  test.prop([config], { numRuns: 20 })('a net without gradient gives ρ = ∞ in both', (c) => {
    const rng = new Stream(c.seed);
    const net = { ...sampleTwoLayerNet(rng.child('net'), c.d, c.k, c.activation), a: new Float64Array(c.k) };
    const x = spherePoint(rng.child('x'), c.d);
    expect(gradientStability(net, x, c.radius, rng.child('a'))).toEqual(gradientStabilityReference(net, x, c.radius, rng.child('a')));
  });

  const pass = fc.record({
    seed: fc.integer({ min: 0, max: 1e6 }),
    d: fc.integer({ min: 1, max: 20 }),
    k: fc.integer({ min: 1, max: 20 }),
    B: fc.integer({ min: 0, max: 9 }),
    zeroEvery: fc.integer({ min: 1, max: 5 }),
  });

  test.prop([pass], { numRuns: 80 })('rowPass equals matvec then matTvec bit for bit (zero coefficients skipped)', ({ seed, d, k, B, zeroEvery }) => {
    const rng = new Stream(seed);
    const W = normalVector(rng.child('W'), k * d);
    const ys = Array.from({ length: B }, (_, b) => normalVector(rng.child('y', b), d));
    const coef = (b: number, l: number, s: number): number => ((b + l) % zeroEvery === 0 ? 0 : Math.tanh(s) - 0.1 * b);
    const dots = ys.map(() => new Float64Array(k));
    const outs = ys.map(() => new Float64Array(d).fill(7));
    rowPass(W, k, d, ys, coef, dots, outs);
    for (let b = 0; b < B; b++) {
      const u = matvec(W, k, d, ys[b]);
      const c = u.map((s, l) => coef(b, l, s));
      const g = matTvec(W, k, d, c);
      for (let l = 0; l < k; l++) expect(Object.is(dots[b][l], u[l])).toBe(true);
      for (let j = 0; j < d; j++) expect(Object.is(outs[b][j], g[j])).toBe(true);
    }
  });

  test.prop([pass], { numRuns: 10 })('rowPass names a mismatched shape', ({ d, k }) => {
    expect(() => rowPass(new Float64Array(k * d + 1), k, d, [], () => 1, [], [])).toThrow(/^rowPass: W has/);
  });
});

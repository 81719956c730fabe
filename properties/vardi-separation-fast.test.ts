import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { pgdAttack, pgdAttackSpan, type SpanPgdNetwork } from '../src/papers/vardi/model/pgd.js';
import { biasOffset, forward, initTheta, inputGradient, outputOffset, type BiasedReluShape } from '../src/papers/vardi/model/biasedRelu.js';
import { gramMatrix } from '../src/papers/vardi/model/netTrace.js';
import { buildRobustNetwork } from '../src/papers/vardi/model/robustNetwork.js';
import { maxInnerProduct, sampleClusteredData, sampleSphereData, sampleSphereGram, sampleSphereGramMatrix } from '../src/papers/vardi/model/sphereData.js';
import { normalVector, spherePoint } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';
import { referenceSphereGram } from './vardi-sphere-gram-reference.js';

const sameBits = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('sampleSphereGram / sampleSphereGramMatrix: the two-row Gram kernel keeps every entry bit for bit', () => {
  test.prop([fc.integer({ min: 2, max: 41 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 1e9 })], { numRuns: 60 })(
    'K equals the plain triple loop (odd and even n); sampleSphereGramMatrix equals sampleSphereGram (K and C)',
    (n, extra, seed) => {
      const d = n + extra;
      const rng = new Stream(`gram/${seed}`);
      const full = sampleSphereGram(rng, d, n);
      const bare = sampleSphereGramMatrix(rng, d, n);
      expect(sameBits(full.K, referenceSphereGram(rng, d, n))).toBe(true);
      expect(sameBits(bare.K, full.K)).toBe(true);
      expect(sameBits(bare.C, full.C as Float64Array)).toBe(true);
    },
  );
  test('sampleSphereGramMatrix validates d and n', () => {
    expect(() => sampleSphereGramMatrix(new Stream(1), 3, 4)).toThrow('sampleSphereGramMatrix: d must be ≥ n = 4 for the Bartlett factor, got 3');
    expect(() => sampleSphereGramMatrix(new Stream(1), 3, 1)).toThrow('sampleSphereGramMatrix: n must be an integer ≥ 2, got 1');
  });
});

describe('vardi.separation: the pair-tail draw ⟨x_1, x_2⟩ needs only the first two points', () => {
  test.prop([fc.integer({ min: 2, max: 60 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1e9 })], { numRuns: 60 })(
    'sampleSphereGram(rng, d, 2).K[1] is bit for bit sampleSphereGram(rng, d, n).K[1] (Bartlett rows 1–2 are drawn first)',
    (n, extra, seed) => {
      const d = n + extra;
      const rng = new Stream(`pair/${seed}`);
      expect(Object.is(sampleSphereGram(rng, d, 2).K[1], sampleSphereGram(rng, d, n).K[1])).toBe(true);
      expect(Object.is(sampleSphereGramMatrix(rng, d, 2).K[1], sampleSphereGram(rng, d, n).K[1])).toBe(true);
    },
  );
  test.prop([fc.integer({ min: 2, max: 20 }), fc.integer({ min: 2, max: 200 }), fc.integer({ min: 0, max: 1e9 })], { numRuns: 30 })(
    'sampleClusteredData(rng, d, 2, 0.3).K[1] is bit for bit sampleClusteredData(rng, d, n, 0.3).K[1] (x_i from stream x:i)',
    (n, d, seed) => {
      const rng = new Stream(`pair-clustered/${seed}`);
      expect(Object.is(sampleClusteredData(rng, d, 2, 0.3).K[1], sampleClusteredData(rng, d, n, 0.3).K[1])).toBe(true);
    },
  );
});

/** The span form of a biased ReLU net θ: its rows, their Gram matrix, b and a. */
function spanNet(theta: Float64Array, shape: BiasedReluShape, K?: Float64Array): SpanPgdNetwork {
  const { d, k } = shape;
  const W = theta.subarray(0, k * d);
  return {
    d,
    k,
    W,
    K: K ?? gramMatrix(W, k, d),
    b: theta.subarray(biasOffset(shape), biasOffset(shape) + k),
    a: theta.subarray(outputOffset(shape), outputOffset(shape) + k),
  };
}

/** ‖δ‖. */
const norm = (v: Float64Array): number => Math.sqrt(v.reduce((s, t) => s + t * t, 0));

describe('pgdAttackSpan: pgdAttack in the coordinates of span{w_l} (same starts, steps and stopping rule)', () => {
  test.prop(
    [fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.05, max: 3, noNaN: true }), fc.integer({ min: 0, max: 1e9 })],
    {
      numRuns: 40,
    },
  )('on a random biased ReLU net: the same margin (to 1e-9), the same flip verdict, and δ within the ball with that margin', (d, k, radius, seed) => {
    const rng = new Stream(`span-pgd/${seed}`);
    const shape = { d, k };
    const theta = initTheta(rng.child('theta'), shape, 1);
    theta.set(normalVector(rng.child('b'), k, 0.5), biasOffset(shape));
    const x = spherePoint(rng.child('x'), d);
    const y = rng.child('y').sign();
    const dir = normalVector(rng.child('dir'), d);
    const common = { x, y, radius, steps: 20, randomStarts: 2, directions: [dir], rng: rng.child('attack') };
    const direct = pgdAttack({ ...common, f: (z) => forward(theta, shape, z), grad: (z) => inputGradient(theta, shape, z) });
    const span = pgdAttackSpan({ ...common, net: spanNet(theta, shape) });
    const scale = Math.max(1, Math.abs(direct.margin));
    expect(Math.abs(span.margin - direct.margin)).toBeLessThanOrEqual(1e-9 * scale);
    expect(span.flipped).toBe(direct.flipped);
    expect(norm(span.delta)).toBeLessThanOrEqual(radius * (1 + 1e-9));
    const xp = x.map((t, j) => t + span.delta[j]);
    expect(Math.abs(y * forward(theta, shape, xp) - span.margin)).toBeLessThanOrEqual(1e-12 * scale);
  });

  test.prop(
    [fc.integer({ min: 5, max: 80 }), fc.integer({ min: 2, max: 10 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 1e9 })],
    {
      numRuns: 25,
    },
  )('on the robust network (K = the data Gram matrix): never flips inside r, flips as pgdAttack does at 1.05·r', (d, n, frac, seed) => {
    const rng = new Stream(`span-robust/${seed}`);
    const data = sampleSphereData(rng.child('data'), d, n);
    const c = maxInnerProduct(data.K, n) / d;
    const beta = c + frac * (1 - c);
    const X = data.X as Float64Array;
    const net = buildRobustNetwork(X, data.y, data.K, d, beta);
    const sn = spanNet(net.theta, net.shape, data.K);
    const u = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) u[j] += data.y[i] * X[i * d + j];
    for (let i = 0; i < n; i++) {
      const x = X.subarray(i * d, (i + 1) * d);
      for (const factor of [1 - 1e-6, 1.05]) {
        const common = {
          x,
          y: data.y[i],
          radius: net.radius * factor,
          steps: 30,
          randomStarts: 1,
          directions: [u, Float64Array.from(x)],
          rng: rng.child('atk', i),
        };
        const direct = pgdAttack({ ...common, f: (z) => forward(net.theta, net.shape, z), grad: (z) => inputGradient(net.theta, net.shape, z) });
        const span = pgdAttackSpan({ ...common, net: sn });
        expect(span.flipped).toBe(direct.flipped);
        if (factor < 1) expect(span.flipped).toBe(false);
        expect(Math.abs(span.margin - direct.margin)).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  test('validates its arguments, naming the parameter and the value', () => {
    const shape = { d: 3, k: 2 };
    const net = spanNet(initTheta(new Stream(1), shape, 1), shape);
    const x = new Float64Array(3);
    const rng = new Stream(2);
    expect(() => pgdAttackSpan({ net, x, y: 1, radius: -1, rng })).toThrow('pgdAttackSpan: radius must be a finite number ≥ 0, got -1');
    expect(() => pgdAttackSpan({ net, x, y: 1, radius: 1, steps: 0, rng })).toThrow('pgdAttackSpan: steps must be an integer ≥ 1, got 0');
    expect(() => pgdAttackSpan({ net, x, y: 0, radius: 1, rng })).toThrow('pgdAttackSpan: y must be ±1, got 0');
    expect(() => pgdAttackSpan({ net, x: new Float64Array(2), y: 1, radius: 1, rng })).toThrow('pgdAttackSpan: x must have length d = 3, got 2');
    expect(() => pgdAttackSpan({ net: { ...net, K: new Float64Array(3) }, x, y: 1, radius: 1, rng })).toThrow(
      'pgdAttackSpan: K must be k × k = 2×2, got 3 entries',
    );
  });
});

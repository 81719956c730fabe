import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { pgdAttack } from '../src/papers/vardi/model/pgd.js';
import { marginAlongUniversal, universalPerturbation, universalProjections } from '../src/papers/vardi/model/universal.js';
import { forward, initTheta, inputGradient } from '../src/papers/vardi/model/biasedRelu.js';
import { traceOfTheta } from '../src/papers/vardi/model/netTrace.js';
import { buildRobustNetwork, robustNetworkTrace } from '../src/papers/vardi/model/robustNetwork.js';
import { maxInnerProduct, sampleSphereData } from '../src/papers/vardi/model/sphereData.js';
import { normalVector } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';

/** A random biased ReLU net on sphere data, with the explicit universal direction u = Σ y_j x_j. */
function setup(seed: number, d: number, n: number, k: number) {
  const rng = new Stream(`universal/${seed}`);
  const data = sampleSphereData(rng.child('data'), d, n);
  const shape = { d, k };
  const theta = initTheta(rng.child('theta'), shape, 1);
  theta.set(normalVector(rng.child('b'), k, 2), k * d);
  const X = data.X as Float64Array;
  const u = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) u[j] += data.y[i] * X[i * d + j];
  const explicit = (i: number, eta: number): number => {
    const x = new Float64Array(d);
    for (let j = 0; j < d; j++) x[j] = X[i * d + j] - data.y[i] * eta * u[j];
    return data.y[i] * forward(theta, shape, x);
  };
  return { data, shape, theta, trace: traceOfTheta(theta, shape, X, data.y), explicit };
}

describe('universal perturbation along u = Σ y_j x_j (exact on the linear pieces)', () => {
  test.prop([fc.integer({ min: 2, max: 30 }), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e9 })])(
    'η_all and η_min(i) are the first sign changes: flipped just after, not before (checked by explicit forward passes)',
    (d, n, k, seed) => {
      const { trace, explicit } = setup(seed, d, n, k);
      const up = universalPerturbation(trace);
      const v = universalProjections(trace);
      for (let i = 0; i < n; i++) {
        for (const eta of [0, 0.1, 1, 3]) expect(marginAlongUniversal(trace, v, i, eta)).toBeCloseTo(explicit(i, eta), 8);
        const e = up.etaMin[i];
        if (Number.isFinite(e)) {
          expect(explicit(i, e * (1 + 1e-7) + 1e-12)).toBeLessThan(0);
          if (e > 0) for (let g = 0; g < 200; g++) expect(explicit(i, (e * g) / 200)).toBeGreaterThanOrEqual(-1e-9);
        }
      }
      if (Number.isFinite(up.etaAll)) {
        expect(up.confirmed).toBe(true);
        for (let g = 0; g < 200 && up.etaAll > 0; g++) {
          const eta = (up.etaAll * g) / 200;
          expect(Array.from({ length: n }, (_, i) => explicit(i, eta) < 0).every(Boolean)).toBe(false);
        }
        for (let i = 0; i < n; i++) expect(up.etaMin[i]).toBeLessThanOrEqual(up.etaAll * (1 + 1e-12));
        expect(up.deltaAll).toBeCloseTo(up.etaAll * up.uNorm, 8);
      }
    },
  );
});

describe('robust network (one neuron per sample): the certificate is exact and never beaten', () => {
  test.prop(
    [fc.integer({ min: 5, max: 60 }), fc.integer({ min: 2, max: 8 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 1e9 })],
    { numRuns: 25 },
  )(
    'f(x_i) = y_i; PGD inside r = min(1−β, β−c)√d never flips; the universal perturbation needs ≥ r; with β ≥ (1+c)/2 PGD flips at 1.02·r',
    (d, n, frac, seed) => {
      const rng = new Stream(`robust/${seed}`);
      const data = sampleSphereData(rng.child('data'), d, n);
      const c = maxInnerProduct(data.K, n) / d;
      const beta = c + frac * (1 - c);
      const X = data.X as Float64Array;
      const net = buildRobustNetwork(X, data.y, data.K, d, beta);
      const f = (z: Float64Array): number => forward(net.theta, net.shape, z);
      const grad = (z: Float64Array): Float64Array => inputGradient(net.theta, net.shape, z);
      let flippedOutside = false;
      for (let i = 0; i < n; i++) {
        const x = X.subarray(i * d, (i + 1) * d);
        expect(Math.abs(f(x) - data.y[i])).toBeLessThanOrEqual(1e-9);
        const inside = pgdAttack({
          f,
          grad,
          x,
          y: data.y[i],
          radius: net.radius * (1 - 1e-6),
          steps: 30,
          rng: rng.child('in', i),
          directions: [Float64Array.from(x)],
        });
        expect(inside.flipped).toBe(false);
        const outside = pgdAttack({ f, grad, x, y: data.y[i], radius: net.radius * 1.02, steps: 30, rng: rng.child('out', i) });
        if (outside.flipped) flippedOutside = true;
      }
      if (1 - beta <= beta - c) expect(flippedOutside, 'the certificate is tight when 1 − β binds').toBe(true);
      const up = universalPerturbation(robustNetworkTrace(data.K, data.y, d, beta).trace);
      for (const v of up.deltaMin) expect(v).toBeGreaterThanOrEqual(net.radius * (1 - 1e-9));
    },
  );
});

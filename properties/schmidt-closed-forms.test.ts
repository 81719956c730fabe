import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { gaussianLearner, robustLinearObjective, softThreshold } from '../src/papers/schmidt/model/learners.js';
import { normalVector } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';

describe('learners', () => {
  test.prop([fc.integer({ min: 2, max: 12 }), fc.double({ min: 0, max: 1.5, noNaN: true }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 30 })(
    'the soft-thresholded mean maximises ⟨w, ŵ/n⟩ − ε‖w‖₁ on the unit ℓ2 ball (vs 200 random unit vectors)',
    (d, eps, seed) => {
      const rng = new Stream(`soft/${seed}`);
      const n = 3;
      const wSum = normalVector(rng.child('w'), d, 2);
      const soft = softThreshold(
        wSum.map((v) => v / n),
        eps,
      );
      const norm = Math.hypot(...soft);
      const best =
        norm === 0
          ? 0
          : robustLinearObjective(
              soft.map((v) => v / norm),
              wSum,
              n,
              eps,
            );
      expect(best).toBeGreaterThanOrEqual(-1e-12);
      for (let k = 0; k < 200; k++) {
        const u = normalVector(rng.child('u', k), d);
        const un = Math.hypot(...u);
        expect(
          robustLinearObjective(
            u.map((v) => v / un),
            wSum,
            n,
            eps,
          ),
        ).toBeLessThanOrEqual(best + 1e-12);
      }
    },
  );

  test('posterior mean under θ ~ N(0, I) is ŵ/(σ² + n); sign has entries in {−1, 0, 1}; constant has no weights', () => {
    const w = Float64Array.of(2, -4, 0);
    expect(Array.from(gaussianLearner('posterior', w, 3, 1, 0) as Float64Array)).toEqual([0.5, -1, 0]);
    expect(Array.from(gaussianLearner('sign', w, 3, 1, 0) as Float64Array)).toEqual([1, -1, 0]);
    expect(gaussianLearner('constant', w, 3, 1, 0)).toBeNull();
    expect(() => gaussianLearner('bogus' as never, w, 3, 1, 0)).toThrow(/learner must be one of/);
  });
});

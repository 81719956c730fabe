import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { gradNormSqOf, outputOf, rayOf } from '../src/papers/bubeck/claims/shared/sampling.js';
import { reducedGradNormSq, reducedOutput } from '../src/papers/bubeck/model/reducedMoments.js';
import { reducedBubeckTrial } from '../src/papers/bubeck/model/bubeckReduced.js';
import { Stream } from '../src/core/random/stream.js';
import { bubeckTrialArbitrary } from './bubeck-trial-arbitrary.js';

/**
 * The f-only and ‖∇f‖²-only reduced samplers (reducedMoments.ts, outputOf and gradNormSqOf in claims/shared/sampling.ts)
 * against the full reduced trial on the same stream: equal bit for bit, for every σ, law of a and of x, shape and
 * implementation (so the moment and tail claims decide exactly as they did with rayOf).
 */
describe('lean reduced samplers', () => {
  const trial = bubeckTrialArbitrary(200);

  test.prop([trial], { numRuns: 300 })('f and ‖∇f‖² equal the full trial’s bit for bit', (c) => {
    const full = reducedBubeckTrial(c, new Stream(c.seed));
    expect(Object.is(reducedOutput(c, new Stream(c.seed)), full.f)).toBe(true);
    expect(Object.is(reducedGradNormSq(c, new Stream(c.seed)), full.gradNormSq)).toBe(true);
    const p = { ...c, gamma: 0.05, stepScale: 1 };
    const ray = rayOf(p, new Stream(c.seed));
    expect(Object.is(outputOf(p, new Stream(c.seed)), ray.f)).toBe(true);
    expect(Object.is(gradNormSqOf(p, new Stream(c.seed)), ray.gradNormSq)).toBe(true);
  });

  test.prop([trial], { numRuns: 20 })('invalid parameters are named', (c) => {
    expect(() => reducedOutput({ ...c, d: 0 }, new Stream(c.seed))).toThrow(/^reducedOutput: d must be/);
    expect(() => reducedGradNormSq({ ...c, k: 1.5 }, new Stream(c.seed))).toThrow(/^reducedGradNormSq: k must be/);
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  binarizedWorstMargin,
  linearModel,
  linfWorstCase,
  linfWorstCaseBoxed,
  linfWorstMargin,
  linfWorstMarginBoxed,
  pgdLinf,
} from '../src/papers/schmidt/model/linfLinear.js';
import { Stream } from '../src/core/random/stream.js';

const vec = (d: number, lo = -3, hi = 3): fc.Arbitrary<Float64Array> =>
  fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: d, maxLength: d }).map((a) => Float64Array.from(a));

/** Every corner of the box ∏_j [lo_j, hi_j] (2^d points). */
function corners(lo: Float64Array, hi: Float64Array): Float64Array[] {
  const d = lo.length;
  const out: Float64Array[] = [];
  for (let m = 0; m < 1 << d; m++) out.push(Float64Array.from({ length: d }, (_, j) => ((m >> j) & 1 ? hi[j] : lo[j])));
  return out;
}
const margin = (w: Float64Array, b: number, x: Float64Array, y: number): number => y * (b + w.reduce((s, wj, j) => s + wj * x[j], 0));

describe('exact ℓ∞ worst case of a linear classifier', () => {
  test.prop([fc.integer({ min: 1, max: 8 }).chain((d) => fc.tuple(vec(d), vec(d))), fc.constantFrom(-1, 1), fc.double({ min: 0, max: 2, noNaN: true })])(
    'x′ = x − yε·sgn(w) attains min over the ball = y⟨w,x⟩ − ε‖w‖₁ (brute force over the 2^d vertices)',
    ([w, x], y, eps) => {
      const exact = linfWorstMargin(w, x, y, eps);
      const xp = linfWorstCase(w, x, y, eps);
      expect(margin(w, 0, xp, y)).toBeCloseTo(exact, 9);
      const brute = Math.min(
        ...corners(
          x.map((v) => v - eps),
          x.map((v) => v + eps),
        ).map((c) => margin(w, 0, c, y)),
      );
      expect(Math.abs(brute - exact)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(exact)));
    },
  );

  test.prop([
    fc.integer({ min: 1, max: 8 }).chain((d) => fc.tuple(vec(d), vec(d, 0, 1))),
    fc.constantFrom(-1, 1),
    fc.double({ min: 0, max: 0.6, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
  ])('boxed worst case (x′ ∈ [0, 1]^d) equals the brute-force minimum over the corners of ball ∩ box', ([w, x], y, eps, b) => {
    const lo = x.map((v) => Math.max(0, v - eps));
    const hi = x.map((v) => Math.min(1, v + eps));
    const brute = Math.min(...corners(lo, hi).map((c) => margin(w, b, c, y)));
    expect(Math.abs(linfWorstMarginBoxed(w, b, x, y, eps) - brute)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(brute)));
    const xp = linfWorstCaseBoxed(w, x, y, eps);
    for (let j = 0; j < x.length; j++) expect(xp[j] >= lo[j] - 1e-15 && xp[j] <= hi[j] + 1e-15).toBe(true);
  });

  test.prop([
    fc.integer({ min: 1, max: 8 }).chain((d) => fc.tuple(vec(d), vec(d, 0, 1))),
    fc.constantFrom(-1, 1),
    fc.double({ min: 0, max: 0.6, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
  ])('binarised classifier: exact worst margin equals brute force over all reachable binarised inputs', ([w, x], y, eps, b) => {
    const bin = (v: number): number => (v >= 0.5 ? 1 : 0);
    const lo = x.map((v) => Math.max(0, v - eps));
    const hi = x.map((v) => Math.min(1, v + eps));
    // B is monotone, so the reachable values of B(x′_j) are {B(lo_j), B(hi_j)}.
    const brute = Math.min(...corners(lo, hi).map((c) => margin(w, b, c.map(bin), y)));
    expect(binarizedWorstMargin(w, b, x, y, eps)).toBeCloseTo(brute, 9);
    expect(binarizedWorstMargin(w, b, x, y, 0)).toBeCloseTo(margin(w, b, x.map(bin), y), 9);
  });

  test.prop([
    fc.integer({ min: 1, max: 30 }).chain((d) => fc.tuple(vec(d), vec(d))),
    fc.constantFrom(-1, 1),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 0, max: 1e6 }),
  ])('the generic attack (PGD, random restarts) never beats the exact worst case, and on a linear model reaches it', ([w, x], y, eps, seed) => {
    const exact = linfWorstMargin(w, x, y, eps);
    const r = pgdLinf(linearModel(w), x, y, eps, { steps: 4, restarts: 3, rng: new Stream(`pgd/${seed}`) });
    const scale = 1 + w.reduce((s, v) => s + Math.abs(v), 0) * (1 + eps) + Math.abs(exact);
    expect(r.margin).toBeGreaterThanOrEqual(exact - 1e-12 * scale);
    expect(r.margin).toBeLessThanOrEqual(exact + 1e-9 * scale);
    for (let j = 0; j < x.length; j++) expect(Math.abs(r.x[j] - x[j])).toBeLessThanOrEqual(eps + 1e-12);
  });

  test('bad input is rejected naming the API and the parameter', () => {
    expect(() => linfWorstCase(Float64Array.of(1), Float64Array.of(1, 2), 1, 0.1)).toThrow(/linfWorstCase: w and x differ in length/);
    expect(() => linfWorstMargin(Float64Array.of(1), Float64Array.of(1), 1, -1)).toThrow(/linfWorstMargin: eps must be a finite number ≥ 0, got -1/);
    expect(() => linfWorstCaseBoxed(Float64Array.of(1), Float64Array.of(2), 1, 0.1)).toThrow(/outside the box/);
  });
});

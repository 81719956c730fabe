import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ProbeRunner } from '../src/core/checks/threshold.js';
import { Stream } from '../src/core/random/stream.js';
import type { LabelledData } from '../src/papers/schmidt/model/gaussianModel.js';
import { trainLogistic } from '../src/papers/schmidt/model/learners.js';
import { linfWorstMarginBoxed } from '../src/papers/schmidt/model/linfLinear.js';
import { boxedWorstMargins, drawTrainingSet, learningTrial, mnistPool, poolLimit, testError } from '../src/papers/schmidt/model/mnistLearningCurve.js';
import { robustLogisticObjective, sparseRows, trainRobustLogistic } from '../src/papers/schmidt/model/mnistRobustLogistic.js';
import { nGrid, scanUp } from '../src/papers/schmidt/model/mnistSampleComplexity.js';

/** Random data in [0, 1]^d with about a third of the pixels exactly 0 (as in images) and labels ±1. */
const boxedData = (n: number, d: number): fc.Arbitrary<LabelledData> =>
  fc
    .tuple(
      fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(1)), { minLength: n * d, maxLength: n * d }),
      fc.array(fc.constantFrom(-1, 1), { minLength: n, maxLength: n }),
    )
    .map(([x, y]) => ({ n, d, X: Float64Array.from(x), y: Float64Array.from(y) }));

const dims = fc.record({ n: fc.integer({ min: 2, max: 6 }), d: fc.integer({ min: 1, max: 6 }) });
const epsArb = fc.double({ min: 0, max: 0.6, noNaN: true });

/** The unsplit robust objective (1/N)Σ ℓ(min over the ε-ball ∩ box of y(⟨w, x′⟩ + b)) + (λ/2)‖w‖², ℓ = log(1 + e^{−q}), computed directly. */
function unsplitObjective(data: LabelledData, w: Float64Array, b: number, eps: number, lambda: number): number {
  let s = 0;
  for (let i = 0; i < data.n; i++) {
    const q = linfWorstMarginBoxed(w, b, data.X.subarray(i * data.d, (i + 1) * data.d), data.y[i], eps);
    s += Math.log1p(Math.exp(-q));
  }
  return s / data.n + 0.5 * lambda * w.reduce((a, v) => a + v * v, 0);
}

describe('exact ℓ∞-adversarial logistic regression on [0, 1]^d (mnistRobustLogistic)', () => {
  test.prop([
    dims.chain(({ n, d }) => fc.tuple(boxedData(n, d), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: d + 1, maxLength: d + 1 }))),
    epsArb,
  ])('split margins at u = w⁺, v = w⁻ equal the boxed worst case linfWorstMarginBoxed (and the split objective the unsplit one)', ([data, wb], eps) => {
    const d = data.d;
    const w = Float64Array.from(wb.slice(0, d));
    const b = wb[d];
    const theta = new Float64Array(2 * d + 1);
    for (let j = 0; j < d; j++) {
      theta[j] = Math.max(0, w[j]);
      theta[d + j] = Math.max(0, -w[j]);
    }
    theta[2 * d] = b;
    const r = robustLogisticObjective(sparseRows(data), eps, 0.01, theta);
    for (let i = 0; i < data.n; i++) {
      const exact = linfWorstMarginBoxed(w, b, data.X.subarray(i * d, (i + 1) * d), data.y[i], eps);
      expect(Math.abs(r.margins[i] - exact)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(exact)));
    }
    const direct = unsplitObjective(data, w, b, eps, 0.01);
    expect(Math.abs(r.value - direct)).toBeLessThanOrEqual(1e-12 * (1 + direct));
  });

  test.prop([
    dims.chain(({ n, d }) => fc.tuple(boxedData(n, d), fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 2 * d, maxLength: 2 * d }))),
    fc.double({ min: -2, max: 2, noNaN: true }),
    epsArb,
  ])('the split margin never exceeds the worst case of w = u − v (extra u_j, v_j only lower it: F ≥ the unsplit objective)', ([data, uv], b, eps) => {
    const d = data.d;
    const theta = Float64Array.from([...uv, b]);
    const w = Float64Array.from({ length: d }, (_, j) => uv[j] - uv[d + j]);
    const r = robustLogisticObjective(sparseRows(data), eps, 0, theta);
    for (let i = 0; i < data.n; i++) {
      const exact = linfWorstMarginBoxed(w, b, data.X.subarray(i * d, (i + 1) * d), data.y[i], eps);
      expect(r.margins[i]).toBeLessThanOrEqual(exact + 1e-12 * (1 + Math.abs(exact)));
    }
  });

  test.prop([
    dims.chain(({ n, d }) =>
      fc.tuple(boxedData(n, d), fc.array(fc.double({ min: 0.05, max: 2, noNaN: true }), { minLength: 2 * d + 1, maxLength: 2 * d + 1 })),
    ),
    epsArb,
    fc.double({ min: 0, max: 0.1, noNaN: true }),
  ])('the gradient of the split objective matches central finite differences (h = 10⁻⁶, relative error ≤ 10⁻⁶)', ([data, th], eps, lambda) => {
    const theta = Float64Array.from(th);
    const rows = sparseRows(data);
    const { grad } = robustLogisticObjective(rows, eps, lambda, theta);
    const h = 1e-6;
    for (let j = 0; j < theta.length; j++) {
      const up = Float64Array.from(theta);
      const dn = Float64Array.from(theta);
      up[j] += h;
      dn[j] -= h;
      const fd = (robustLogisticObjective(rows, eps, lambda, up).value - robustLogisticObjective(rows, eps, lambda, dn).value) / (2 * h);
      const tol = 1e-6 * (1 + Math.abs(fd));
      if (Math.abs(grad[j] - fd) > tol) throw new Error(`∂F/∂θ[${j}]: analytic ${grad[j]}, finite difference ${fd}, Δ ${grad[j] - fd}, tolerance ${tol}`);
    }
  });

  test.prop([dims.chain(({ n, d }) => boxedData(n, d)), epsArb])(
    'training lowers the robust objective below that of w = 0, b = 0 (log 2) and of the standard solution, and satisfies the projected KKT conditions',
    (data, eps) => {
      const rows = sparseRows(data);
      const robust = trainRobustLogistic(rows, eps, { lambda: 0.05, iterations: 3000 });
      const standard = trainRobustLogistic(rows, 0, { lambda: 0.05, iterations: 3000 });
      expect(robust.objective).toBeLessThanOrEqual(Math.LN2 + 1e-12);
      expect(robust.objective).toBeLessThanOrEqual(unsplitObjective(data, standard.w, standard.b, eps, 0.05) + 1e-9);
      expect(Math.abs(robust.objective - unsplitObjective(data, robust.w, robust.b, eps, 0.05))).toBeLessThanOrEqual(1e-9);
      // KKT of min F on u, v ≥ 0: ∂F = 0 where the coordinate is > 0, ∂F ≥ 0 where it is 0 (at the returned split u = w⁺, v = w⁻).
      const d = data.d;
      const theta = new Float64Array(2 * d + 1);
      for (let j = 0; j < d; j++) {
        theta[j] = Math.max(0, robust.w[j]);
        theta[d + j] = Math.max(0, -robust.w[j]);
      }
      theta[2 * d] = robust.b;
      const { grad } = robustLogisticObjective(rows, eps, 0.05, theta);
      for (let j = 0; j < 2 * d + 1; j++) {
        const free = j === 2 * d || theta[j] > 0;
        if (free) expect(Math.abs(grad[j])).toBeLessThanOrEqual(1e-6);
        else expect(grad[j]).toBeGreaterThanOrEqual(-1e-6);
      }
    },
  );

  it('ε = 0 is standard L2-logistic regression: the same minimum as trainLogistic (3000 restarted steps against 20,000 plain Nesterov steps)', () => {
    const pool = mnistPool(3, 7);
    const rows = drawTrainingSet(pool, 8, new Stream('test/eps0'));
    const data: LabelledData = { n: rows.n, d: rows.d, X: new Float64Array(rows.n * rows.d), y: rows.y };
    for (let i = 0; i < rows.n; i++) for (let t = rows.start[i]; t < rows.start[i + 1]; t++) data.X[i * rows.d + rows.col[t]] = rows.val[t];
    const a = trainRobustLogistic(rows, 0, { lambda: 0.01, iterations: 3000 });
    const b = trainLogistic(data, { lambda: 0.01, iterations: 20000 });
    expect(Math.abs(a.objective - b.objective)).toBeLessThanOrEqual(1e-7 * b.objective);
  });

  it('rejects bad input, naming the API, the parameter, the value and the range', () => {
    const data: LabelledData = { n: 2, d: 2, X: Float64Array.from([0, 0.5, 1, 1.5]), y: Float64Array.from([1, -1]) };
    expect(() => sparseRows(data)).toThrow(/sparseRows: x\[1\]\[1\] = 1.5 is outside the box \[0, 1\]/);
    const ok: LabelledData = { ...data, X: Float64Array.from([0, 0.5, 1, 0]) };
    expect(() => sparseRows(ok, [0, 2])).toThrow(/sparseRows: row index must be an integer in \[0, 1\], got 2/);
    expect(() => sparseRows({ ...ok, y: Float64Array.from([1, 0]) })).toThrow(/sparseRows: label of row 1 must be ±1, got 0/);
    expect(() => sparseRows(ok, [0, 1], [1])).toThrow(/sparseRows: labels must have one entry per row \(2\), got 1/);
    const rows = sparseRows(ok);
    expect(() => trainRobustLogistic(rows, 1.5)).toThrow(/trainRobustLogistic: eps must be a number in \[0, 1\], got 1.5/);
    expect(() => trainRobustLogistic(rows, 0.1, { lambda: 0 })).toThrow(/trainRobustLogistic: lambda must be a finite number > 0, got 0/);
    expect(() => trainRobustLogistic(rows, 0.1, { iterations: 0 })).toThrow(/trainRobustLogistic: iterations must be an integer in \[1, ∞\], got 0/);
    expect(() => robustLogisticObjective(rows, 0.1, 0, new Float64Array(3))).toThrow(/theta must have length 2d \+ 1 = 5, got 3/);
  });
});

describe('the MNIST learning-curve trial (mnistLearningCurve)', () => {
  test.prop([
    dims.chain(({ n, d }) => fc.tuple(boxedData(n, d), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: d + 1, maxLength: d + 1 }))),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ])('the sparse worst margins (boxedWorstMargins) equal linfWorstMarginBoxed row by row', ([data, wb], eps) => {
    const w = Float64Array.from(wb.slice(0, data.d));
    const m = boxedWorstMargins(w, wb[data.d], sparseRows(data), eps);
    for (let i = 0; i < data.n; i++) {
      const exact = linfWorstMarginBoxed(w, wb[data.d], data.X.subarray(i * data.d, (i + 1) * data.d), data.y[i], eps);
      expect(Math.abs(m[i] - exact)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(exact)));
    }
  });

  it('a training set holds n distinct pool images per class, labels ±1 interleaved; shuffling permutes the labels', () => {
    const pool = mnistPool(4, 9);
    const rows = drawTrainingSet(pool, 30, new Stream('test/draw'));
    expect(rows.n).toBe(60);
    expect(Array.from(rows.y).filter((v) => v === 1).length).toBe(30);
    const shuffled = drawTrainingSet(pool, 30, new Stream('test/draw'), true);
    expect(Array.from(shuffled.val)).toEqual(Array.from(rows.val));
    expect(Array.from(shuffled.y).filter((v) => v === 1).length).toBe(30);
    expect(Array.from(shuffled.y)).not.toEqual(Array.from(rows.y));
    expect(poolLimit(pool)).toBe(Math.min(pool.posRows.length, pool.negRows.length));
    expect(() => drawTrainingSet(pool, poolLimit(pool) + 1, new Stream('x'))).toThrow(/drawTrainingSet: n must be an integer in \[1, \d+\]/);
  });

  it('errors: robust ≥ standard for each model, ε = 0 gives the standard model twice, and the test error is the exact fraction over the split', () => {
    const pool = mnistPool(3, 5);
    const t = learningTrial(pool, 20, 0.1, new Stream('test/trial'));
    expect(t.robust).toBeGreaterThanOrEqual(t.robustModelStandard);
    expect(t.standardModelRobust).toBeGreaterThanOrEqual(t.standard);
    const z = learningTrial(pool, 20, 0, new Stream('test/trial'));
    expect(z.robust).toBe(z.standard);
    expect(z.standard).toBe(t.standard);
    expect(Number.isInteger(Math.round(t.standard * pool.test.n))).toBe(true);
    const zero = { w: new Float64Array(784), b: 1, objective: 0, iterations: 0 };
    expect(testError(zero, pool.test, 0)).toBeCloseTo(Array.from(pool.test.y).filter((v) => v < 0).length / pool.test.n, 12);
  });
});

describe('the n* grid and scan (mnistSampleComplexity)', () => {
  it('G = {1, 2, 3, 4, 6, 8, 12, …}: every second point doubles, so the point below 2n is 1.5n or 4n/3', () => {
    expect(nGrid(128)).toEqual([1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128]);
    expect(nGrid(1)).toEqual([1]);
    const g = nGrid(512);
    for (let k = 1; k + 2 < g.length; k++) expect(g[k + 2]).toBe(2 * g[k]);
    expect(() => nGrid(0)).toThrow(/nGrid: max must be an integer ≥ 1, got 0/);
  });

  test.prop([fc.integer({ min: 1, max: 200 })])(
    'the scan finds the first grid n at which an event that holds exactly from n0 on holds (null beyond the grid)',
    (n0) => {
      const grid = nGrid(128);
      const runner = new ProbeRunner({
        event: (n) => n >= n0,
        p0: 0.9,
        delta: 0.05,
        alpha: 1e-3,
        beta: 0.1,
        cap: 200,
        rng: new Stream('scan'),
        lo: 1,
        hi: 128,
        integer: true,
      });
      const r = scanUp(runner, grid, 0);
      const first = grid.findIndex((n) => n >= n0);
      expect(r.index).toBe(first === -1 ? null : first);
      expect(r.probes.length).toBeLessThanOrEqual(Math.ceil(grid.length / 2) + 2);
      for (const p of r.probes) expect(p.holds).toBe(p.value >= n0);
    },
  );
});

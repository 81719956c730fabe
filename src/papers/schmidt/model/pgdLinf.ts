import type { Stream } from '#core/random/stream.js';

/**
 * ℓ∞ projected gradient descent on the margin m(x′) = y·f(x′) over the box
 *   B(x) = {x′ : ‖x′ − x‖∞ ≤ ε, 0 ≤ x′ ≤ 1}   (pixels stay in [0, 1]),
 * the k-step attack of Madry et al. 2018 (eq. 2.1 there; signed steps on the loss, which decreases the margin):
 *   x′ ← Π_B(x′ − α·sgn ∇ₓ m(x′)),   α = 2.5·ε/k by default,
 * from a uniform random point of B(x) (random start) or from x itself. Π_B clips each pixel to
 * [max(0, x_i − ε), min(1, x_i + ε)].
 *
 * `MarginOracle` evaluates m at a point and writes ∇ₓ m there (for f an MLP: y·f and y·∇ₓ f).
 */
export type MarginOracle = (x: Float64Array, gradOut: Float64Array) => number;

/** Per-pixel bounds of B(x): lo_i = max(0, x_i − ε), hi_i = min(1, x_i + ε). */
export interface LinfBox {
  lo: Float64Array;
  hi: Float64Array;
}

/** B(x) = [max(0, x − ε), min(1, x + ε)] coordinate-wise. @internal */
export function linfBox(x: Float64Array, eps: number): LinfBox {
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`linfBox: eps must be a finite number ≥ 0, got ${eps}`);
  const lo = new Float64Array(x.length);
  const hi = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    lo[i] = Math.max(0, x[i] - eps);
    hi[i] = Math.min(1, x[i] + eps);
  }
  return { lo, hi };
}

function requireSteps(api: string, steps: number): void {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`${api}: steps must be an integer ≥ 1, got ${steps}`);
}

/** Uniform random point of the box (Madry et al.'s random start). */
function randomPoint(box: LinfBox, rng: Stream, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = box.lo[i] + (box.hi[i] - box.lo[i]) * rng.uniform();
}

/**
 * `steps` PGD steps from `point` (updated in place), calling `visit(m)` with the margin at every iterate
 * (the start included); stops early when `visit` returns true. Returns the margin at the last point visited.
 */
function pgdRun(
  oracle: MarginOracle,
  box: LinfBox,
  point: Float64Array,
  steps: number,
  stepSize: number,
  grad: Float64Array,
  visit: (m: number) => boolean,
): number {
  let m = oracle(point, grad);
  if (visit(m)) return m;
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < point.length; i++) {
      const g = grad[i];
      const v = g > 0 ? point[i] - stepSize : g < 0 ? point[i] + stepSize : point[i];
      point[i] = v < box.lo[i] ? box.lo[i] : v > box.hi[i] ? box.hi[i] : v;
    }
    m = oracle(point, grad);
    if (visit(m)) return m;
  }
  return m;
}

/**
 * The adversarial training example of Madry et al.: `steps` PGD steps from a uniform random start in
 * B(x), the last iterate returned (written into `out`). At ε = 0 it is x.
 */
export function linfPgdExample(oracle: MarginOracle, x: Float64Array, eps: number, steps: number, rng: Stream, out = new Float64Array(x.length)): Float64Array {
  requireSteps('linfPgdExample', steps);
  const box = linfBox(x, eps);
  if (eps === 0) {
    out.set(x);
    return out;
  }
  randomPoint(box, rng, out);
  pgdRun(oracle, box, out, steps, (2.5 * eps) / steps, new Float64Array(x.length), () => false);
  return out;
}

export interface LinfAttackOptions {
  eps: number;
  /** PGD steps per start. */
  steps: number;
  /** Random starts in addition to the start at x itself. @defaultValue 1 */
  randomStarts?: number;
  /** Step size α. @defaultValue 2.5·ε/steps */
  stepSize?: number;
  rng: Stream;
}

export interface LinfAttackResult {
  /** Smallest margin y·f(x′) found over every iterate of every start (the clean point included). */
  margin: number;
  /** margin ≤ 0: a point of B(x) the network misclassifies was found (a real flip). */
  flipped: boolean;
  /** Margin at x itself. */
  clean: number;
  /** The point of B(x) with the smallest margin found (x itself when nothing lower was found). */
  adversarial: Float64Array;
}

/**
 * Evaluation attack: PGD from x and from `randomStarts` uniform random points of B(x) (start s on
 * rng.child('start', s)), stopping at the first iterate with margin ≤ 0. The smallest margin found is
 * an upper bound on min_{x′∈B(x)} y f(x′), so its robust error is a lower bound on the true one.
 */
export function linfPgdAttack(oracle: MarginOracle, x: Float64Array, o: LinfAttackOptions): LinfAttackResult {
  requireSteps('linfPgdAttack', o.steps);
  const starts = o.randomStarts ?? 1;
  if (!Number.isInteger(starts) || starts < 0) throw new RangeError(`linfPgdAttack: randomStarts must be an integer ≥ 0, got ${starts}`);
  const box = linfBox(x, o.eps);
  const stepSize = o.stepSize ?? (2.5 * o.eps) / o.steps;
  if (!(stepSize >= 0) || !Number.isFinite(stepSize)) throw new RangeError(`linfPgdAttack: stepSize must be a finite number ≥ 0, got ${stepSize}`);
  const grad = new Float64Array(x.length);
  const point = x.slice();
  const adversarial = x.slice();
  let best = Infinity;
  const visit = (m: number): boolean => {
    if (m < best) {
      best = m;
      adversarial.set(point);
    }
    return best <= 0;
  };
  const clean = oracle(point, grad);
  if (visit(clean) || o.eps === 0) return { margin: best, flipped: best <= 0, clean, adversarial };
  pgdRun(oracle, box, point, o.steps, stepSize, grad, visit);
  for (let s = 0; s < starts && best > 0; s++) {
    randomPoint(box, o.rng.child('start', s), point);
    pgdRun(oracle, box, point, o.steps, stepSize, grad, visit);
  }
  return { margin: best, flipped: best <= 0, clean, adversarial };
}

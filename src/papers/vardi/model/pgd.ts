import { spherePoint } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';

/**
 * ℓ2 projected gradient descent on the margin m(δ) = y·f(x + δ) over ‖δ‖ ≤ r:
 *   δ ← Π_r(δ − s·y∇f(x + δ)/‖∇f(x + δ)‖),  s = 2.5·r/steps (normalised steps, Madry et al.),
 * from δ = 0, from random points of the ball, and along given directions (each scaled to the
 * radius). Returns the smallest margin found: an honest upper bound on the worst case, so a
 * flip it finds is real, and a certificate must never be beaten by it.
 */
export interface PgdOptions {
  f: (x: Float64Array) => number;
  grad: (x: Float64Array) => Float64Array;
  x: Float64Array;
  y: number;
  radius: number;
  steps?: number;
  /** Random starts in addition to δ = 0 (default 2). */
  randomStarts?: number;
  /** Extra directions tried at full radius and used as starts (e.g. the universal direction). */
  directions?: Float64Array[];
  rng: Stream;
}

export interface PgdResult {
  /** Smallest y·f(x + δ) found. */
  margin: number;
  delta: Float64Array;
  /** y·f(x + δ) ≤ 0. */
  flipped: boolean;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  return Math.sqrt(s);
}

function projectTo(v: Float64Array, r: number): void {
  const nv = norm(v);
  if (nv > r) for (let j = 0; j < v.length; j++) v[j] *= r / nv;
}

/** Runs the attack (see the file comment). */
export function pgdAttack(o: PgdOptions): PgdResult {
  const d = o.x.length;
  const steps = o.steps ?? 50;
  const starts = o.randomStarts ?? 2;
  if (!(o.radius >= 0) || !Number.isFinite(o.radius)) throw new RangeError(`pgdAttack: radius must be a finite number ≥ 0, got ${o.radius}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`pgdAttack: steps must be an integer ≥ 1, got ${steps}`);
  if (o.y !== 1 && o.y !== -1) throw new RangeError(`pgdAttack: y must be ±1, got ${o.y}`);
  const xp = new Float64Array(d);
  const marginAt = (delta: Float64Array): number => {
    for (let j = 0; j < d; j++) xp[j] = o.x[j] + delta[j];
    return o.y * o.f(xp);
  };
  const clean = marginAt(new Float64Array(d));
  // A point misclassified already (margin ≤ 0) is reported as flipped at δ = 0.
  let best: PgdResult = { margin: clean, delta: new Float64Array(d), flipped: clean <= 0 };
  const consider = (delta: Float64Array): void => {
    const m = marginAt(delta);
    if (m < best.margin) best = { margin: m, delta: delta.slice(), flipped: m <= 0 };
  };
  const initial: Float64Array[] = [new Float64Array(d)];
  for (let s = 0; s < starts; s++) {
    const g = o.rng.child('start', s);
    initial.push(spherePoint(g, d, o.radius * Math.pow(g.uniform(), 1 / d)));
  }
  for (const dir of o.directions ?? []) {
    const nd = norm(dir);
    if (nd === 0) continue;
    for (const sign of [1, -1]) {
      const v = dir.map((t) => (sign * o.radius * t) / nd);
      consider(v);
      initial.push(v);
    }
  }
  const stepSize = (2.5 * o.radius) / steps;
  for (const start of initial) {
    const delta = start.slice();
    projectTo(delta, o.radius);
    consider(delta);
    for (let t = 0; t < steps; t++) {
      for (let j = 0; j < d; j++) xp[j] = o.x[j] + delta[j];
      const g = o.grad(xp);
      const ng = norm(g);
      if (ng === 0) break;
      for (let j = 0; j < d; j++) delta[j] -= (stepSize * o.y * g[j]) / ng;
      projectTo(delta, o.radius);
      consider(delta);
      if (best.flipped) return best;
    }
    // Push to the boundary along the final direction (the worst case of a piecewise-linear f lies there).
    const nd = norm(delta);
    if (nd > 0) consider(delta.map((v) => (v * o.radius) / nd));
    if (best.flipped) return best;
  }
  return best;
}

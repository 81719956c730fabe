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

/** Runs the attack (see the file comment). @internal (the claims run pgdAttackSpan; this is its reference in tests and bench) */
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

/** A one-hidden-layer ReLU network f(x) = Σ_l a_l relu(⟨w_l, x⟩ + b_l) given by its rows, with their Gram matrix. */
export interface SpanPgdNetwork {
  d: number;
  k: number;
  /** k × d rows w_l (row-major). */
  W: Float64Array;
  /** k × k Gram matrix K_lm = ⟨w_l, w_m⟩. */
  K: Float64Array;
  b: Float64Array;
  a: Float64Array;
}

/** Options of pgdAttackSpan: pgdAttack's, with the network given by its rows instead of f and ∇f. */
export type SpanPgdOptions = Omit<PgdOptions, 'f' | 'grad'> & { net: SpanPgdNetwork };

/**
 * pgdAttack for f(x) = Σ_l a_l relu(⟨w_l, x⟩ + b_l), run in coordinates: the same starts (the same random draws,
 * in the same order), steps, projections and stopping rule, but every iterate is kept as δ = α·δ₀ + Σ_l c_l w_l,
 * since ∇f(x + δ) = Σ_l a_l 1{z_l > 0} w_l lies in span{w_l} and Π_r only rescales. With p = Wδ (p_l = ⟨w_l, δ⟩):
 *   z_l = (⟨w_l, x⟩ + b_l) + p_l,   ‖∇f‖² = vᵀKv (v_l = a_l 1{z_l > 0}),
 *   a step δ ← δ − η v·W (η = s·y/‖∇f‖) is c ← c − ηv, p ← p − η·Kv,
 *   ‖δ‖² = α²‖δ₀‖² + α·cᵀp₀ + cᵀp  (p₀ = Wδ₀; from cᵀKc = cᵀ(p − αp₀)),
 * so a step costs O(k·#active) instead of O(kd); each start costs O(kd) once (p₀). The result's δ is rebuilt in R^d
 * and its margin y·f(x + δ) evaluated directly, so a reported flip is real. Equal to pgdAttack in exact arithmetic;
 * in floating point the iterates differ by rounding (a different summation order).
 */
export function pgdAttackSpan(o: SpanPgdOptions): PgdResult {
  const { d, k, W, K, b, a } = o.net;
  const steps = o.steps ?? 50;
  const starts = o.randomStarts ?? 2;
  if (!(o.radius >= 0) || !Number.isFinite(o.radius)) throw new RangeError(`pgdAttackSpan: radius must be a finite number ≥ 0, got ${o.radius}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`pgdAttackSpan: steps must be an integer ≥ 1, got ${steps}`);
  if (o.y !== 1 && o.y !== -1) throw new RangeError(`pgdAttackSpan: y must be ±1, got ${o.y}`);
  if (o.x.length !== d) throw new RangeError(`pgdAttackSpan: x must have length d = ${d}, got ${o.x.length}`);
  if (W.length !== k * d) throw new RangeError(`pgdAttackSpan: W must be k × d = ${k}×${d}, got ${W.length} entries`);
  if (K.length !== k * k) throw new RangeError(`pgdAttackSpan: K must be k × k = ${k}×${k}, got ${K.length} entries`);
  if (b.length !== k || a.length !== k) throw new RangeError(`pgdAttackSpan: a and b must have length k = ${k}, got ${a.length} and ${b.length}`);
  const r = o.radius;
  const y = o.y;
  const z0 = rowProducts(W, k, d, o.x);
  for (let l = 0; l < k; l++) z0[l] += b[l];
  const best: SpanBest = { margin: spanMargin(z0, a, y, new Float64Array(k), 0), start: null, alpha: 0, scale: 0, c: new Float64Array(k) };
  // The starts, as (δ₀, Wδ₀, ‖δ₀‖²): 0, the random points of the ball, then ±r·dir/‖dir‖ (W(−v) = −Wv).
  const initial: { start: Float64Array; p0: Float64Array; q0: number }[] = [{ start: new Float64Array(d), p0: new Float64Array(k), q0: 0 }];
  for (let s = 0; s < starts; s++) {
    const g = o.rng.child('start', s);
    const start = spherePoint(g, d, r * Math.pow(g.uniform(), 1 / d));
    initial.push({ start, p0: rowProducts(W, k, d, start), q0: squaredNorm(start) });
  }
  const noC = new Float64Array(k);
  for (const dir of o.directions ?? []) {
    const nd = norm(dir);
    if (nd === 0) continue;
    let pPlus: Float64Array | null = null;
    for (const sign of [1, -1]) {
      const v = dir.map((t) => (sign * r * t) / nd);
      if (pPlus === null) pPlus = rowProducts(W, k, d, v);
      const p0 = sign === 1 ? pPlus : pPlus.map((t) => -t);
      spanConsider(best, spanMargin(z0, a, y, p0, 1), v, 1, noC, 1);
      initial.push({ start: v, p0, q0: squaredNorm(v) });
    }
  }
  const stepSize = (2.5 * r) / steps;
  const Kv = new Float64Array(k);
  const active = new Int32Array(k);
  const p = new Float64Array(k);
  const c = new Float64Array(k);
  let na = 0;
  // One pass over the neurons at the current p: the margin y·Σ a_l relu(z_l), and the active set {l : z_l > 0, a_l ≠ 0}
  // whose a_l·w_l sum to ∇f (the same z_l decide both, as in pgdAttack's forward and gradient at one point).
  const scan = (): number => {
    let f = 0;
    na = 0;
    for (let l = 0; l < k; l++) {
      const z = z0[l] + p[l];
      if (z > 0) {
        f += a[l] * z;
        if (a[l] !== 0) active[na++] = l;
      }
    }
    return y * f;
  };
  let alpha = 1;
  let q = 0;
  // Π_r: δ ← δ·r/‖δ‖ when ‖δ‖ > r (α, c and p scale together; q = ‖δ‖² with them).
  const project = (): void => {
    const nq = Math.sqrt(Math.max(q, 0));
    if (!(nq > r)) return;
    const f = r / nq;
    alpha *= f;
    for (let l = 0; l < k; l++) {
      c[l] *= f;
      p[l] *= f;
    }
    q *= f * f;
  };
  for (const { start, p0, q0 } of initial) {
    p.set(p0);
    c.fill(0);
    alpha = 1;
    q = q0;
    project();
    spanConsider(best, scan(), start, alpha, c, 1);
    for (let t = 0; t < steps; t++) {
      // ∇f = Σ_{l active} a_l w_l: Kv = K·(a ⊙ 1_active), ‖∇f‖² = Σ_{l active} a_l (Kv)_l.
      if (na === 0) break;
      for (let m = 0; m < na; m++) {
        const l = active[m];
        const vl = a[l];
        const off = l * k;
        if (m === 0) for (let j = 0; j < k; j++) Kv[j] = vl * K[off + j];
        else for (let j = 0; j < k; j++) Kv[j] += vl * K[off + j];
      }
      let g2 = 0;
      for (let m = 0; m < na; m++) g2 += a[active[m]] * Kv[active[m]];
      const ng = Math.sqrt(Math.max(g2, 0));
      if (ng === 0) break;
      const eta = (stepSize * y) / ng;
      for (let m = 0; m < na; m++) c[active[m]] -= eta * a[active[m]];
      let cp0 = 0;
      let cp = 0;
      for (let l = 0; l < k; l++) {
        p[l] -= eta * Kv[l];
        cp0 += c[l] * p0[l];
        cp += c[l] * p[l];
      }
      q = alpha * alpha * q0 + alpha * cp0 + cp;
      project();
      spanConsider(best, scan(), start, alpha, c, 1);
      if (best.margin <= 0) return spanRebuild(o, best);
    }
    // Push to the boundary along the final direction (the worst case of a piecewise-linear f lies there).
    const nq = Math.sqrt(Math.max(q, 0));
    if (nq > 0) spanConsider(best, spanMargin(z0, a, y, p, r / nq), start, alpha, c, r / nq);
    if (best.margin <= 0) return spanRebuild(o, best);
  }
  return spanRebuild(o, best);
}

/** pgdAttackSpan's best point so far: δ = scale·(α·start + Σ_l c_l w_l), margin y·f(x + δ) (in coordinates). */
interface SpanBest {
  margin: number;
  start: Float64Array | null;
  alpha: number;
  scale: number;
  c: Float64Array;
}

/** Wv (k products of length d). */
function rowProducts(W: Float64Array, k: number, d: number, v: Float64Array): Float64Array {
  const out = new Float64Array(k);
  for (let l = 0; l < k; l++) {
    let s = 0;
    const off = l * d;
    for (let j = 0; j < d; j++) s += W[off + j] * v[j];
    out[l] = s;
  }
  return out;
}

function squaredNorm(v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  return s;
}

/** y·Σ_l a_l relu(z0_l + scale·p_l). */
function spanMargin(z0: Float64Array, a: Float64Array, y: number, p: Float64Array, scale: number): number {
  let f = 0;
  for (let l = 0; l < z0.length; l++) {
    const z = z0[l] + scale * p[l];
    if (z > 0) f += a[l] * z;
  }
  return y * f;
}

function spanConsider(best: SpanBest, m: number, start: Float64Array, alpha: number, c: Float64Array, scale: number): void {
  if (m < best.margin) {
    best.margin = m;
    best.start = start;
    best.alpha = alpha;
    best.scale = scale;
    best.c.set(c);
  }
}

/** δ = scale·(α·start + Σ_l c_l w_l) in R^d and its margin y·f(x + δ), evaluated directly. */
function spanRebuild(o: SpanPgdOptions, best: SpanBest): PgdResult {
  const { d, k, W, b, a } = o.net;
  const delta = new Float64Array(d);
  if (best.start !== null) {
    const s0 = best.start;
    const fa = best.scale * best.alpha;
    for (let j = 0; j < d; j++) delta[j] = fa * s0[j];
    for (let l = 0; l < k; l++) {
      const cl = best.scale * best.c[l];
      if (cl === 0) continue;
      const off = l * d;
      for (let j = 0; j < d; j++) delta[j] += cl * W[off + j];
    }
  }
  let f = 0;
  for (let l = 0; l < k; l++) {
    let z = b[l];
    const off = l * d;
    for (let j = 0; j < d; j++) z += W[off + j] * (o.x[j] + delta[j]);
    if (z > 0) f += a[l] * z;
  }
  const margin = o.y * f;
  return { margin, delta, flipped: margin <= 0 };
}

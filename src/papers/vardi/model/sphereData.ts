import { gramMatrix } from './netTrace.js';
import { chiSquare, normalVector, spherePoint } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';

/**
 * Vardi et al.'s data model: x_i uniform on √d·S^{d−1}, y_i ~ U{±1}; plus a clustered
 * variant (near-duplicate points) for the negative control, and the hypothesis checks the
 * theorems state (balance, distinct points, the separation bound).
 */
export interface SphereData {
  d: number;
  n: number;
  /** n × d rows x_i (absent for a Gram-only sample). */
  X?: Float64Array;
  /** n × n Gram matrix K_ij = x_i·x_j. */
  K: Float64Array;
  /** Lower-triangular C with K = C Cᵀ (from the Bartlett factor), when known. */
  C?: Float64Array;
  y: Float64Array;
}

/** A hypothesis of a theorem is not met by this sample; `numbers` says by how much. */
export class HypothesisError extends Error {
  readonly numbers: Record<string, number>;
  constructor(api: string, reason: string, numbers: Record<string, number>) {
    const detail = Object.entries(numbers)
      .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toPrecision(6)}`)
      .join(', ');
    super(`${api}: hypothesis not met: ${reason} (${detail})`);
    this.name = 'HypothesisError';
    this.numbers = numbers;
  }
}

function requireSizes(api: string, d: number, n: number): void {
  if (!Number.isInteger(d) || d < 2) throw new RangeError(`${api}: d must be an integer ≥ 2, got ${d}`);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`${api}: n must be an integer ≥ 2, got ${n}`);
}

/** y_i ~ U{±1} iid, conditioned (by rejection) on both classes having ≥ ⌈minFraction·n⌉ points. @internal */
export function sampleLabels(rng: Stream, n: number, minFraction = 1 / n): Float64Array {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`sampleLabels: n must be an integer ≥ 2, got ${n}`);
  if (!(minFraction > 0 && minFraction <= 0.5)) throw new RangeError(`sampleLabels: minFraction must be in (0, 0.5], got ${minFraction}`);
  const need = Math.ceil(minFraction * n - 1e-12);
  for (let attempt = 0; attempt < 10000; attempt++) {
    const y = new Float64Array(n);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      y[i] = rng.sign();
      if (y[i] > 0) pos++;
    }
    if (Math.min(pos, n - pos) >= need) return y;
  }
  throw new RangeError(`sampleLabels: could not draw labels with each class ≥ ${need} of n = ${n} in 10000 attempts`);
}

/** n points uniform on √d·S^{d−1} as explicit rows, with their Gram matrix, and labels y_i ~ U{±1} (both classes present). */
export function sampleSphereData(rng: Stream, d: number, n: number, minFraction?: number): SphereData {
  requireSizes('sampleSphereData', d, n);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) X.set(spherePoint(rng.child('x', i), d), i * d);
  return { d, n, X, K: gramMatrix(X, n, d), y: sampleLabels(rng.child('y'), n, minFraction) };
}

/**
 * Gram matrix of n uniform points on √d·S^{d−1} in O(n³), exactly in law (Bartlett):
 * G = L Lᵀ ~ Wishart_n(d, I) with L_ii² ~ χ²_{d−i+1} (i = 1…n), L_ij ~ N(0, 1) (i > j);
 * K_ij = d·G_ij/√(G_ii G_jj). Also returns C = diag(√(d/G_ii))·L, so K = C Cᵀ. Needs d ≥ n.
 */
export function sampleSphereGram(rng: Stream, d: number, n: number, minFraction?: number): SphereData {
  requireSizes('sampleSphereGram', d, n);
  if (d < n) throw new RangeError(`sampleSphereGram: d must be ≥ n = ${n} for the Bartlett factor, got ${d}`);
  const { K, C } = bartlettGram(rng, d, n);
  return { d, n, K, C, y: sampleLabels(rng.child('y'), n, minFraction) };
}

/**
 * sampleSphereGram's K and C without the labels: the same draws from the same stream (rng/bartlett) and the same
 * arithmetic, so K and C are bit for bit sampleSphereGram(rng, d, n)'s (for callers that need no labels). Needs d ≥ n.
 */
export function sampleSphereGramMatrix(rng: Stream, d: number, n: number): { K: Float64Array; C: Float64Array } {
  requireSizes('sampleSphereGramMatrix', d, n);
  if (d < n) throw new RangeError(`sampleSphereGramMatrix: d must be ≥ n = ${n} for the Bartlett factor, got ${d}`);
  return bartlettGram(rng, d, n);
}

/** The Bartlett factor L (stream rng/bartlett), C = diag(√(d/G_ii))·L and K = C Cᵀ with K_ii = d. */
function bartlettGram(rng: Stream, d: number, n: number): { K: Float64Array; C: Float64Array } {
  const L = new Float64Array(n * n);
  const g = rng.child('bartlett');
  for (let i = 0; i < n; i++) {
    L[i * n + i] = Math.sqrt(chiSquare(g, d - i));
    for (let j = 0; j < i; j++) L[i * n + j] = g.normal();
  }
  const rowSq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j <= i; j++) s += L[i * n + j] ** 2;
    rowSq[i] = s;
  }
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const f = Math.sqrt(d / rowSq[i]);
    for (let j = 0; j <= i; j++) C[i * n + j] = f * L[i * n + j];
  }
  return { K: lowerGram(C, n, d), C };
}

/**
 * K = C Cᵀ for lower-triangular C (n × n), K_ij = Σ_{m ≤ min(i,j)} C_im C_jm, with K_ii set to `diag`. Four rows at a
 * time (rows i…i+3 share the loads of row j ≤ i; the block's own small triangle is done entry by entry), each entry
 * summed over m = 0, 1, … in order, so every K_ij is bit for bit the plain triple loop's.
 */
function lowerGram(C: Float64Array, n: number, diag: number): Float64Array {
  const K = new Float64Array(n * n);
  const entry = (i: number, j: number): void => {
    const oi = i * n;
    const oj = j * n;
    let s = 0;
    for (let m = 0; m <= j; m++) s += C[oi + m] * C[oj + m];
    K[oi + j] = s;
    K[oj + i] = s;
  };
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let j = 0; j <= i; j++) {
      const oj = j * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let m = 0; m <= j; m++) {
        const c = C[oj + m];
        s0 += C[o0 + m] * c;
        s1 += C[o1 + m] * c;
        s2 += C[o2 + m] * c;
        s3 += C[o3 + m] * c;
      }
      K[o0 + j] = s0;
      K[oj + i] = s0;
      K[o1 + j] = s1;
      K[oj + i + 1] = s1;
      K[o2 + j] = s2;
      K[oj + i + 2] = s2;
      K[o3 + j] = s3;
      K[oj + i + 3] = s3;
    }
    entry(i + 2, i + 1);
    entry(i + 3, i + 1);
    entry(i + 3, i + 2);
  }
  for (; i < n; i++) for (let j = 0; j < i; j++) entry(i, j);
  for (let l = 0; l < n; l++) K[l * n + l] = diag;
  return K;
}

/**
 * Clustered data for the negative control: x_i = √d·(e + ρ g_i)/‖e + ρ g_i‖ with one random
 * unit centre e and g_i ~ N(0, I_d/d), so ⟨x_i, x_j⟩ ≈ d/(1 + ρ²) (near-duplicates for small ρ).
 */
export function sampleClusteredData(rng: Stream, d: number, n: number, spread: number, minFraction?: number): SphereData {
  requireSizes('sampleClusteredData', d, n);
  if (!(spread > 0) || !Number.isFinite(spread)) throw new RangeError(`sampleClusteredData: spread must be a finite number > 0, got ${spread}`);
  const e = spherePoint(rng.child('centre'), d, 1);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const g = normalVector(rng.child('x', i), d, spread / Math.sqrt(d));
    let s = 0;
    for (let j = 0; j < d; j++) {
      g[j] += e[j];
      s += g[j] * g[j];
    }
    const f = Math.sqrt(d / s);
    for (let j = 0; j < d; j++) X[i * d + j] = f * g[j];
  }
  return { d, n, X, K: gramMatrix(X, n, d), y: sampleLabels(rng.child('y'), n, minFraction) };
}

/** max_{i≠j} |⟨x_i, x_j⟩| from the Gram matrix. */
export function maxInnerProduct(K: Float64Array, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) m = Math.max(m, Math.abs(K[i * n + j]));
  return m;
}

/** Separation bound of the universal-perturbation theorem: n ≤ (d + 1)/(3(max_{i≠j}|⟨x_i,x_j⟩| + 1)). @internal */
export function separationAllows(K: Float64Array, n: number, d: number): { maxInner: number; nMax: number; ok: boolean } {
  const maxInner = maxInnerProduct(K, n);
  const nMax = (d + 1) / (3 * (maxInner + 1));
  return { maxInner, nMax, ok: n <= nMax };
}

export interface DataSummary {
  nPos: number;
  nNeg: number;
  /** Class balance c = min(n₊, n₋)/n: each class has ≥ c·n points. */
  balance: number;
  maxInner: number;
  /** (d + 1)/(3(max + 1)): the largest n the separation hypothesis allows on this sample. */
  separationNMax: number;
  separationOk: boolean;
}

/**
 * Validates training data before anything is trained on it: labels ±1 with both classes
 * present (each ≥ minBalance·n), no duplicate points (⟨x_i, x_j⟩ < d(1 − 1e-9)), and, when
 * asked, the separation bound. Throws HypothesisError naming the numbers otherwise.
 */
export function validateData(data: SphereData, opts: { minBalance?: number; requireSeparation?: boolean } = {}): DataSummary {
  const { d, n, K, y } = data;
  if (y.length !== n) throw new RangeError(`validateData: y must have length n = ${n}, got ${y.length}`);
  if (K.length !== n * n) throw new RangeError(`validateData: K must be n × n = ${n}×${n}, got ${K.length} entries`);
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 1 && y[i] !== -1) throw new RangeError(`validateData: labels must be ±1, got y[${i}] = ${y[i]}`);
    if (y[i] > 0) nPos++;
  }
  const nNeg = n - nPos;
  const balance = Math.min(nPos, nNeg) / n;
  if (balance === 0) throw new HypothesisError('validateData', 'all points have one label', { n, nPos, nNeg });
  if (opts.minBalance !== undefined && balance < opts.minBalance) {
    throw new HypothesisError('validateData', 'classes not balanced', { n, nPos, nNeg, balance, minBalance: opts.minBalance });
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (K[i * n + j] >= Math.sqrt(K[i * n + i] * K[j * n + j]) * (1 - 1e-9)) {
        throw new HypothesisError('validateData', `duplicate points x_${j} and x_${i}`, { i, j, inner: K[i * n + j], d });
      }
    }
  }
  const sep = separationAllows(K, n, d);
  if (opts.requireSeparation && !sep.ok) {
    throw new HypothesisError('validateData', 'n exceeds the separation bound (d+1)/(3(max|⟨x_i,x_j⟩|+1))', { n, d, maxInner: sep.maxInner, nMax: sep.nMax });
  }
  return { nPos, nNeg, balance, maxInner: sep.maxInner, separationNMax: sep.nMax, separationOk: sep.ok };
}

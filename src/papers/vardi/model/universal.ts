import type { NetTrace } from './netTrace.js';

/**
 * Vardi et al.'s universal perturbation along u = Σ_j y_j x_j: point i moves to
 * x_i − y_i η u (η ≥ 0), and along that line its margin is piecewise linear,
 *   g_i(η) = y_i f(x_i − y_i η u) = y_i Σ_l a_l relu(z_li − η y_i v_l),  v_l = w_l·u = Σ_j y_j (z_lj − b_l),
 * with breakpoints η = z_li/(y_i v_l). Sign changes are therefore found exactly, piece by
 * piece: η_all = inf{η > 0 : g_i(η) < 0 for every i} and, per sample, η_i = inf{η ≥ 0 : g_i(η) < 0}.
 * Norms are ‖δ‖ = η‖u‖ with ‖u‖² = yᵀKy. Everything is read from the trace (inner products).
 */
export interface UniversalPerturbation {
  /** ‖u‖ = ‖Σ_j y_j x_j‖. */
  uNorm: number;
  /** Smallest η flipping every point at once (Infinity if no η does). */
  etaAll: number;
  /** ‖δ‖ = η_all·‖u‖. */
  deltaAll: number;
  /** Per-sample smallest η flipping x_i (Infinity if none). */
  etaMin: Float64Array;
  /** Per-sample ‖δ‖ = η_i‖u‖. */
  deltaMin: Float64Array;
  /** max_i ‖δ_i‖ (the slides' "max η_min"). */
  maxDeltaMin: number;
  /** Check by direct evaluation: every point flipped at η_all(1 + 1e-9) (false when etaAll is infinite). */
  confirmed: boolean;
}

/** v_l = w_l·u = Σ_j y_j (z_lj − b_l). @internal */
export function universalProjections(t: NetTrace): Float64Array {
  const { n, k, Z, b, y } = t;
  const v = new Float64Array(k);
  for (let l = 0; l < k; l++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += y[j] * (Z[l * n + j] - b[l]);
    v[l] = s;
  }
  return v;
}

/** g_i(η) = y_i f(x_i − y_i η u), evaluated directly. @internal */
export function marginAlongUniversal(t: NetTrace, v: Float64Array, i: number, eta: number): number {
  const { n, k, Z, a, y } = t;
  let f = 0;
  for (let l = 0; l < k; l++) {
    const z = Z[l * n + i] - eta * y[i] * v[l];
    if (z > 0) f += a[l] * z;
  }
  return y[i] * f;
}

/** Line coefficients (α, β) with g_i(η) = α + βη on the piece containing η = at. */
function piece(t: NetTrace, v: Float64Array, i: number, at: number): [number, number] {
  const { n, k, Z, a, y } = t;
  let alpha = 0;
  let beta = 0;
  for (let l = 0; l < k; l++) {
    const z = Z[l * n + i];
    if (z - at * y[i] * v[l] > 0) {
      alpha += a[l] * z;
      beta -= a[l] * y[i] * v[l];
    }
  }
  return [y[i] * alpha, y[i] * beta];
}

/** Sorted distinct positive breakpoints z_li/(y_i v_l) of the given samples. */
function breakpoints(t: NetTrace, v: Float64Array, samples: number[]): number[] {
  const out: number[] = [];
  for (const i of samples) {
    for (let l = 0; l < t.k; l++) {
      const den = t.y[i] * v[l];
      if (den === 0) continue;
      const e = t.Z[l * t.n + i] / den;
      if (e > 0 && Number.isFinite(e)) out.push(e);
    }
  }
  out.sort((p, q) => p - q);
  return out.filter((e, j) => j === 0 || e > out[j - 1]);
}

/** inf{η ≥ 0 : g_i(η) < 0 for all i in samples}, walking the linear pieces. */
function firstJointFlip(t: NetTrace, v: Float64Array, samples: number[]): number {
  const bps = breakpoints(t, v, samples);
  const edges = [0, ...bps];
  for (let s = 0; s < edges.length; s++) {
    const lo = edges[s];
    const hi = s + 1 < edges.length ? edges[s + 1] : Infinity;
    const mid = Number.isFinite(hi) ? 0.5 * (lo + hi) : lo + 1 + Math.abs(lo);
    let L = lo;
    let U = hi;
    for (const i of samples) {
      const [alpha, beta] = piece(t, v, i, mid);
      if (beta === 0) {
        if (!(alpha < 0)) {
          L = Infinity;
          break;
        }
      } else if (beta < 0) {
        L = Math.max(L, -alpha / beta);
      } else {
        U = Math.min(U, -alpha / beta);
      }
      if (!(L < U)) break;
    }
    // Accept only a piece of positive length on which every margin is really negative (a root that
    // rounding puts one ulp inside a breakpoint is a touch, not a flip).
    if (L < U && U - L > 1e-12 * (1 + L)) {
      const probe = Number.isFinite(U) ? 0.5 * (L + U) : L + 1 + L;
      if (samples.every((i) => marginAlongUniversal(t, v, i, probe) < 0)) return L;
    }
  }
  return Infinity;
}

/** The universal perturbation of the net with this trace (see the file comment). */
export function universalPerturbation(t: NetTrace): UniversalPerturbation {
  const { n, K, y } = t;
  let u2 = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) u2 += y[i] * y[j] * K[i * n + j];
  const uNorm = Math.sqrt(Math.max(0, u2));
  const v = universalProjections(t);
  const all = Array.from({ length: n }, (_, i) => i);
  const etaAll = firstJointFlip(t, v, all);
  const etaMin = new Float64Array(n);
  const deltaMin = new Float64Array(n);
  let maxDeltaMin = 0;
  for (let i = 0; i < n; i++) {
    etaMin[i] = firstJointFlip(t, v, [i]);
    deltaMin[i] = etaMin[i] * uNorm;
    maxDeltaMin = Math.max(maxDeltaMin, deltaMin[i]);
  }
  let confirmed = false;
  if (Number.isFinite(etaAll)) {
    const eta = etaAll * (1 + 1e-9) + 1e-300;
    confirmed = all.every((i) => marginAlongUniversal(t, v, i, eta) < 0);
  }
  return { uNorm, etaAll, deltaAll: etaAll * uNorm, etaMin, deltaMin, maxDeltaMin, confirmed };
}

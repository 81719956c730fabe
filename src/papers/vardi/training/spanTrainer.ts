import type { NetTrace } from '../model/netTrace.js';
import { chiSquare } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';
import type { Trainable } from './trainable.js';

/**
 * Dimension-free parametrisation (docs/theory/dimension-free.md): gradients with respect
 * to w_l lie in span{x_i}, so w_l(t) = w_l(0) + Σ_i α_li x_i exactly and every quantity is
 * n- and k-dimensional algebra on K_ij = x_i·x_j and P_li = w_l(0)·x_i:
 *   z_li = P_li + (K α_l)_i + b_l,   ‖w_l‖² = ‖w_l(0)‖² + 2 α_l·P_l + α_lᵀ K α_l.
 * A step θ − t·D with D_w_l = Σ_i G_li x_i updates α_l ← α_l − t G_l, z_l ← z_l − t(K G_l + D_b_l),
 * ‖w_l‖² ← ‖w_l‖² − 2t G_l·(z_l − b_l) + t² G_lᵀ K G_l. Cost O(k n²) per step, independent of d.
 */
export interface SpanState {
  /** k × n coefficients α_li. */
  alpha: Float64Array;
  b: Float64Array;
  a: Float64Array;
  /** k × n pre-activations z_li. */
  Z: Float64Array;
  wNormSq: Float64Array;
}

export interface SpanDirection {
  /** k × n: D_w_l = Σ_i G_li x_i. */
  G: Float64Array;
  /** k × n: (K G_l)_i. */
  KG: Float64Array;
  gb: Float64Array;
  ga: Float64Array;
  normSq: number;
}

/** Initial parameters of the span model: P_li = w_l(0)·x_i, ‖w_l(0)‖², a(0), b(0). */
export interface SpanInit {
  P: Float64Array;
  w0NormSq: Float64Array;
  a: Float64Array;
  b: Float64Array;
}

export class SpanModel implements Trainable<SpanState, SpanDirection> {
  readonly n: number;
  readonly k: number;
  readonly d: number;
  readonly K: Float64Array;
  readonly y: Float64Array;
  /** K is exactly symmetric (K_ij === K_ji), so K G_l can run over rows. */
  private readonly symmetric: boolean;
  /** Scratch: the active samples of one neuron. */
  private readonly active: Int32Array;

  constructor(d: number, k: number, K: Float64Array, y: Float64Array) {
    const n = y.length;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`SpanModel: k must be an integer ≥ 1, got ${k}`);
    if (K.length !== n * n) throw new RangeError(`SpanModel: K must be n × n = ${n}×${n}, got ${K.length} entries`);
    this.n = n;
    this.k = k;
    this.d = d;
    this.K = K;
    this.y = y;
    let symmetric = true;
    for (let i = 0; i < n && symmetric; i++) for (let j = 0; j < i; j++) if (K[i * n + j] !== K[j * n + i]) symmetric = false;
    this.symmetric = symmetric;
    this.active = new Int32Array(n);
  }

  /** State at α = 0 from the initial inner products. */
  state(init: SpanInit): SpanState {
    const { k, n } = this;
    if (init.P.length !== k * n) throw new RangeError(`SpanModel.state: P must be k × n = ${k}×${n}, got ${init.P.length} entries`);
    const Z = new Float64Array(k * n);
    for (let l = 0; l < k; l++) for (let i = 0; i < n; i++) Z[l * n + i] = init.P[l * n + i] + init.b[l];
    return { alpha: new Float64Array(k * n), b: Float64Array.from(init.b), a: Float64Array.from(init.a), Z, wNormSq: Float64Array.from(init.w0NormSq) };
  }

  margins(s: SpanState): Float64Array {
    const { k, n } = this;
    const q = new Float64Array(n);
    for (let l = 0; l < k; l++) {
      const al = s.a[l];
      const off = l * n;
      for (let i = 0; i < n; i++) {
        const z = s.Z[off + i];
        if (z > 0) q[i] += al * z;
      }
    }
    for (let i = 0; i < n; i++) q[i] *= this.y[i];
    return q;
  }

  thetaNormSq(s: SpanState): number {
    let t = 0;
    for (let l = 0; l < this.k; l++) t += s.wNormSq[l] + s.b[l] * s.b[l] + s.a[l] * s.a[l];
    return t;
  }

  /**
   * D at s for coefficients c: G_li = c_i y_i a_l·1[z_li > 0], gb_l = Σ_i G_li, ga_l = Σ_i c_i y_i relu(z_li), and
   * (K G_l)_i = Σ_{j : G_lj ≠ 0} K_ij G_lj — only the active samples of neuron l enter, O(n·|active_l|) per neuron
   * (the terms skipped are exact zeros, so the sums are bitwise those of the dense product). With K exactly symmetric
   * the product runs as axpys over rows K_j· (same summation order over j for every i).
   */
  direction(s: SpanState, c: Float64Array): SpanDirection {
    const { k, n, K } = this;
    const G = new Float64Array(k * n);
    const KG = new Float64Array(k * n);
    const gb = new Float64Array(k);
    const ga = new Float64Array(k);
    const act = this.active;
    let normSq = 0;
    for (let l = 0; l < k; l++) {
      const off = l * n;
      const al = s.a[l];
      let sb = 0;
      let sa = 0;
      let m = 0;
      for (let i = 0; i < n; i++) {
        const z = s.Z[off + i];
        if (z > 0) {
          const cy = c[i] * this.y[i];
          const g = cy * al;
          G[off + i] = g;
          sb += g;
          sa += cy * z;
          if (g !== 0) act[m++] = i;
        }
      }
      gb[l] = sb;
      ga[l] = sa;
      let wq = 0;
      if (m > 0) {
        if (this.symmetric) {
          // Eight, then four rows per pass (each KG_i still adds its terms one at a time, in increasing j).
          let r = 0;
          for (; r + 7 < m; r += 8) {
            const j0 = act[r] * n;
            const j1 = act[r + 1] * n;
            const j2 = act[r + 2] * n;
            const j3 = act[r + 3] * n;
            const j4 = act[r + 4] * n;
            const j5 = act[r + 5] * n;
            const j6 = act[r + 6] * n;
            const j7 = act[r + 7] * n;
            const g0 = G[off + act[r]];
            const g1 = G[off + act[r + 1]];
            const g2 = G[off + act[r + 2]];
            const g3 = G[off + act[r + 3]];
            const g4 = G[off + act[r + 4]];
            const g5 = G[off + act[r + 5]];
            const g6 = G[off + act[r + 6]];
            const g7 = G[off + act[r + 7]];
            for (let i = 0; i < n; i++) {
              let v = KG[off + i];
              v += K[j0 + i] * g0;
              v += K[j1 + i] * g1;
              v += K[j2 + i] * g2;
              v += K[j3 + i] * g3;
              v += K[j4 + i] * g4;
              v += K[j5 + i] * g5;
              v += K[j6 + i] * g6;
              v += K[j7 + i] * g7;
              KG[off + i] = v;
            }
          }
          for (; r + 3 < m; r += 4) {
            const j0 = act[r] * n;
            const j1 = act[r + 1] * n;
            const j2 = act[r + 2] * n;
            const j3 = act[r + 3] * n;
            const g0 = G[off + act[r]];
            const g1 = G[off + act[r + 1]];
            const g2 = G[off + act[r + 2]];
            const g3 = G[off + act[r + 3]];
            for (let i = 0; i < n; i++) {
              let v = KG[off + i];
              v += K[j0 + i] * g0;
              v += K[j1 + i] * g1;
              v += K[j2 + i] * g2;
              v += K[j3 + i] * g3;
              KG[off + i] = v;
            }
          }
          for (; r < m; r++) {
            const kj = act[r] * n;
            const gj = G[off + act[r]];
            for (let i = 0; i < n; i++) KG[off + i] += K[kj + i] * gj;
          }
        } else {
          for (let i = 0; i < n; i++) {
            let acc = 0;
            const ki = i * n;
            for (let r = 0; r < m; r++) {
              const j = act[r];
              acc += K[ki + j] * G[off + j];
            }
            KG[off + i] = acc;
          }
        }
        for (let i = 0; i < n; i++) wq += G[off + i] * KG[off + i];
      }
      normSq += wq + sb * sb + sa * sa;
    }
    return { G, KG, gb, ga, normSq };
  }

  directionNormSq(dir: SpanDirection): number {
    return dir.normSq;
  }

  /** ‖D₁ − D₂‖² = Σ_l (G₁ − G₂)_lᵀ K (G₁ − G₂)_l + ‖gb₁ − gb₂‖² + ‖ga₁ − ga₂‖², with K(G₁ − G₂) = KG₁ − KG₂ already at hand: O(kn). */
  directionDistanceSq(d1: SpanDirection, d2: SpanDirection): number {
    let t = 0;
    for (let j = 0; j < d1.G.length; j++) t += (d1.G[j] - d2.G[j]) * (d1.KG[j] - d2.KG[j]);
    for (let l = 0; l < this.k; l++) t += (d1.gb[l] - d2.gb[l]) ** 2 + (d1.ga[l] - d2.ga[l]) ** 2;
    return Math.max(0, t);
  }

  /** ⟨D, θ⟩ = Σ_l [Σ_i G_li (z_li − b_l) + gb_l b_l + ga_l a_l], since w_l·x_i = z_li − b_l: O(kn). */
  directionDotTheta(s: SpanState, dir: SpanDirection): number {
    const { k, n } = this;
    let t = 0;
    for (let l = 0; l < k; l++) {
      const off = l * n;
      const bl = s.b[l];
      for (let i = 0; i < n; i++) t += dir.G[off + i] * (s.Z[off + i] - bl);
      t += dir.gb[l] * bl + dir.ga[l] * s.a[l];
    }
    return t;
  }

  step(s: SpanState, dir: SpanDirection, t: number): SpanState {
    const { k, n } = this;
    const alpha = new Float64Array(k * n);
    const Z = new Float64Array(k * n);
    const b = new Float64Array(k);
    const a = new Float64Array(k);
    const wNormSq = new Float64Array(k);
    for (let l = 0; l < k; l++) {
      const off = l * n;
      const gbl = dir.gb[l];
      let wDotD = 0;
      let dKd = 0;
      for (let i = 0; i < n; i++) {
        const tg = t * dir.G[off + i];
        alpha[off + i] = s.alpha[off + i] - tg;
        Z[off + i] = s.Z[off + i] - t * (dir.KG[off + i] + gbl);
        wDotD += tg * (s.Z[off + i] - s.b[l]);
        dKd += tg * (t * dir.KG[off + i]);
      }
      b[l] = s.b[l] - t * gbl;
      a[l] = s.a[l] - t * dir.ga[l];
      // ‖w_l − tΔ‖² = ‖w_l‖² − 2⟨w_l, tΔ⟩ + ‖tΔ‖² (t multiplied in first: t alone may be huge when ‖Δ‖ is tiny).
      wNormSq[l] = s.wNormSq[l] - 2 * wDotD + dKd;
    }
    return { alpha, b, a, Z, wNormSq };
  }

  trace(s: SpanState): NetTrace {
    return { d: this.d, k: this.k, n: this.n, K: this.K, y: this.y, Z: s.Z.slice(), a: s.a.slice(), b: s.b.slice(), wNormSq: s.wNormSq.slice() };
  }
}

/**
 * Dimension-free draw of the initialisation w_l(0) ~ N(0, s²I/d), a_l ~ N(0, s²), b = 0,
 * given a Cholesky factor C of K (K = C Cᵀ, lower triangular n × n):
 *   P_l = (s/√d)·C ξ_l,  ‖w_l(0)‖² = (s²/d)(‖ξ_l‖² + χ²_{d−n}),  ξ_l ~ N(0, I_n).
 */
export function sampleSpanInit(rng: Stream, d: number, k: number, C: Float64Array, n: number, scale: number): SpanInit {
  if (C.length !== n * n) throw new RangeError(`sampleSpanInit: C must be n × n = ${n}×${n}, got ${C.length} entries`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`sampleSpanInit: scale must be a finite number > 0, got ${scale}`);
  if (!Number.isInteger(d) || d < n) throw new RangeError(`sampleSpanInit: d must be an integer ≥ n = ${n}, got ${d}`);
  const f = scale / Math.sqrt(d);
  const P = new Float64Array(k * n);
  const w0NormSq = new Float64Array(k);
  const a = new Float64Array(k);
  const xi = new Float64Array(n);
  const g = rng.child('W');
  const ga = rng.child('a');
  for (let l = 0; l < k; l++) {
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      xi[i] = g.normal();
      s2 += xi[i] * xi[i];
    }
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j <= i; j++) acc += C[i * n + j] * xi[j];
      P[l * n + i] = f * acc;
    }
    w0NormSq[l] = f * f * (s2 + (d > n ? chiSquare(g, d - n) : 0));
    a[l] = scale * ga.normal();
  }
  return { P, w0NormSq, a, b: new Float64Array(k) };
}

/** Span initialisation from explicit w_l(0) rows (k × d) and data X (n × d): P = W X^T, ‖w_l(0)‖². @internal */
export function spanInitFromTheta(W: Float64Array, k: number, d: number, X: Float64Array, n: number, a: Float64Array, b: Float64Array): SpanInit {
  const P = new Float64Array(k * n);
  const w0NormSq = new Float64Array(k);
  for (let l = 0; l < k; l++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += W[l * d + j] ** 2;
    w0NormSq[l] = s;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < d; j++) acc += W[l * d + j] * X[i * d + j];
      P[l * n + i] = acc;
    }
  }
  return { P, w0NormSq, a: Float64Array.from(a), b: Float64Array.from(b) };
}

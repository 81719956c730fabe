import { getActivation } from './activations.js';
import { forward, inputGradient, type TwoLayerNet } from './twoLayer.js';
import { outputAlong, resolveBubeckParams, type BubeckTrialParams, type BubeckTrialSample, type ResolvedBubeckParams } from './bubeckTrial.js';
import { chiSquare, normalVector, rademacherVector } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';

/**
 * Exact dimension-free simulation of one Bubeck trial (docs/theory/dimension-free.md).
 *
 * Net f(x) = k^{-1/2} Σ_l a_l σ(w_l·x), rows w_l ~ N(0, I_d/d) iid; x uniform on √d·S^{d−1}
 * (‖x‖² = n² = d) or x ~ N(0, I_d) (n² = ‖x‖² ~ χ²_d, independent of the direction x̂ = x/n).
 *
 * 1. Split each row along x̂: w_l = (w_l·x̂) x̂ + v_l. By rotation invariance of N(0, I/d),
 *    w_l·x̂ ~ N(0, 1/d) and v_l ~ N(0, P/d) (P = I − x̂x̂ᵀ) are independent, and independent of x.
 *    Hence u = W x = n·(W x̂) has iid N(0, n²/d) entries (N(0, 1) on the sphere), and V (rows v_l)
 *    is independent of (u, a, n).
 * 2. c = a ⊙ σ′(u)/√k and g = ∇f(x) = Wᵀc = (u·c/n²)·x + Vᵀc  (since w_l·x̂ = u_l/n).
 * 3. Let Q be orthogonal with Q c = ‖c‖e₁ (Q = s·H with H the numerically stable Householder
 *    reflection, H c = −s‖c‖e₁, s = −sign c₁; Q = I if c = 0). Q depends on (u, a) only, so
 *    V′ = QV again has iid rows r_1…r_k ~ N(0, P/d), independent of (u, a, n). Then
 *      Vᵀc = V′ᵀQc = ‖c‖ r₁,  V Vᵀ c = Qᵀ V′ V′ᵀ Q c = ‖c‖ Qᵀ (r_j·r₁)_j.
 *    With S = ‖r₁‖² ~ χ²_{d−1}/d and, given r₁, r_j·r₁ ~ N(0, S/d) iid (j ≥ 2):
 *      (r_j·r₁)_j = e := [S, √(S/d)·z₂, …, √(S/d)·z_k],  z_j ~ N(0, 1) iid.
 * 4. ‖g‖² = (u·c)²/n² + ‖c‖²S  (the two parts are orthogonal: x ⊥ Vᵀc), x·g = u·c, and
 *      W g = u (u·c)/n² + V Vᵀ c = u (u·c)/n² + ‖c‖ Qᵀ e.
 *    Along the step, W(x + t g) = u + t·W g, so f(x + t g) = k^{-1/2} Σ a_l σ(u_l + t (Wg)_l)
 *    exactly, for every t, at O(k) per evaluation. Nothing of size d is allocated.
 *
 * Exact coordinates for gradient stability (O(k·m), m = min(k, d−1), materialised on first use):
 * the Bartlett (LQ) decomposition of V′ = d^{-1/2} L Q₂ (Q₂: m orthonormal rows in x^⊥,
 * L: k × m lower trapezoidal, L_jj² ~ χ²_{d−j}, L_ij ~ N(0, 1) for i > j, all independent)
 * has first column L_{·1} = [√(dS), z₂, …, z_k] — precisely the draws above — so the remaining
 * columns are drawn lazily and independently, consistently with step 3. In the orthonormal
 * basis (x̂, rows of Q₂) of a subspace containing x and every w_l:
 *   x = [n, 0, …, 0],  W̃ = [u/n | d^{-1/2} Qᵀ L]  (k × (1 + m)),  g = W̃ᵀc = [u·c/n, ‖c‖√S, 0, …].
 * Any δ ∈ R^d acts on the net only through its coordinates there (its orthogonal part changes no
 * pre-activation), so f(x + δ) and ∇f(x + δ) are exact for every δ: gradient stability is exact in
 * reduced form, at O(k·m) per gradient, independent of d for d > k.
 * A uniform random unit direction r/‖r‖ (r ~ N(0, I_d)) has coordinates r̃/‖r‖ with r̃ ~ N(0, I_{1+m})
 * and ‖r‖² = ‖r̃‖² + χ²_{d−1−m}.
 */

/** The k-dimensional draws a reduced trial is assembled from (exposed for mutation tests). */
export interface ReducedBubeckDraws {
  /** Pre-activations u = W x (length k). */
  u: Float64Array;
  /** Output weights (length k). */
  a: Float64Array;
  /** n² = ‖x‖². */
  xNormSq: number;
  /** S = ‖r₁‖² ~ χ²_{d−1}/d (0 when d = 1). */
  S: number;
  /** z (length k; z[0] unused): (r_j·r₁) = √(S/d)·z_j for j ≥ 2. */
  z: Float64Array;
}

/** Draw (n², u, a, S, z) exactly, in this order from `rng` itself; O(k). @internal */
export function drawReducedBubeck(p: ResolvedBubeckParams, rng: Stream): ReducedBubeckDraws {
  const { d, k } = p;
  const xNormSq = p.input === 'sphere' ? d : chiSquare(rng, d);
  const u = normalVector(rng, k, Math.sqrt(xNormSq / d));
  const a = p.outputWeights === 'gaussian' ? normalVector(rng, k) : rademacherVector(rng, k);
  const S = d > 1 ? chiSquare(rng, d - 1) / d : 0;
  const z = normalVector(rng, k);
  z[0] = 0;
  return { u, a, xNormSq, S, z };
}

/** Orthogonal Q with Q c = ‖c‖ e₁, as s·(I − 2vvᵀ/‖v‖²); `applyT(y)` returns Qᵀ y (a new array). */
function rotationToE1(c: Float64Array, cNorm: number): (y: Float64Array) => Float64Array {
  if (cNorm === 0) return (y) => y.slice();
  const s0 = c[0] >= 0 ? 1 : -1;
  const v = c.slice();
  v[0] += s0 * cNorm;
  const vNormSq = 2 * cNorm * (cNorm + Math.abs(c[0]));
  const s = -s0;
  return (y) => {
    let vy = 0;
    for (let i = 0; i < v.length; i++) vy += v[i] * y[i];
    const beta = (2 * vy) / vNormSq;
    const out = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) out[i] = s * (y[i] - beta * v[i]);
    return out;
  };
}

/**
 * Assemble a trial from its draws (steps 2–4 of the derivation above); the columns 2…m of L for
 * the exact coordinates are drawn lazily, on first use, from `rng.child('bartlett')`.
 * @internal
 */
export function reducedBubeckFromDraws(p: ResolvedBubeckParams, draws: ReducedBubeckDraws, rng: Stream): BubeckTrialSample {
  const { d, k } = p;
  const { u, a, xNormSq, S, z } = draws;
  if (u.length !== k || a.length !== k || z.length !== k)
    throw new RangeError(`reducedBubeckFromDraws: u, a, z must have length k = ${k}, got ${u.length}, ${a.length}, ${z.length}`);
  const act = getActivation(p.activation);
  const n = Math.sqrt(xNormSq);
  const c = new Float64Array(k);
  const invSqrtK = 1 / Math.sqrt(k);
  let f = 0;
  let uDotC = 0;
  let cNormSq = 0;
  for (let l = 0; l < k; l++) {
    f += a[l] * act.f(u[l]);
    const cl = invSqrtK * a[l] * act.df(u[l]);
    c[l] = cl;
    uDotC += u[l] * cl;
    cNormSq += cl * cl;
  }
  f *= invSqrtK;
  const cNorm = Math.sqrt(cNormSq);
  const applyQT = rotationToE1(c, cNorm);
  const e = new Float64Array(k);
  e[0] = S;
  const ze = Math.sqrt(S / d);
  for (let j = 1; j < k; j++) e[j] = ze * z[j];
  const qe = applyQT(e);
  const stepPre = new Float64Array(k);
  const radial = uDotC / xNormSq;
  for (let l = 0; l < k; l++) stepPre[l] = u[l] * radial + cNorm * qe[l];
  const m = Math.min(k, d - 1);
  const dim = 1 + m;

  let net: TwoLayerNet | null = null;
  const coordNet = (): TwoLayerNet => {
    if (net) return net;
    const W = new Float64Array(k * dim);
    const invSqrtD = 1 / Math.sqrt(d);
    for (let l = 0; l < k; l++) W[l * dim] = u[l] / n;
    const col = new Float64Array(k);
    const bartlett = rng.child('bartlett');
    for (let j = 0; j < m; j++) {
      col.fill(0);
      if (j === 0) {
        col[0] = Math.sqrt(d * S);
        for (let i = 1; i < k; i++) col[i] = z[i];
      } else {
        col[j] = Math.sqrt(chiSquare(bartlett, d - 1 - j));
        for (let i = j + 1; i < k; i++) col[i] = bartlett.normal();
      }
      const qc = applyQT(col);
      for (let l = 0; l < k; l++) W[l * dim + 1 + j] = qc[l] * invSqrtD;
    }
    net = { d: dim, k, W, a, act };
    return net;
  };
  const xc = new Float64Array(dim);
  xc[0] = n;
  const gc = new Float64Array(dim);
  gc[0] = uDotC / n;
  if (m > 0) gc[1] = cNorm * Math.sqrt(S);
  const shifted = (delta: Float64Array): Float64Array => {
    if (delta.length !== dim) throw new RangeError(`reducedBubeckTrial: δ must have length coordDim = ${dim}, got ${delta.length}`);
    const y = delta.slice();
    y[0] += n;
    return y;
  };
  const hiddenDof = d - 1 - m;
  return {
    method: 'reduced',
    params: p,
    act,
    a,
    u,
    stepPre,
    xNormSq,
    f,
    uDotC,
    cNormSq,
    gradNormSq: (uDotC * uDotC) / xNormSq + cNormSq * S,
    fAlong: (t) => outputAlong(act, a, u, stepPre, t),
    coordDim: dim,
    xCoords: () => xc.slice(),
    gradCoords: () => gc.slice(),
    fAt: (delta) => forward(coordNet(), shifted(delta)),
    gradAt: (delta) => inputGradient(coordNet(), shifted(delta)),
    randomUnitDirection: (r) => {
      const v = normalVector(r, dim);
      let s = hiddenDof > 0 ? chiSquare(r, hiddenDof) : 0;
      for (let i = 0; i < dim; i++) s += v[i] * v[i];
      const inv = 1 / Math.sqrt(s);
      for (let i = 0; i < dim; i++) v[i] *= inv;
      return v;
    },
    coordNet,
  };
}

/**
 * Reduced (exact, dimension-free) Bubeck trial: same law as `naiveBubeckTrial`, O(k) per trial
 * for f, ∇f, fAlong; O(k·min(k, d)) on first use of the exact coordinates. See the derivation above.
 */
export function reducedBubeckTrial(params: BubeckTrialParams, rng: Stream): BubeckTrialSample {
  const p = resolveBubeckParams('reducedBubeckTrial', params);
  return reducedBubeckFromDraws(p, drawReducedBubeck(p, rng), rng);
}

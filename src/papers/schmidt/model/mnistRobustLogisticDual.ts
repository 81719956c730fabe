import { cholesky, choleskySolve } from '#core/linalg/cholesky.js';
import { logEll } from '#core/linalg/losses.js';
import { requireInt } from './gaussianModel.js';
import type { LogisticModel } from './learners.js';
import { ROBUST_LOGISTIC_LAMBDA, marginCoefficients, requireEps, type SparseRows } from './mnistRobustLogistic.js';

/**
 * The exact minimiser of the boxed ℓ∞-adversarial logistic objective of mnistRobustLogistic.ts,
 *
 *   P(w, b) = (1/N) Σ_i ℓ(M_i(w, b)) + (λ/2)‖w‖²,   M_i = y_i b + Σ_j φ_ij(w_j),   φ_ij(w) = min(c⁺_ij w, c⁻_ij w),
 *   c⁺_ij = y_i x_ij − r_ij(y_i),   c⁻_ij = y_i x_ij + r_ij(−y_i)   (c⁺ ≤ c⁻; r(+) = min(ε, x), r(−) = min(ε, 1 − x)),
 *
 * solved in its Fenchel dual, which has one variable per training image instead of one per pixel. With
 * ℓ(m) = max_{a ∈ [0,1]} (−a m + H(a)), H the binary entropy, and the minimax theorem (P is convex in (w, b),
 * the bracket concave in a, a in a compact set),
 *
 *   P* = max { D(a) = (1/N) Σ_i H(a_i) − (1/(2λN²)) Σ_j [(A⁺_j)₊² + (A⁻_j)₋²] : a ∈ [0, 1]^N, Σ_i a_i y_i = 0 },
 *   A^±_j = Σ_i a_i c^±_ij,   w_j(a) = [(A⁺_j)₊ + (A⁻_j)₋] / (λN)   (at most one term is non-zero, since A⁺ ≤ A⁻),
 *
 * and at the optimum a_i = −ℓ′(M_i) = σ(−M_i), b the multiplier of Σ a_i y_i = 0. D is strongly concave (the
 * entropy) and C¹ with a piecewise-constant Hessian in its quadratic part, so damped Newton with the equality
 * constraint eliminated in the KKT system converges in a few tens of steps (semismooth Newton); each step costs
 * O(nnz + d) for the gradient, O(Σ_j nnz_j²) for the Hessian (the columns' sparse parts, plus rank-one terms for
 * the −ε/+ε every zero pixel carries) and O(N³) for the Cholesky solve. So it beats the primal's first-order
 * iterations when N = 2n is small (a few hundred images or fewer), and it certifies its answer: the duality gap
 * P(w, b) − D(a) is returned (≥ 0 up to rounding; it bounds P(w, b) − P*).
 */
export interface DualLogisticModel extends LogisticModel {
  /** The duality gap P(w, b) − D(a) at the returned point (an upper bound on P(w, b) − P*, up to rounding). */
  gap: number;
}

/** Options of trainRobustLogisticDual. */
export interface DualLogisticOptions {
  /** L2 penalty λ. @defaultValue ROBUST_LOGISTIC_LAMBDA = 1e-3 (as trainRobustLogistic) */
  lambda?: number;
  /**
   * Stop when the Newton decrement gᵀΔ (≈ 2(N·D* − N·D(a))) is ≤ tolerance·N, after one last full step (which
   * squares the error). Below ≈ 1e-14 the decrement is at the rounding of D and cannot be certified. @defaultValue 1e-14
   */
  tolerance?: number;
  /** Newton steps at most (an error if not converged by then). @defaultValue 200 */
  maxIterations?: number;
}

/** Binary entropy H(a) = −a log a − (1 − a) log(1 − a) for a ∈ (0, 1). */
const entropy = (a: number): number => (a > 0 && a < 1 ? -a * Math.log(a) - (1 - a) * Math.log1p(-a) : 0);

/** The dual's data and kernels for one training set and ε (module comment): N·D(a), w(a), margins. */
interface DualProblem {
  /** N·D(a); leaves A⁺, A⁻ at a in Ap, Am. */
  value(a: Float64Array): number;
  /** w(a) into w and the margins without b, m_i = Σ_j φ_ij(w_j), into m, from the current Ap, Am. */
  primalFromDual(): void;
  /** The margins without b of any w into m. */
  marginsOf(w: Float64Array): void;
  Ap: Float64Array;
  Am: Float64Array;
  w: Float64Array;
  m: Float64Array;
  colStart: Int32Array;
  cRow: Int32Array;
  cAlpha: Float64Array;
  cBeta: Float64Array;
  scale: number;
}

function dualProblem(rows: SparseRows, eps: number, lambda: number): DualProblem {
  const { n: N, d, start, col, y } = rows;
  const { alpha, beta } = marginCoefficients(rows, eps);
  // Column-major copy of the sparse coefficients: c⁺_j = s⁺_j − ε·1[y < 0], c⁻_j = −(sβ_j − ε·1[y > 0]) over the rows.
  const nnz = col.length;
  const colStart = new Int32Array(d + 1);
  for (let t = 0; t < nnz; t++) colStart[col[t] + 1]++;
  for (let j = 0; j < d; j++) colStart[j + 1] += colStart[j];
  const cRow = new Int32Array(nnz);
  const cAlpha = new Float64Array(nnz);
  const cBeta = new Float64Array(nnz);
  const cursor = colStart.slice(0, d);
  for (let i = 0; i < N; i++) {
    for (let t = start[i]; t < start[i + 1]; t++) {
      const u = cursor[col[t]]++;
      cRow[u] = i;
      cAlpha[u] = alpha[t];
      cBeta[u] = beta[t];
    }
  }
  const scale = 1 / (lambda * N);
  const Ap = new Float64Array(d);
  const Am = new Float64Array(d);
  /** A⁺, A⁻ at a (into Ap, Am) and N·D(a). */
  const value = (a: Float64Array): number => {
    let sumPos = 0;
    let sumNeg = 0;
    let h = 0;
    for (let i = 0; i < N; i++) {
      if (y[i] > 0) sumPos += a[i];
      else sumNeg += a[i];
      h += entropy(a[i]);
    }
    let q = 0;
    for (let j = 0; j < d; j++) {
      let sp = -eps * sumNeg;
      let sm = eps * sumPos;
      for (let u = colStart[j]; u < colStart[j + 1]; u++) {
        const ai = a[cRow[u]];
        sp += ai * cAlpha[u];
        sm -= ai * cBeta[u];
      }
      Ap[j] = sp;
      Am[j] = sm;
      if (sp > 0) q += sp * sp;
      else if (sm < 0) q += sm * sm;
    }
    return h - 0.5 * scale * q;
  };
  const w = new Float64Array(d);
  const m = new Float64Array(N);
  /** w(a) and the margins without b, m_i = Σ_j φ_ij(w_j), from the current Ap, Am. */
  const marginsOf = (v: Float64Array): void => {
    let sumU = 0;
    let sumV = 0;
    for (let j = 0; j < d; j++) {
      if (v[j] > 0) sumU += v[j];
      else sumV -= v[j];
    }
    for (let i = 0; i < N; i++) {
      let s = -eps * (y[i] > 0 ? sumV : sumU);
      for (let t = start[i]; t < start[i + 1]; t++) {
        const wj = v[col[t]];
        if (wj > 0) s += alpha[t] * wj;
        else if (wj < 0) s -= beta[t] * wj;
      }
      m[i] = s;
    }
  };
  const primalFromDual = (): void => {
    for (let j = 0; j < d; j++) w[j] = Ap[j] > 0 ? scale * Ap[j] : Am[j] < 0 ? scale * Am[j] : 0;
    marginsOf(w);
  };
  return { value, primalFromDual, marginsOf, Ap, Am, w, m, colStart, cRow, cAlpha, cBeta, scale };
}

/**
 * Exact ℓ∞-adversarial (ε > 0) or standard (ε = 0) L2-logistic regression on boxed images by semismooth Newton
 * on the dual (module comment). Deterministic: the start a_i = N₋/N (y_i = +1), N₊/N (y_i = −1) is dual-feasible.
 * Returns w, b, the primal objective P(w, b), the Newton steps taken and the duality gap. @internal (the exact
 * reference of the claim's 400-step learner: its tests' and bench's oracle; the claim itself keeps that learner)
 */
export function trainRobustLogisticDual(rows: SparseRows, eps: number, opts: DualLogisticOptions = {}): DualLogisticModel {
  requireEps('trainRobustLogisticDual', eps);
  requireInt('trainRobustLogisticDual', 'n', rows.n, 2);
  const lambda = opts.lambda ?? ROBUST_LOGISTIC_LAMBDA;
  const tolerance = opts.tolerance ?? 1e-14;
  const maxIterations = opts.maxIterations ?? 200;
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError(`trainRobustLogisticDual: lambda must be a finite number > 0, got ${lambda}`);
  if (!(tolerance >= 0)) throw new RangeError(`trainRobustLogisticDual: tolerance must be a number ≥ 0, got ${tolerance}`);
  requireInt('trainRobustLogisticDual', 'maxIterations', maxIterations, 1);
  const { n: N, d, y } = rows;
  let nPos = 0;
  for (let i = 0; i < N; i++) if (y[i] > 0) nPos++;
  const nNeg = N - nPos;
  if (nPos === 0 || nNeg === 0) throw new RangeError(`trainRobustLogisticDual: rows must contain both labels, got ${nPos} with +1 and ${nNeg} with −1`);
  const P = dualProblem(rows, eps, lambda);
  const { Ap, Am, w, m, colStart, cRow, cAlpha, cBeta, scale } = P;
  const dual = P.value;
  const primalFromDual = P.primalFromDual;
  let a = new Float64Array(N);
  for (let i = 0; i < N; i++) a[i] = y[i] > 0 ? nNeg / N : nPos / N;
  let value = dual(a);
  const g = new Float64Array(N);
  const Q = new Float64Array(N * N);
  const sPlus = new Float64Array(N);
  const sBeta = new Float64Array(N);
  let trial = new Float64Array(N);
  let b = 0;
  let iterations = 0;
  for (; ; iterations++) {
    primalFromDual();
    for (let i = 0; i < N; i++) g[i] = Math.log1p(-a[i]) - Math.log(a[i]) - m[i];
    // Q = −∇²(N·D) = diag(1/(a(1 − a))) + (1/(λN)) Σ_active c cᵀ, lower triangle.
    Q.fill(0);
    sPlus.fill(0);
    sBeta.fill(0);
    let activePlus = 0;
    let activeMinus = 0;
    for (let j = 0; j < d; j++) {
      const plus = Ap[j] > 0;
      if (!plus && !(Am[j] < 0)) continue;
      const coef = plus ? cAlpha : cBeta;
      const sum = plus ? sPlus : sBeta;
      if (plus) activePlus++;
      else activeMinus++;
      for (let u = colStart[j]; u < colStart[j + 1]; u++) {
        const r = cRow[u];
        const cu = coef[u];
        sum[r] += cu;
        for (let v = colStart[j]; v <= u; v++) Q[r * N + cRow[v]] += cu * coef[v];
      }
    }
    // Rank-one parts: −ε(S eᵀ + e Sᵀ) + ε²·#active·e eᵀ, e = 1[y < 0] for the A⁺ columns, 1[y > 0] for the A⁻ columns.
    for (let r = 0; r < N; r++) {
      for (let c = 0; c <= r; c++) {
        let extra = 0;
        const nr = y[r] < 0;
        const nc = y[c] < 0;
        if (nc) extra -= eps * sPlus[r];
        if (nr) extra -= eps * sPlus[c];
        if (nr && nc) extra += eps * eps * activePlus;
        if (!nc) extra -= eps * sBeta[r];
        if (!nr) extra -= eps * sBeta[c];
        if (!nr && !nc) extra += eps * eps * activeMinus;
        Q[r * N + c] = scale * (Q[r * N + c] + extra);
      }
      Q[r * N + r] += 1 / (a[r] * (1 - a[r]));
    }
    const L = cholesky(Q, N);
    const p = choleskySolve(L, N, g);
    const q = choleskySolve(L, N, y);
    let yp = 0;
    let yq = 0;
    for (let i = 0; i < N; i++) {
      yp += y[i] * p[i];
      yq += y[i] * q[i];
    }
    const mu = yp / yq;
    b = mu;
    let decrement = 0;
    let tMax = Infinity;
    for (let i = 0; i < N; i++) {
      const di = p[i] - mu * q[i];
      p[i] = di;
      decrement += g[i] * di;
      if (di > 0) tMax = Math.min(tMax, (1 - a[i]) / di);
      else if (di < 0) tMax = Math.min(tMax, -a[i] / di);
    }
    if (decrement <= tolerance * N) {
      // Within the quadratic-convergence region: one full Newton step squares the error (when it stays inside (0, 1)^N).
      if (tMax > 1) {
        for (let i = 0; i < N; i++) a[i] += p[i];
        dual(a);
      }
      break;
    }
    if (iterations >= maxIterations)
      throw new RangeError(`trainRobustLogisticDual: not converged after maxIterations = ${maxIterations} Newton steps (decrement ${decrement})`);
    // Damped step: stay inside (0, 1)^N, Armijo on N·D.
    let t = Math.min(1, 0.995 * tMax);
    let improved = false;
    for (let halvings = 0; halvings < 60; halvings++, t /= 2) {
      for (let i = 0; i < N; i++) trial[i] = a[i] + t * p[i];
      const v = dual(trial);
      if (v >= value + 1e-4 * t * decrement) {
        value = v;
        improved = true;
        break;
      }
    }
    if (!improved) {
      dual(a); // no ascent left at machine precision: a is the optimum to rounding
      break;
    }
    [a, trial] = [trial, a];
  }
  primalFromDual();
  const objective = primalObjective(m, y, w, b, lambda);
  return { w: Float64Array.from(w), b, objective, iterations, gap: objective - dual(a) / N };
}

/** P(w, b) = (1/N) Σ ℓ(m_i + y_i b) + (λ/2)‖w‖² from the margins without b. */
function primalObjective(m: Float64Array, y: Float64Array, w: Float64Array, b: number, lambda: number): number {
  let loss = 0;
  let reg = 0;
  for (let i = 0; i < m.length; i++) loss += Math.exp(logEll(m[i] + y[i] * b, 'logistic'));
  for (let j = 0; j < w.length; j++) reg += w[j] * w[j];
  return loss / m.length + 0.5 * lambda * reg;
}

/** σ(−q) = 1/(1 + e^q) = −ℓ′(q), without overflow. */
const sigmaNeg = (q: number): number => (q > 0 ? Math.exp(-q) / (1 + Math.exp(-q)) : 1 / (1 + Math.exp(q)));

/**
 * A convergence certificate for any primal point (w, b) of the objective of trainRobustLogisticDual: b is first
 * re-optimised for the given w (1-D Newton on (1/N) Σ ℓ(m_i + y_i b), which only lowers P), then a_i = σ(−M_i) is
 * dual-feasible (Σ a_i y_i = 0 is the b-stationarity), so P* ≥ D(a) and
 *
 *   gap = P(w, b′) − D(a) ≥ P(w, b′) − P* ≥ 0   (up to rounding),   ‖w − w*‖² ≤ 2·gap/λ (strong convexity).
 *
 * Returns b′, P(w, b′) and the gap.
 */
export function dualityGap(rows: SparseRows, eps: number, lambda: number, w: Float64Array, b: number): { b: number; objective: number; gap: number } {
  requireEps('dualityGap', eps);
  if (w.length !== rows.d) throw new RangeError(`dualityGap: w must have length d = ${rows.d}, got ${w.length}`);
  const P = dualProblem(rows, eps, lambda);
  P.marginsOf(w);
  const { m } = P;
  const { n: N, y } = rows;
  // f′(b) = −Σ y_i σ(−(m_i + y_i b)) increases in b: bracket its root, then Newton safeguarded by bisection.
  const slope = (c: number): { g: number; h: number } => {
    let g = 0;
    let h = 0;
    for (let i = 0; i < N; i++) {
      const s = sigmaNeg(m[i] + y[i] * c);
      g -= y[i] * s;
      h += s * (1 - s);
    }
    return { g, h };
  };
  let lo = b;
  let hi = b;
  for (let width = 1; slope(lo).g > 0; width *= 2) lo = b - width;
  for (let width = 1; slope(hi).g < 0; width *= 2) hi = b + width;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * (1 + Math.abs(b)); it++) {
    const { g, h } = slope(b);
    if (g === 0) break;
    if (g < 0) lo = b;
    else hi = b;
    const newton = h > 0 ? b - g / h : NaN;
    const next = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
    const moved = Math.abs(next - b);
    b = next;
    if (moved <= 1e-15 * (1 + Math.abs(b))) break;
  }
  const a = new Float64Array(N);
  for (let i = 0; i < N; i++) a[i] = sigmaNeg(m[i] + y[i] * b);
  const objective = primalObjective(m, y, w, b, lambda);
  return { b, objective, gap: objective - P.value(a) / N };
}

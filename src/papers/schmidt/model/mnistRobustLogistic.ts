import { logEll, logNegDerivative } from '#core/linalg/losses.js';
import { requireInt, type LabelledData } from './gaussianModel.js';
import type { LogisticModel } from './learners.js';

/**
 * ℓ∞-adversarially trained logistic regression on inputs boxed to [0, 1]^d, with the exact worst case
 * (Schmidt et al. 2018, §5: adversarial training; for a linear model the inner maximisation is closed-form):
 *
 *   min_{w,b} (1/N) Σ_i ℓ(M_i(w, b)) + (λ/2)‖w‖²,   ℓ(q) = log(1 + e^{−q}) (log domain, src/core/linalg/losses.ts),
 *   M_i(w, b) = min_{x′ ∈ [0,1]^d, ‖x′ − x_i‖∞ ≤ ε} y_i(⟨w, x′⟩ + b)
 *             = y_i(⟨w, x_i⟩ + b) − Σ_j |w_j|·r_ij(sgn(y_i w_j)),   r_ij(+) = min(ε, x_ij), r_ij(−) = min(ε, 1 − x_ij)
 *
 * (the coordinate-wise worst case of linfWorstCaseBoxed; without the box it is y⟨w, x⟩ − ε‖w‖₁). M_i is concave
 * and kinked at w_j = 0; splitting w = u − v, u, v ≥ 0, makes it linear,
 *
 *   M_i(u, v, b) = y_i(⟨u − v, x_i⟩ + b) − ⟨u, a_i⟩ − ⟨v, c_i⟩,   a_i = r_i(y_i), c_i = r_i(−y_i),
 *
 * and the objective F(u, v, b) = (1/N) Σ ℓ(M_i) + (λ/2)(‖u‖² + ‖v‖²) smooth and convex on u, v ≥ 0. F ≥ the
 * original objective at w = u − v (an extra v_j, u_j only lowers M_i and raises the penalty), with equality when
 * min(u_j, v_j) = 0, so the two problems have the same minimum and minimiser. ε = 0 is ordinary (standard)
 * L2-regularised logistic regression. Solved by projected Nesterov descent (step 1/L, L = ¼·max_i ‖∂M_i‖² + λ)
 * with O'Donoghue–Candès gradient restarts; deterministic (zero start).
 *
 * Images are mostly zeros, so rows are kept sparse: for a pixel with x_ij = 0, a_ij = 0 or ε and c_ij = ε or 0
 * depending on y_i, which folds into one dense term −ε·Σ_j v_j (y_i = +1) or −ε·Σ_j u_j (y_i = −1) per row.
 */
export interface SparseRows {
  n: number;
  d: number;
  /** Row i's non-zero pixels are col/val[start[i] .. start[i+1]). */
  start: Int32Array;
  col: Int32Array;
  val: Float64Array;
  y: Float64Array;
}

/** Compressed rows of `data` (optionally only the rows `rows`, in that order; `labels` replaces their labels). */
export function sparseRows(data: LabelledData, rows?: ArrayLike<number>, labels?: ArrayLike<number>): SparseRows {
  const { d, X } = data;
  const n = rows ? rows.length : data.n;
  if (labels && labels.length !== n) throw new RangeError(`sparseRows: labels must have one entry per row (${n}), got ${labels.length}`);
  const rowOf = (i: number): number => (rows ? rows[i] : i);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const r = rowOf(i);
    if (!(Number.isInteger(r) && r >= 0 && r < data.n)) throw new RangeError(`sparseRows: row index must be an integer in [0, ${data.n - 1}], got ${r}`);
    for (let j = 0; j < d; j++) if (X[r * d + j] !== 0) nnz++;
  }
  const start = new Int32Array(n + 1);
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  const y = new Float64Array(n);
  for (let i = 0, t = 0; i < n; i++) {
    const r = rowOf(i);
    start[i] = t;
    for (let j = 0; j < d; j++) {
      const v = X[r * d + j];
      if (v !== 0) {
        if (!(v >= 0 && v <= 1)) throw new RangeError(`sparseRows: x[${r}][${j}] = ${v} is outside the box [0, 1]`);
        col[t] = j;
        val[t++] = v;
      }
    }
    start[i + 1] = t;
    y[i] = labels ? labels[i] : data.y[r];
    if (y[i] !== 1 && y[i] !== -1) throw new RangeError(`sparseRows: label of row ${r} must be ±1, got ${y[i]}`);
  }
  return { n, d, start, col, val, y };
}

/**
 * Coefficients of the split robust margin: M_i = Σ_{t ∈ row i} (alpha_t u_{col t} + beta_t v_{col t}) + y_i b − ε·(y_i > 0 ? Σ v : Σ u),
 * alpha_t = y x − a + ε[y < 0], beta_t = −y x − c + ε[y > 0] (the dense −ε on the zero pixels, given back on the non-zero ones).
 */
export interface MarginCoefficients {
  alpha: Float64Array;
  beta: Float64Array;
  /** max_i ‖∂M_i/∂(u, v, b)‖², for the step size. */
  maxSq: number;
}

/** The split-margin coefficients alpha, beta of every non-zero pixel (MarginCoefficients; shared with the dual solver). */
export function marginCoefficients(rows: SparseRows, eps: number): MarginCoefficients {
  const { n, d, start, val, y } = rows;
  const alpha = new Float64Array(val.length);
  const beta = new Float64Array(val.length);
  let maxSq = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    let sq = 1 + eps * eps * (d - (start[i + 1] - start[i]));
    for (let t = start[i]; t < start[i + 1]; t++) {
      const x = val[t];
      const down = Math.min(eps, x);
      const up = Math.min(eps, 1 - x);
      // y = +1: a = r(+) = down, c = r(−) = up; y = −1: a = up, c = down.
      const a = yi > 0 ? down : up;
      const c = yi > 0 ? up : down;
      alpha[t] = yi * x - a + (yi < 0 ? eps : 0);
      beta[t] = -yi * x - c + (yi > 0 ? eps : 0);
      sq += alpha[t] * alpha[t] + beta[t] * beta[t];
    }
    maxSq = Math.max(maxSq, sq);
  }
  return { alpha, beta, maxSq };
}

/** Throws unless 0 ≤ ε ≤ 1 (the radius of a box [0, 1] image). */
export function requireEps(api: string, eps: number): void {
  if (!(eps >= 0 && eps <= 1)) throw new RangeError(`${api}: eps must be a number in [0, 1], got ${eps}`);
}

/** θ = [u (d), v (d), b]: the split parameters. Margins M_i(θ) into `out`. */
function margins(rows: SparseRows, k: MarginCoefficients, eps: number, theta: Float64Array, out: Float64Array): void {
  const { n, d, start, col, y } = rows;
  let sumU = 0;
  let sumV = 0;
  for (let j = 0; j < d; j++) {
    sumU += theta[j];
    sumV += theta[d + j];
  }
  const b = theta[2 * d];
  const { alpha, beta } = k;
  for (let i = 0; i < n; i++) {
    let m = y[i] * b - eps * (y[i] > 0 ? sumV : sumU);
    const end = start[i + 1];
    for (let t = start[i]; t < end; t++) {
      const c = col[t];
      m += alpha[t] * theta[c] + beta[t] * theta[d + c];
    }
    out[i] = m;
  }
}

/** ∇F(θ) into `grad` (and F(θ) when `withValue`); `q` receives the margins. */
function objectiveAndGradient(
  rows: SparseRows,
  k: MarginCoefficients,
  eps: number,
  lambda: number,
  theta: Float64Array,
  grad: Float64Array,
  q: Float64Array,
  withValue = true,
): number {
  const { n, d, start, col, y } = rows;
  const { alpha, beta } = k;
  margins(rows, k, eps, theta, q);
  grad.fill(0);
  let loss = 0;
  let densePos = 0;
  let denseNeg = 0;
  for (let i = 0; i < n; i++) {
    if (withValue) loss += Math.exp(logEll(q[i], 'logistic'));
    // g_i = ℓ′(M_i)/N = −e^{log(−ℓ′(M_i))}/N.
    const g = -Math.exp(logNegDerivative(q[i], 'logistic')) / n;
    const end = start[i + 1];
    for (let t = start[i]; t < end; t++) {
      const c = col[t];
      grad[c] += g * alpha[t];
      grad[d + c] += g * beta[t];
    }
    grad[2 * d] += g * y[i];
    if (y[i] > 0) densePos += g;
    else denseNeg += g;
  }
  let reg = 0;
  for (let j = 0; j < d; j++) {
    grad[j] += -eps * denseNeg + lambda * theta[j];
    grad[d + j] += -eps * densePos + lambda * theta[d + j];
    if (withValue) reg += theta[j] * theta[j] + theta[d + j] * theta[d + j];
  }
  return withValue ? loss / n + 0.5 * lambda * reg : NaN;
}

/**
 * The split objective F(u, v, b) = (1/N)Σ ℓ(M_i) + (λ/2)(‖u‖² + ‖v‖²) and its gradient at θ = [u, v, b]
 * (length 2d + 1), and the margins M_i: for the finite-difference and worst-case tests. @internal
 */
export function robustLogisticObjective(
  rows: SparseRows,
  eps: number,
  lambda: number,
  theta: Float64Array,
): { value: number; grad: Float64Array; margins: Float64Array } {
  requireEps('robustLogisticObjective', eps);
  if (theta.length !== 2 * rows.d + 1) throw new RangeError(`robustLogisticObjective: theta must have length 2d + 1 = ${2 * rows.d + 1}, got ${theta.length}`);
  const grad = new Float64Array(theta.length);
  const q = new Float64Array(rows.n);
  const value = objectiveAndGradient(rows, marginCoefficients(rows, eps), eps, lambda, theta, grad, q);
  return { value, grad, margins: q };
}

/** The L2 penalty λ of the learners of schmidt.mnist-sample-complexity (as trainLogistic). */
export const ROBUST_LOGISTIC_LAMBDA = 1e-3;

/** Options of trainRobustLogistic. */
export interface RobustLogisticOptions {
  /** L2 penalty λ. @defaultValue ROBUST_LOGISTIC_LAMBDA = 1e-3 */
  lambda?: number;
  /** Projected Nesterov steps. @defaultValue 400 (as trainLogistic) */
  iterations?: number;
}

/** The pixels j, ascending, that are non-zero in at least one row. */
function pixelSupport(rows: SparseRows): Int32Array {
  const seen = new Uint8Array(rows.d);
  for (let t = 0; t < rows.col.length; t++) seen[rows.col[t]] = 1;
  const out: number[] = [];
  for (let j = 0; j < rows.d; j++) if (seen[j]) out.push(j);
  return Int32Array.from(out);
}

/**
 * Exact ℓ∞-adversarial training of logistic regression at radius ε with inputs boxed to [0, 1] (module
 * comment: projected Nesterov descent on the split objective, restarts when ⟨∇F(look), θ_{k+1} − θ_k⟩ > 0).
 * ε = 0 is standard training. Returns w = u − v, b and the final objective (which equals the unsplit robust
 * objective at w when min(u_j, v_j) = 0, as it is at the optimum).
 */
export function trainRobustLogistic(rows: SparseRows, eps: number, opts: RobustLogisticOptions = {}): LogisticModel {
  requireEps('trainRobustLogistic', eps);
  requireInt('trainRobustLogistic', 'n', rows.n, 2);
  const lambda = opts.lambda ?? ROBUST_LOGISTIC_LAMBDA;
  const iters = opts.iterations ?? 400;
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError(`trainRobustLogistic: lambda must be a finite number > 0, got ${lambda}`);
  requireInt('trainRobustLogistic', 'iterations', iters, 1);
  const { n, d, start, col, y } = rows;
  const p = 2 * d + 1;
  const k = marginCoefficients(rows, eps);
  const { alpha, beta } = k;
  const step = 1 / (0.25 * k.maxSq + lambda);
  let theta = new Float64Array(p);
  let prev = new Float64Array(p);
  let next = new Float64Array(p);
  const look = new Float64Array(p);
  // The sparse part of ∇F (Σ_i g_i ∂M_i over the non-zero pixels), zeroed again as the update consumes it.
  const grad = new Float64Array(p);
  // Pixels that are 0 in every training image keep u_j = v_j = 0 throughout: from the zero start their gradient is
  // −ε·Σ_class g_i ≥ 0 (g_i < 0), so the projection returns 0, and they add exact zeros to every sum. The dense loops
  // run over the other pixels only, in the same order (the same bits as the loops over all d).
  const support = pixelSupport(rows);
  let momentumAge = 1;
  for (let it = 0; it < iters; it++) {
    const mom = (momentumAge - 1) / (momentumAge + 2);
    let sumU = 0;
    let sumV = 0;
    for (let s = 0; s < support.length; s++) {
      const j = support[s];
      const l = theta[j] + mom * (theta[j] - prev[j]);
      look[j] = l;
      sumU += l;
    }
    for (let s = 0; s < support.length; s++) {
      const j = d + support[s];
      const l = theta[j] + mom * (theta[j] - prev[j]);
      look[j] = l;
      sumV += l;
    }
    const b = theta[2 * d] + mom * (theta[2 * d] - prev[2 * d]);
    // One pass over the rows: margin M_i(look), g_i = ℓ′(M_i)/N (log domain), its sparse gradient terms; the dense −ε terms summed by class.
    let densePos = 0;
    let denseNeg = 0;
    let gradB = 0;
    for (let i = 0; i < n; i++) {
      const end = start[i + 1];
      let m = y[i] * b - eps * (y[i] > 0 ? sumV : sumU);
      for (let t = start[i]; t < end; t++) {
        const c = col[t];
        m += alpha[t] * look[c] + beta[t] * look[d + c];
      }
      const g = -Math.exp(logNegDerivative(m, 'logistic')) / n;
      for (let t = start[i]; t < end; t++) {
        const c = col[t];
        grad[c] += g * alpha[t];
        grad[d + c] += g * beta[t];
      }
      gradB += g * y[i];
      if (y[i] > 0) densePos += g;
      else denseNeg += g;
    }
    // Projected step θ_{k+1} = Π(look − ∇F(look)/L) on u, v ≥ 0, and the restart test ⟨∇F(look), θ_{k+1} − θ_k⟩ > 0.
    let restart = 0;
    for (let s = 0; s < 2 * support.length; s++) {
      const j = s < support.length ? support[s] : d + support[s - support.length];
      const gj = grad[j] - eps * (j < d ? denseNeg : densePos) + lambda * look[j];
      grad[j] = 0;
      const z = Math.max(0, look[j] - step * gj);
      restart += gj * (z - theta[j]);
      next[j] = z;
    }
    next[2 * d] = b - step * gradB;
    restart += gradB * (next[2 * d] - theta[2 * d]);
    momentumAge = restart > 0 ? 1 : momentumAge + 1;
    [prev, theta, next] = [theta, next, prev];
  }
  const q = new Float64Array(n);
  const value = objectiveAndGradient(rows, k, eps, lambda, theta, grad, q);
  const w = new Float64Array(d);
  for (let j = 0; j < d; j++) w[j] = theta[j] - theta[d + j];
  return { w, b: theta[2 * d], objective: value, iterations: iters };
}

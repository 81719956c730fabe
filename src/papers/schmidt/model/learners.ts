import { logEll, logNegDerivative } from '../../../core/linalg/losses.js';
import type { WeightGroups } from './errors.js';
import { requireInt, requirePositive, type LabelledData } from './gaussianModel.js';

/**
 * Learners of Schmidt et al. (docs/theory/catalogue.md "Schmidt et al. 2018"), as functions of the sufficient
 * statistic ŵ = Σ_i y_i x_i (all of them depend on the data only through it):
 * - mean:       ŵ = Σ y_i x_i                       (Thm 21 uses ŵ/n; same classifier)
 * - posterior:  E[θ | data] = ŵ/(σ² + n) under θ ~ N(0, I) (y_i x_i | θ ~ N(θ, σ² I))
 * - soft:       soft(ŵ/n, ε)_j = sgn(m_j)·max(|m_j| − ε, 0), m = ŵ/n — the ℓ∞-adversarially trained
 *               linear model: argmax_{‖w‖₂≤1} (1/n)Σ_i min_{‖δ‖∞≤ε} y_i⟨w, x_i + δ⟩ = ⟨w, m⟩ − ε‖w‖₁
 *               is soft(m, ε)/‖soft(m, ε)‖₂ (linear loss; the maximiser is unique up to scale)
 * - sign:       sgn(ŵ) (sgn 0 = 0)
 * - constant:   ignores the data and predicts +1 (perfectly robust, error ½; the negative control)
 * and f∘T: threshold the input (T(x)_i = +1 if x_i ≥ 0 else −1), then classify (Thm 10).
 */
export type LearnerName = 'mean' | 'posterior' | 'soft' | 'sign' | 'constant';
const LEARNERS: readonly LearnerName[] = ['mean', 'posterior', 'soft', 'sign', 'constant'];
/** @internal */
export const LINEAR_LEARNERS: readonly LearnerName[] = ['mean', 'posterior', 'soft', 'sign'];

function requireLearner(api: string, name: string): LearnerName {
  if (!(LEARNERS as readonly string[]).includes(name)) throw new RangeError(`${api}: learner must be one of ${LEARNERS.join(', ')}, got "${name}"`);
  return name as LearnerName;
}

/** ŵ = Σ_i y_i x_i of explicit data. */
export function meanSum(data: LabelledData): Float64Array {
  const w = new Float64Array(data.d);
  for (let i = 0; i < data.n; i++) {
    const yi = data.y[i];
    const off = i * data.d;
    for (let j = 0; j < data.d; j++) w[j] += yi * data.X[off + j];
  }
  return w;
}

/** soft(m, ε)_j = sgn(m_j)·max(|m_j| − ε, 0). @internal */
export function softThreshold(m: Float64Array, eps: number): Float64Array {
  if (!(eps >= 0)) throw new RangeError(`softThreshold: eps must be ≥ 0, got ${eps}`);
  const out = new Float64Array(m.length);
  for (let j = 0; j < m.length; j++) {
    const a = Math.abs(m[j]) - eps;
    out[j] = a > 0 ? Math.sign(m[j]) * a : 0;
  }
  return out;
}

/** sgn(v) coordinate-wise (sgn 0 = 0). @internal */
export function signVector(v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let j = 0; j < v.length; j++) out[j] = Math.sign(v[j]);
  return out;
}

/** The linear learner's weights from ŵ = Σ y_i x_i (n samples); null for the constant learner. */
export function gaussianLearner(name: LearnerName, wSum: Float64Array, n: number, sigma: number, eps: number): Float64Array | null {
  requirePositive('gaussianLearner', 'n', n);
  switch (requireLearner('gaussianLearner', name)) {
    case 'mean':
      return wSum;
    case 'posterior': {
      requirePositive('gaussianLearner', 'sigma', sigma);
      const c = 1 / (sigma * sigma + n);
      return wSum.map((v) => v * c);
    }
    case 'soft':
      return softThreshold(
        wSum.map((v) => v / n),
        eps,
      );
    case 'sign':
      return signVector(wSum);
    case 'constant':
      return null;
  }
}

/** The robust objective (1/n)Σ_i min_{‖δ‖∞≤ε} y_i⟨w, x_i + δ⟩ = ⟨w, ŵ/n⟩ − ε‖w‖₁ that `soft` maximises on the unit ℓ2 ball. @internal */
export function robustLinearObjective(w: Float64Array, wSum: Float64Array, n: number, eps: number): number {
  let s = 0;
  let l1 = 0;
  for (let j = 0; j < w.length; j++) {
    s += (w[j] * wSum[j]) / n;
    l1 += Math.abs(w[j]);
  }
  return s - eps * l1;
}

/**
 * Bernoulli learners on the level counts (bernoulliModel.ts): coordinates with aligned count ℓ have
 * aligned mean-sum value 2ℓ − n, so each learner maps level ℓ to one aligned weight:
 * mean 2ℓ − n, posterior ∝ the mean (same classifier), sign sgn(2ℓ − n), soft soft((2ℓ − n)/n, ε).
 * Equal values are merged. The constant learner has no weights (throws).
 */
export function bernoulliLearnerGroups(name: LearnerName, levelCounts: readonly number[], eps: number): WeightGroups {
  const n = levelCounts.length - 1;
  requireInt('bernoulliLearnerGroups', 'n', n, 1);
  const learner = requireLearner('bernoulliLearnerGroups', name);
  if (learner === 'constant') throw new RangeError('bernoulliLearnerGroups: the constant learner has no weights');
  const byValue = new Map<number, number>();
  for (let l = 0; l <= n; l++) {
    const k = levelCounts[l];
    if (k === 0) continue;
    const m = 2 * l - n;
    let v: number;
    if (learner === 'mean' || learner === 'posterior') v = m;
    else if (learner === 'sign') v = Math.sign(m);
    else {
      const a = Math.abs(m / n) - eps;
      v = a > 0 ? Math.sign(m) * a : 0;
    }
    byValue.set(v, (byValue.get(v) ?? 0) + k);
  }
  const values = [...byValue.keys()].sort((a, b) => a - b);
  return { values, counts: values.map((v) => byValue.get(v) as number) };
}

/** T(x)_i = +1 if x_i ≥ 0 else −1 (Thm 10's thresholding filter). */
export function thresholdInput(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = x[j] >= 0 ? 1 : -1;
  return out;
}

// ---------------------------------------------------------------- a trained linear classifier (MNIST)

export interface LogisticModel {
  w: Float64Array;
  b: number;
  /** Final objective (1/n)Σ log(1 + e^{−y_i(⟨w, x_i⟩ + b)}) + (λ/2)‖w‖². */
  objective: number;
  iterations: number;
}

/**
 * L2-regularised logistic regression, min_{w,b} (1/n)Σ_i ℓ(y_i(⟨w, x_i⟩ + b)) + (λ/2)‖w‖²,
 * ℓ(q) = log(1 + e^{−q}) (src/core/linalg/losses.ts, log domain), by Nesterov-accelerated gradient
 * descent with step 1/L, L = ¼·max_i(‖x_i‖² + 1) + λ ≥ the gradient's Lipschitz constant.
 * Deterministic (zero start), so a data set gives one model.
 */
export function trainLogistic(data: LabelledData, opts: { lambda?: number; iterations?: number } = {}): LogisticModel {
  const { n, d, X, y } = data;
  requireInt('trainLogistic', 'n', n, 2);
  const lambda = opts.lambda ?? 1e-3;
  const iters = opts.iterations ?? 400;
  if (!(lambda >= 0)) throw new RangeError(`trainLogistic: lambda must be ≥ 0, got ${lambda}`);
  requireInt('trainLogistic', 'iterations', iters, 1);
  // Rows in compressed form (images are mostly zeros): start[i]..start[i+1] index into col/val.
  const start = new Int32Array(n + 1);
  let nnz = 0;
  for (let k = 0; k < X.length; k++) if (X[k] !== 0) nnz++;
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let maxSq = 0;
  for (let i = 0, t = 0; i < n; i++) {
    start[i] = t;
    let sq = 1;
    for (let j = 0; j < d; j++) {
      const v = X[i * d + j];
      if (v !== 0) {
        col[t] = j;
        val[t++] = v;
        sq += v * v;
      }
    }
    start[i + 1] = t;
    maxSq = Math.max(maxSq, sq);
  }
  const margin = (t: Float64Array, i: number): number => {
    let z = t[d];
    for (let k = start[i]; k < start[i + 1]; k++) z += t[col[k]] * val[k];
    return y[i] * z;
  };
  const step = 1 / (0.25 * maxSq + lambda);
  // θ = [w, b]; Nesterov momentum: look = θ_k + (k−1)/(k+2)·(θ_k − θ_{k−1}), θ_{k+1} = look − step·∇(look).
  let theta = new Float64Array(d + 1);
  let prev = theta;
  const look = new Float64Array(d + 1);
  const grad = new Float64Array(d + 1);
  for (let k = 1; k <= iters; k++) {
    const mom = (k - 1) / (k + 2);
    for (let j = 0; j <= d; j++) look[j] = theta[j] + mom * (theta[j] - prev[j]);
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      // dℓ(y z)/dz = −y σ(−y z), with −ℓ′(q) = e^{logNegDerivative(q)}.
      const c = (-y[i] * Math.exp(logNegDerivative(margin(look, i), 'logistic'))) / n;
      for (let t = start[i]; t < start[i + 1]; t++) grad[col[t]] += c * val[t];
      grad[d] += c;
    }
    for (let j = 0; j < d; j++) grad[j] += lambda * look[j];
    const next = new Float64Array(d + 1);
    for (let j = 0; j <= d; j++) next[j] = look[j] - step * grad[j];
    prev = theta;
    theta = next;
  }
  let loss = 0;
  for (let i = 0; i < n; i++) loss += Math.exp(logEll(margin(theta, i), 'logistic'));
  let reg = 0;
  for (let j = 0; j < d; j++) reg += theta[j] * theta[j];
  return { w: theta.slice(0, d), b: theta[d], objective: loss / n + 0.5 * lambda * reg, iterations: iters };
}

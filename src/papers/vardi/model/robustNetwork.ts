import { HypothesisError, maxInnerProduct } from './sphereData.js';
import { biasOffset, outputOffset, thetaLength, type BiasedReluShape } from './biasedRelu.js';
import type { NetTrace } from './netTrace.js';

/**
 * Vardi et al.'s robust network (docs/theory/catalogue.md, vardi.robust-network-exists): for data with
 * max_{i≠j} |⟨x_i, x_j⟩| ≤ c·d, c < β < 1, one neuron per sample,
 *   w_i = x_i,  b_i = −βd,  a_i = y_i/((1 − β)d),
 * so f(x_j) = y_j exactly, and no δ with ‖δ‖ < min(1 − β, β − c)·√d changes any label:
 * neuron j keeps (1 − β)d − √d‖δ‖ > 0 and every other neuron stays below cd + √d‖δ‖ − βd < 0.
 */
export interface RobustNetwork {
  shape: BiasedReluShape;
  theta: Float64Array;
  beta: number;
  /** c = max_{i≠j} |⟨x_i, x_j⟩|/d measured on the data. */
  c: number;
  /** Certified ℓ2 radius min(1 − β, β − c)·√d. */
  radius: number;
}

/** c = max_{i≠j}|⟨x_i,x_j⟩|/d and the check c < β < 1. */
function separationConstant(api: string, K: Float64Array, n: number, d: number, beta: number): number {
  const c = maxInnerProduct(K, n) / d;
  if (!(c < 1)) throw new HypothesisError(api, 'max_{i≠j}|⟨x_i,x_j⟩|/d must be < 1 (duplicate or antipodal points)', { c, n, d });
  if (!(beta > c && beta < 1)) throw new HypothesisError(api, 'β must satisfy c < β < 1', { beta, c });
  return c;
}

/** Certified radius min(1 − β, β − c)·√d. @internal */
export function certifiedRadius(d: number, beta: number, c: number): number {
  return Math.min(1 - beta, beta - c) * Math.sqrt(d);
}

/** Builds the robust network on explicit data X (n × d), y (see the file comment). */
export function buildRobustNetwork(X: Float64Array, y: Float64Array, K: Float64Array, d: number, beta: number): RobustNetwork {
  const n = y.length;
  if (X.length !== n * d) throw new RangeError(`buildRobustNetwork: X must be n × d = ${n}×${d}, got ${X.length} entries`);
  const c = separationConstant('buildRobustNetwork', K, n, d, beta);
  const shape = { d, k: n };
  const theta = new Float64Array(thetaLength(shape));
  theta.set(X, 0);
  const bo = biasOffset(shape);
  const ao = outputOffset(shape);
  for (let i = 0; i < n; i++) {
    theta[bo + i] = -beta * d;
    theta[ao + i] = y[i] / ((1 - beta) * d);
  }
  return { shape, theta, beta, c, radius: certifiedRadius(d, beta, c) };
}

/** The robust network's trace from the Gram matrix alone: z_li = K_li − βd, ‖w_l‖² = K_ll. */
export function robustNetworkTrace(K: Float64Array, y: Float64Array, d: number, beta: number): { trace: NetTrace; c: number; radius: number } {
  const n = y.length;
  if (K.length !== n * n) throw new RangeError(`robustNetworkTrace: K must be n × n = ${n}×${n}, got ${K.length} entries`);
  const c = separationConstant('robustNetworkTrace', K, n, d, beta);
  const Z = new Float64Array(n * n);
  for (let l = 0; l < n; l++) for (let i = 0; i < n; i++) Z[l * n + i] = K[l * n + i] - beta * d;
  const a = new Float64Array(n);
  const wNormSq = new Float64Array(n);
  for (let l = 0; l < n; l++) {
    a[l] = y[l] / ((1 - beta) * d);
    wNormSq[l] = K[l * n + l];
  }
  return { trace: { d, k: n, n, K, y: Float64Array.from(y), Z, a, b: new Float64Array(n).fill(-beta * d), wNormSq }, c, radius: certifiedRadius(d, beta, c) };
}

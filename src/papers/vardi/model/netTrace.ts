import { biasOffset, outputOffset, type BiasedReluShape } from './biasedRelu.js';

/**
 * Everything the Vardi claims need about a biased ReLU net θ = [w, b, a] on its training
 * data, as inner products (docs/theory/dimension-free.md): the Gram matrix
 * K_ij = x_i·x_j, labels y, pre-activations z_li = w_l·x_i + b_l, a, b and ‖w_l‖².
 * Margins, the KKT certificate and the universal perturbation are functions of the trace
 * alone, so the naive trainer (explicit vectors) and the span trainer share them.
 */
export interface NetTrace {
  d: number;
  k: number;
  n: number;
  /** n × n Gram matrix of the inputs, row-major. */
  K: Float64Array;
  y: Float64Array;
  /** k × n pre-activations, Z[l·n + i] = w_l·x_i + b_l. */
  Z: Float64Array;
  a: Float64Array;
  b: Float64Array;
  /** ‖w_l‖² per neuron. */
  wNormSq: Float64Array;
}

/** Margins q_i = y_i Σ_l a_l relu(z_li). */
export function traceMargins(t: NetTrace): Float64Array {
  const { n, k, Z, a, y } = t;
  const q = new Float64Array(n);
  for (let l = 0; l < k; l++) {
    const al = a[l];
    if (al === 0) continue;
    const off = l * n;
    for (let i = 0; i < n; i++) {
      const z = Z[off + i];
      if (z > 0) q[i] += al * z;
    }
  }
  for (let i = 0; i < n; i++) q[i] *= y[i];
  return q;
}

/** ‖θ‖² = Σ_l (‖w_l‖² + b_l² + a_l²). */
export function traceThetaNormSq(t: NetTrace): number {
  let s = 0;
  for (let l = 0; l < t.k; l++) s += t.wNormSq[l] + t.b[l] * t.b[l] + t.a[l] * t.a[l];
  return s;
}

/** The trace of cθ: z → c·z, a → c·a, b → c·b, ‖w‖² → c²‖w‖² (margins scale by c²). */
export function scaleTrace(t: NetTrace, c: number): NetTrace {
  if (!(c > 0) || !Number.isFinite(c)) throw new RangeError(`scaleTrace: c must be a finite number > 0, got ${c}`);
  const mul = (v: Float64Array, f: number): Float64Array => v.map((x) => x * f);
  return { ...t, Z: mul(t.Z, c), a: mul(t.a, c), b: mul(t.b, c), wNormSq: mul(t.wNormSq, c * c) };
}

/** Gram matrix K = X Xᵀ of the rows of X (n × d). */
export function gramMatrix(X: Float64Array, n: number, d: number): Float64Array {
  if (X.length !== n * d) throw new RangeError(`gramMatrix: X must be n × d = ${n}×${d}, got ${X.length} entries`);
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      const oi = i * d;
      const oj = j * d;
      for (let m = 0; m < d; m++) s += X[oi + m] * X[oj + m];
      K[i * n + j] = s;
      K[j * n + i] = s;
    }
  }
  return K;
}

/** Trace of an explicit θ on data X (n × d), y; pass K to reuse a Gram matrix. @internal */
export function traceOfTheta(theta: Float64Array, s: BiasedReluShape, X: Float64Array, y: Float64Array, K?: Float64Array): NetTrace {
  const { d, k } = s;
  const n = y.length;
  if (X.length !== n * d) throw new RangeError(`traceOfTheta: X must be n × d = ${n}×${d}, got ${X.length} entries`);
  const bo = biasOffset(s);
  const ao = outputOffset(s);
  const Z = new Float64Array(k * n);
  const wNormSq = new Float64Array(k);
  for (let l = 0; l < k; l++) {
    const off = l * d;
    let w2 = 0;
    for (let j = 0; j < d; j++) w2 += theta[off + j] * theta[off + j];
    wNormSq[l] = w2;
    for (let i = 0; i < n; i++) {
      let acc = theta[bo + l];
      const xi = i * d;
      for (let j = 0; j < d; j++) acc += theta[off + j] * X[xi + j];
      Z[l * n + i] = acc;
    }
  }
  return {
    d,
    k,
    n,
    K: K ?? gramMatrix(X, n, d),
    y: Float64Array.from(y),
    Z,
    a: theta.slice(ao, ao + k),
    b: theta.slice(bo, bo + k),
    wNormSq,
  };
}

import { biasOffset, outputOffset, relu, thetaLength, type BiasedReluShape } from '../model/biasedRelu.js';
import { gramMatrix, type NetTrace } from '../model/netTrace.js';
import type { Trainable } from './trainable.js';

/** State of the naive parametrisation: θ = [w_1…w_k, b, a] and its pre-activations Z (k × n). */
export interface NaiveState {
  theta: Float64Array;
  Z: Float64Array;
}

/**
 * The reference parametrisation: explicit θ ∈ R^{kd+2k} on explicit inputs X (n × d).
 * ∇_θ L/L = Σ_i c_i ∇q_i with ∂/∂w_l = Σ_i c_i y_i a_l relu′(z_li) x_i, ∂/∂b_l = Σ_i c_i y_i a_l relu′(z_li),
 * ∂/∂a_l = Σ_i c_i y_i relu(z_li). Cost O(k n d) per step.
 */
export class NaiveModel implements Trainable<NaiveState, Float64Array> {
  readonly n: number;
  readonly shape: BiasedReluShape;
  readonly X: Float64Array;
  readonly y: Float64Array;
  readonly K: Float64Array;

  constructor(shape: BiasedReluShape, X: Float64Array, y: Float64Array, K?: Float64Array) {
    const n = y.length;
    if (n < 1) throw new RangeError('NaiveModel: y must not be empty');
    if (X.length !== n * shape.d) throw new RangeError(`NaiveModel: X must be n × d = ${n}×${shape.d}, got ${X.length} entries`);
    this.n = n;
    this.shape = shape;
    this.X = X;
    this.y = y;
    this.K = K ?? gramMatrix(X, n, shape.d);
  }

  /** Initial state from θ (computes Z). */
  state(theta: Float64Array): NaiveState {
    if (theta.length !== thetaLength(this.shape)) throw new RangeError(`NaiveModel.state: θ must have length ${thetaLength(this.shape)}, got ${theta.length}`);
    return { theta, Z: this.preActivations(theta) };
  }

  private preActivations(theta: Float64Array): Float64Array {
    const { d, k } = this.shape;
    const n = this.n;
    const bo = biasOffset(this.shape);
    const Z = new Float64Array(k * n);
    for (let l = 0; l < k; l++) {
      const off = l * d;
      for (let i = 0; i < n; i++) {
        const xi = i * d;
        let acc = theta[bo + l];
        for (let j = 0; j < d; j++) acc += theta[off + j] * this.X[xi + j];
        Z[l * n + i] = acc;
      }
    }
    return Z;
  }

  margins(s: NaiveState): Float64Array {
    const { k } = this.shape;
    const n = this.n;
    const ao = outputOffset(this.shape);
    const q = new Float64Array(n);
    for (let l = 0; l < k; l++) {
      const al = s.theta[ao + l];
      for (let i = 0; i < n; i++) q[i] += al * relu(s.Z[l * n + i]);
    }
    for (let i = 0; i < n; i++) q[i] *= this.y[i];
    return q;
  }

  thetaNormSq(s: NaiveState): number {
    let t = 0;
    for (let j = 0; j < s.theta.length; j++) t += s.theta[j] * s.theta[j];
    return t;
  }

  direction(s: NaiveState, c: Float64Array): Float64Array {
    const { d, k } = this.shape;
    const n = this.n;
    const bo = biasOffset(this.shape);
    const ao = outputOffset(this.shape);
    const g = new Float64Array(s.theta.length);
    for (let l = 0; l < k; l++) {
      const al = s.theta[ao + l];
      let gb = 0;
      let ga = 0;
      const off = l * d;
      for (let i = 0; i < n; i++) {
        const z = s.Z[l * n + i];
        const cy = c[i] * this.y[i];
        if (z > 0) {
          const coef = cy * al;
          gb += coef;
          ga += cy * z;
          if (coef !== 0) {
            const xi = i * d;
            for (let j = 0; j < d; j++) g[off + j] += coef * this.X[xi + j];
          }
        }
      }
      g[bo + l] = gb;
      g[ao + l] = ga;
    }
    return g;
  }

  directionNormSq(dir: Float64Array): number {
    let t = 0;
    for (let j = 0; j < dir.length; j++) t += dir[j] * dir[j];
    return t;
  }

  directionDistanceSq(d1: Float64Array, d2: Float64Array): number {
    let t = 0;
    for (let j = 0; j < d1.length; j++) t += (d1[j] - d2[j]) ** 2;
    return t;
  }

  directionDotTheta(s: NaiveState, dir: Float64Array): number {
    let t = 0;
    for (let j = 0; j < dir.length; j++) t += s.theta[j] * dir[j];
    return t;
  }

  step(s: NaiveState, dir: Float64Array, t: number): NaiveState {
    const theta = new Float64Array(s.theta.length);
    for (let j = 0; j < theta.length; j++) theta[j] = s.theta[j] - t * dir[j];
    return { theta, Z: this.preActivations(theta) };
  }

  trace(s: NaiveState): NetTrace {
    const { d, k } = this.shape;
    const bo = biasOffset(this.shape);
    const ao = outputOffset(this.shape);
    const wNormSq = new Float64Array(k);
    for (let l = 0; l < k; l++) {
      let w2 = 0;
      for (let j = 0; j < d; j++) w2 += s.theta[l * d + j] ** 2;
      wNormSq[l] = w2;
    }
    return {
      d,
      k,
      n: this.n,
      K: this.K,
      y: this.y,
      Z: s.Z.slice(),
      a: s.theta.slice(ao, ao + k),
      b: s.theta.slice(bo, bo + k),
      wNormSq,
    };
  }
}

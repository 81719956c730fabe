/**
 * Float64Array kernels. Matrices are dense, row-major: M[i, j] = m[i * cols + j].
 */

function sameLength(api: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`${api}: length mismatch ${a.length} vs ${b.length}`);
}

/** ⟨a, b⟩ = Σ a_i b_i. */
export function dot(a: Float64Array, b: Float64Array): number {
  sameLength('dot', a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** y ← y + α·x (in place); returns y. */
export function axpy(alpha: number, x: Float64Array, y: Float64Array): Float64Array {
  sameLength('axpy', x, y);
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i];
  return y;
}

/** a + b as a new array. @internal */
export function add(a: Float64Array, b: Float64Array): Float64Array {
  sameLength('add', a, b);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

/** ‖x‖₂ (scaled to avoid overflow). */
export function norm2(x: Float64Array): number {
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/** ‖x‖₂² = Σ x_i². */
export function norm2sq(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

/** ‖x‖₁ = Σ |x_i|. @internal */
export function norm1(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s;
}

/** ‖x‖∞ = max |x_i|. @internal */
export function normInf(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s = Math.max(s, Math.abs(x[i]));
  return s;
}

/** y = M x for M (rows × cols), x ∈ R^cols. */
export function matvec(m: Float64Array, rows: number, cols: number, x: Float64Array, out = new Float64Array(rows)): Float64Array {
  if (m.length !== rows * cols) throw new RangeError(`matvec: matrix has ${m.length} entries, expected ${rows}×${cols}`);
  if (x.length !== cols) throw new RangeError(`matvec: x has length ${x.length}, expected ${cols}`);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const off = i * cols;
    for (let j = 0; j < cols; j++) s += m[off + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** y = Mᵀ v for M (rows × cols), v ∈ R^rows. */
export function matTvec(m: Float64Array, rows: number, cols: number, v: Float64Array, out = new Float64Array(cols)): Float64Array {
  if (m.length !== rows * cols) throw new RangeError(`matTvec: matrix has ${m.length} entries, expected ${rows}×${cols}`);
  if (v.length !== rows) throw new RangeError(`matTvec: v has length ${v.length}, expected ${rows}`);
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const c = v[i];
    if (c === 0) continue;
    const off = i * cols;
    for (let j = 0; j < cols; j++) out[j] += c * m[off + j];
  }
  return out;
}

/** C = A B for A (n × m), B (m × p); C is n × p. i-k-j loop order for cache locality. @internal */
export function matmul(a: Float64Array, n: number, m: number, b: Float64Array, p: number): Float64Array {
  if (a.length !== n * m) throw new RangeError(`matmul: A has ${a.length} entries, expected ${n}×${m}`);
  if (b.length !== m * p) throw new RangeError(`matmul: B has ${b.length} entries, expected ${m}×${p}`);
  const c = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const ci = i * p;
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      const bk = k * p;
      for (let j = 0; j < p; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return c;
}

/** Mᵀ as a new (cols × rows) array. @internal */
export function transpose(m: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = m[i * cols + j];
  return t;
}

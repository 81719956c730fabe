/**
 * Cholesky factorisation and triangular solves on dense row-major Float64Array matrices.
 */

/**
 * Lower-triangular L with A = L Lᵀ for a symmetric positive definite n × n matrix A
 * (only the lower triangle of A is read). Throws naming the pivot when A is not positive definite.
 */
export function cholesky(A: Float64Array, n: number): Float64Array {
  if (A.length !== n * n) throw new RangeError(`cholesky: A must be n × n = ${n}×${n}, got ${A.length} entries`);
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = A[j * n + j];
    for (let m = 0; m < j; m++) s -= L[j * n + m] * L[j * n + m];
    if (!(s > 0)) throw new RangeError(`cholesky: matrix is not positive definite (pivot ${j} = ${s})`);
    const ljj = Math.sqrt(s);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let t = A[i * n + j];
      for (let m = 0; m < j; m++) t -= L[i * n + m] * L[j * n + m];
      L[i * n + j] = t / ljj;
    }
  }
  return L;
}

/** Solves L y = b (forward substitution) for lower-triangular L; returns y. */
export function solveLower(L: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let m = 0; m < i; m++) s -= L[i * n + m] * y[m];
    y[i] = s / L[i * n + i];
  }
  return y;
}

/** Solves Lᵀ x = y (back substitution) for lower-triangular L; returns x. */
export function solveLowerTransposed(L: Float64Array, n: number, y: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let m = i + 1; m < n; m++) s -= L[m * n + i] * x[m];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** Solves A x = b given the Cholesky factor L of A (A = L Lᵀ). */
export function choleskySolve(L: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  return solveLowerTransposed(L, n, solveLower(L, n, b));
}

import { cholesky, choleskySolve, solveLower, solveLowerTransposed } from './cholesky.js';

/**
 * Non-negative least squares and the problems Lawson & Hanson ("Solving Least Squares
 * Problems", 1974, ch. 23) reduce to it.
 */
export interface NnlsResult {
  x: Float64Array;
  /** Dual vector w = Eᵀ(f − Ex) (or c − Mx in Gram form): optimality is w_j ≤ 0 where x_j = 0, w_j = 0 where x_j > 0. */
  w: Float64Array;
  iterations: number;
}

const EPS = 2.220446049250313e-16;

/** Least squares on a subset of columns of E (m × p, row-major): min_z ‖E_S z − f‖ by Householder QR. */
function lsColumns(E: Float64Array, m: number, p: number, cols: number[], f: Float64Array): Float64Array {
  const q = cols.length;
  const A = new Float64Array(m * q);
  for (let i = 0; i < m; i++) for (let c = 0; c < q; c++) A[i * q + c] = E[i * p + cols[c]];
  const b = Float64Array.from(f);
  const diag = new Float64Array(q);
  for (let c = 0; c < q; c++) {
    let norm = 0;
    for (let i = c; i < m; i++) norm += A[i * q + c] ** 2;
    norm = Math.sqrt(norm);
    const alpha = A[c * q + c] > 0 ? -norm : norm;
    diag[c] = alpha;
    if (norm === 0) continue;
    A[c * q + c] -= alpha;
    let vnorm = 0;
    for (let i = c; i < m; i++) vnorm += A[i * q + c] ** 2;
    if (vnorm === 0) continue;
    for (let c2 = c + 1; c2 < q; c2++) {
      let s = 0;
      for (let i = c; i < m; i++) s += A[i * q + c] * A[i * q + c2];
      const f2 = (2 * s) / vnorm;
      for (let i = c; i < m; i++) A[i * q + c2] -= f2 * A[i * q + c];
    }
    let s = 0;
    for (let i = c; i < m; i++) s += A[i * q + c] * b[i];
    const fb = (2 * s) / vnorm;
    for (let i = c; i < m; i++) b[i] -= fb * A[i * q + c];
  }
  const z = new Float64Array(q);
  for (let c = q - 1; c >= 0; c--) {
    let s = b[c];
    for (let c2 = c + 1; c2 < q; c2++) s -= A[c * q + c2] * z[c2];
    z[c] = diag[c] === 0 ? 0 : s / diag[c];
  }
  return z;
}

/** Shared Lawson–Hanson active-set loop; `dual(x)` gives w, `solve(P)` the unconstrained LS on the passive set. */
function activeSet(p: number, tol: number, dual: (x: Float64Array) => Float64Array, solve: (P: number[]) => Float64Array, api: string): NnlsResult {
  const x = new Float64Array(p);
  const passive = new Uint8Array(p);
  const excluded = new Uint8Array(p);
  let w = dual(x);
  let iterations = 0;
  const maxIter = 3 * p + 50;
  const passiveList = (): number[] => {
    const P: number[] = [];
    for (let j = 0; j < p; j++) if (passive[j]) P.push(j);
    return P;
  };
  for (;;) {
    let t = -1;
    let best = tol;
    for (let j = 0; j < p; j++)
      if (!passive[j] && !excluded[j] && w[j] > best) {
        best = w[j];
        t = j;
      }
    if (t < 0) break;
    if (++iterations > maxIter) throw new RangeError(`${api}: no convergence after ${maxIter} iterations`);
    passive[t] = 1;
    let P = passiveList();
    let zP = solve(P);
    if (!(zP[P.indexOf(t)] > 0)) {
      // Rounding made the entering variable non-positive (Lawson–Hanson: set w_t = 0 and select again).
      passive[t] = 0;
      excluded[t] = 1;
      continue;
    }
    excluded.fill(0);
    for (;;) {
      let alpha = Infinity;
      let argmin = -1;
      P.forEach((j, c) => {
        if (!(zP[c] > 0)) {
          const a = x[j] / (x[j] - zP[c]);
          if (a < alpha) {
            alpha = a;
            argmin = j;
          }
        }
      });
      if (argmin < 0) {
        x.fill(0);
        P.forEach((j, c) => (x[j] = zP[c]));
        break;
      }
      P.forEach((j, c) => {
        x[j] += alpha * (zP[c] - x[j]);
        if (j === argmin || x[j] <= 0) {
          x[j] = 0;
          passive[j] = 0;
        }
      });
      P = passiveList();
      if (P.length === 0) break;
      zP = solve(P);
    }
    w = dual(x);
  }
  return { x, w, iterations };
}

/**
 * Lawson–Hanson NNLS: min_{x ≥ 0} ‖E x − f‖₂ for E (m × p, row-major), with the least-squares
 * subproblems solved by Householder QR. Tolerance 10·max(m, p)·ε·‖E‖₁·‖f‖ on the dual.
 * @internal
 */
export function nnls(E: Float64Array, m: number, p: number, f: Float64Array): NnlsResult {
  if (E.length !== m * p) throw new RangeError(`nnls: E must be m × p = ${m}×${p}, got ${E.length} entries`);
  if (f.length !== m) throw new RangeError(`nnls: f must have length m = ${m}, got ${f.length}`);
  let norm1 = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += Math.abs(E[i * p + j]);
    norm1 = Math.max(norm1, s);
  }
  let fn = 0;
  for (let i = 0; i < m; i++) fn = Math.max(fn, Math.abs(f[i]));
  const tol = 10 * Math.max(m, p) * EPS * Math.max(norm1, 1e-300) * Math.max(fn, 1e-300);
  const dual = (x: Float64Array): Float64Array => {
    const r = Float64Array.from(f);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += E[i * p + j] * x[j];
      r[i] -= s;
    }
    const w = new Float64Array(p);
    for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) w[j] += E[i * p + j] * r[i];
    return w;
  };
  return activeSet(p, tol, dual, (P) => lsColumns(E, m, p, P, f), 'nnls');
}

/**
 * NNLS in Gram form (Bro & De Jong's FNNLS): min_{x ≥ 0} ½xᵀMx − cᵀx with M = EᵀE (p × p) and
 * c = Eᵀf, the same active-set iteration with Cholesky solves of M_PP z = c_P.
 */
export function nnlsGram(M: Float64Array, c: Float64Array, p: number): NnlsResult {
  if (M.length !== p * p) throw new RangeError(`nnlsGram: M must be p × p = ${p}×${p}, got ${M.length} entries`);
  if (c.length !== p) throw new RangeError(`nnlsGram: c must have length p = ${p}, got ${c.length}`);
  let md = 0;
  for (let j = 0; j < p; j++) md = Math.max(md, M[j * p + j]);
  let cm = 0;
  for (let j = 0; j < p; j++) cm = Math.max(cm, Math.abs(c[j]));
  const tol = 10 * p * EPS * Math.max(md, 1e-300) + 10 * p * EPS * cm;
  const dual = (x: Float64Array): Float64Array => {
    const w = Float64Array.from(c);
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += M[i * p + j] * x[j];
      w[i] -= s;
    }
    return w;
  };
  const solve = (P: number[]): Float64Array => {
    const q = P.length;
    const A = new Float64Array(q * q);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) A[a * q + b] = M[P[a] * p + P[b]];
    return choleskySolve(
      cholesky(A, q),
      q,
      P.map((j) => c[j]),
    );
  };
  return activeSet(p, tol, dual, solve, 'nnlsGram');
}

/**
 * Least distance programming (Lawson & Hanson, Algorithm 23.27): min ‖x‖ s.t. G x ≥ h for
 * G (m × n): u = NNLS([Gᵀ; hᵀ], e_{n+1}), r = [Gᵀ; hᵀ]u − e_{n+1}, x = −r_{1..n}/r_{n+1}.
 * Throws when the constraints are incompatible (r = 0).
 * @internal
 */
export function leastDistance(G: Float64Array, m: number, n: number, h: Float64Array): Float64Array {
  if (G.length !== m * n) throw new RangeError(`leastDistance: G must be m × n = ${m}×${n}, got ${G.length} entries`);
  if (h.length !== m) throw new RangeError(`leastDistance: h must have length m = ${m}, got ${h.length}`);
  const E = new Float64Array((n + 1) * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) E[j * m + i] = G[i * n + j];
    E[n * m + i] = h[i];
  }
  const f = new Float64Array(n + 1);
  f[n] = 1;
  const { x: u } = nnls(E, n + 1, m, f);
  const r = new Float64Array(n + 1);
  for (let j = 0; j <= n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += E[j * m + i] * u[i];
    r[j] = s - f[j];
  }
  let rn = 0;
  for (let j = 0; j <= n; j++) rn += r[j] * r[j];
  if (!(Math.sqrt(rn) > 1e-12) || r[n] === 0) throw new RangeError('leastDistance: the constraints G x ≥ h are incompatible');
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[j] = -r[j] / r[n];
  return x;
}

/**
 * Least squares with linear inequality constraints in Gram form (Lawson & Hanson ch. 23,
 * LSI → LDP): min ½xᵀMx − cᵀx s.t. G x ≥ h, M = L Lᵀ positive definite (G: m × p).
 * With z = Lᵀx − L⁻¹c the problem is min ‖z‖ s.t. (G L⁻ᵀ) z ≥ h − G M⁻¹c. Dense; a reference solver.
 * @internal
 */
export function lsiGram(M: Float64Array, c: Float64Array, p: number, G: Float64Array, m: number, h: Float64Array): Float64Array {
  if (G.length !== m * p) throw new RangeError(`lsiGram: G must be m × p = ${m}×${p}, got ${G.length} entries`);
  const L = cholesky(M, p);
  const ct = solveLower(L, p, c);
  const x0 = solveLowerTransposed(L, p, ct);
  const Gt = new Float64Array(m * p);
  const h2 = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const row = G.subarray(r * p, (r + 1) * p);
    Gt.set(solveLower(L, p, row), r * p);
    let s = 0;
    for (let j = 0; j < p; j++) s += row[j] * x0[j];
    h2[r] = h[r] - s;
  }
  const z = leastDistance(Gt, m, p, h2);
  for (let j = 0; j < p; j++) z[j] += ct[j];
  return solveLowerTransposed(L, p, z);
}

import { cholesky, choleskySolve } from '../../../core/linalg/cholesky.js';

/**
 * The convex QP behind the Clarke KKT certificate:
 *   min ½xᵀMx − cᵀx  over x = (λ ∈ R^n, μ ∈ R^J)  s.t.  λ ≥ 0,  0 ≤ μ_j ≤ λ_{i(j)},
 * where μ_j = λ_{i(j)}·s_j carries the Clarke choice s_j ∈ [0, 1] of relu′ at kink j. The
 * μ-block of M is block-diagonal (one block per neuron), which a primal–dual interior-point
 * method (Mehrotra predictor–corrector) exploits with a Schur complement on λ: O(k n³) per
 * iteration instead of O((n + J)³).
 */
export interface KinkQp {
  n: number;
  J: number;
  /** Sample index i(j) of each kink. */
  kinkSample: Int32Array;
  /** Consecutive μ-ranges [start, start + size) whose M-block is dense; M_μμ is zero across blocks. */
  blocks: Array<{ start: number; size: number }>;
  /** n × n. */
  Mll: Float64Array;
  /** n × J. */
  Mlm: Float64Array;
  /** One size × size block per entry of `blocks`. */
  Mmm: Float64Array[];
  cl: Float64Array;
  cm: Float64Array;
}

export interface KinkQpSolution {
  lambda: Float64Array;
  mu: Float64Array;
  /** ½xᵀMx − cᵀx at the returned (exactly feasible) point. */
  objective: number;
  iterations: number;
  /** Complementarity gap sᵀz and dual residual ‖Mx − c − Gᵀz‖∞ at exit. */
  gap: number;
  dualResidual: number;
  converged: boolean;
}

function validate(qp: KinkQp): void {
  const { n, J } = qp;
  if (qp.Mll.length !== n * n) throw new RangeError(`solveKinkQp: Mll must be n × n = ${n}×${n}, got ${qp.Mll.length}`);
  if (qp.Mlm.length !== n * J) throw new RangeError(`solveKinkQp: Mlm must be n × J = ${n}×${J}, got ${qp.Mlm.length}`);
  if (qp.cl.length !== n || qp.cm.length !== J) throw new RangeError(`solveKinkQp: c must have lengths n = ${n} and J = ${J}`);
  let covered = 0;
  qp.blocks.forEach((b, bi) => {
    if (b.start !== covered) throw new RangeError(`solveKinkQp: block ${bi} must start at ${covered}, got ${b.start}`);
    if (qp.Mmm[bi].length !== b.size * b.size) throw new RangeError(`solveKinkQp: block ${bi} must be ${b.size}×${b.size}`);
    covered += b.size;
  });
  if (covered !== J) throw new RangeError(`solveKinkQp: blocks cover ${covered} kinks, expected J = ${J}`);
  for (let j = 0; j < J; j++)
    if (!(qp.kinkSample[j] >= 0 && qp.kinkSample[j] < n)) throw new RangeError(`solveKinkQp: kinkSample[${j}] = ${qp.kinkSample[j]} not in [0, ${n})`);
}

/** (Mx) for x = (λ, μ). */
function mulM(qp: KinkQp, l: Float64Array, m: Float64Array): [Float64Array, Float64Array] {
  const { n, J } = qp;
  const ol = new Float64Array(n);
  const om = new Float64Array(J);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < n; a++) s += qp.Mll[i * n + a] * l[a];
    for (let j = 0; j < J; j++) s += qp.Mlm[i * J + j] * m[j];
    ol[i] = s;
  }
  for (let j = 0; j < J; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += qp.Mlm[i * J + j] * l[i];
    om[j] = s;
  }
  qp.blocks.forEach((b, bi) => {
    const B = qp.Mmm[bi];
    for (let r = 0; r < b.size; r++) {
      let s = 0;
      for (let c = 0; c < b.size; c++) s += B[r * b.size + c] * m[b.start + c];
      om[b.start + r] += s;
    }
  });
  return [ol, om];
}

/** Objective ½xᵀMx − cᵀx. @internal */
export function kinkQpObjective(qp: KinkQp, l: Float64Array, m: Float64Array): number {
  const [ml, mm] = mulM(qp, l, m);
  let v = 0;
  for (let i = 0; i < qp.n; i++) v += 0.5 * l[i] * ml[i] - qp.cl[i] * l[i];
  for (let j = 0; j < qp.J; j++) v += 0.5 * m[j] * mm[j] - qp.cm[j] * m[j];
  return v;
}

/** Projects onto the feasible set: λ ← max(λ, 0), μ_j ← clamp(μ_j, 0, λ_{i(j)}). */
function project(qp: KinkQp, l: Float64Array, m: Float64Array): void {
  for (let i = 0; i < qp.n; i++) l[i] = Math.max(0, l[i]);
  for (let j = 0; j < qp.J; j++) m[j] = Math.min(Math.max(0, m[j]), l[qp.kinkSample[j]]);
}

/**
 * Cholesky factor of a Newton matrix H = M + GᵀDG (positive definite in exact arithmetic, D > 0).
 * When rounding in the Schur complement leaves a pivot ≤ 0 (M singular: samples or kinks whose
 * columns vanish), a ridge ε·max_i H_ii is added, ε = 1e-14, 1e-12, …, 1e-6: an inexact Newton step.
 */
function newtonFactor(H: Float64Array, size: number): Float64Array {
  try {
    return cholesky(H, size);
  } catch (err) {
    let maxDiag = 0;
    for (let i = 0; i < size; i++) maxDiag = Math.max(maxDiag, Math.abs(H[i * size + i]));
    for (let eps = 1e-14; eps <= 1e-6; eps *= 100) {
      const A = H.slice();
      for (let i = 0; i < size; i++) A[i * size + i] += eps * Math.max(maxDiag, 1e-300);
      try {
        return cholesky(A, size);
      } catch {
        // a larger ridge
      }
    }
    throw err;
  }
}

/**
 * W[i·bs + ·] = H_b⁻¹ h_i for each row i of `rows`, h_i = Hlm[i·J + start + ·] (bs entries), with H_b = L Lᵀ:
 * L y = h_i, then Lᵀ w = y — choleskySolve's operations in its order, for each row; four rows per pass (their
 * sums are independent, so the processor overlaps them), and Lᵀ read from a transposed copy. The same bits as
 * one row at a time (properties/kkt-unit.test.ts); the up to three rows left over go to choleskySolve itself. @internal
 */
export function solveBlockRows(L: Float64Array, bs: number, Hlm: Float64Array, J: number, start: number, rows: Int32Array, W: Float64Array): void {
  const LT = new Float64Array(bs * bs);
  for (let r = 0; r < bs; r++) for (let q = 0; q < bs; q++) LT[r * bs + q] = L[q * bs + r];
  const f0 = new Float64Array(bs);
  const f1 = new Float64Array(bs);
  const f2 = new Float64Array(bs);
  const f3 = new Float64Array(bs);
  let ii = 0;
  for (; ii + 3 < rows.length; ii += 4) {
    const h0 = rows[ii] * J + start;
    const h1 = rows[ii + 1] * J + start;
    const h2 = rows[ii + 2] * J + start;
    const h3 = rows[ii + 3] * J + start;
    for (let r = 0; r < bs; r++) {
      let a0 = Hlm[h0 + r];
      let a1 = Hlm[h1 + r];
      let a2 = Hlm[h2 + r];
      let a3 = Hlm[h3 + r];
      const lr = r * bs;
      for (let q = 0; q < r; q++) {
        const l = L[lr + q];
        a0 -= l * f0[q];
        a1 -= l * f1[q];
        a2 -= l * f2[q];
        a3 -= l * f3[q];
      }
      const d = L[lr + r];
      f0[r] = a0 / d;
      f1[r] = a1 / d;
      f2[r] = a2 / d;
      f3[r] = a3 / d;
    }
    const w0 = rows[ii] * bs;
    const w1 = rows[ii + 1] * bs;
    const w2 = rows[ii + 2] * bs;
    const w3 = rows[ii + 3] * bs;
    for (let r = bs - 1; r >= 0; r--) {
      let a0 = f0[r];
      let a1 = f1[r];
      let a2 = f2[r];
      let a3 = f3[r];
      const lr = r * bs;
      for (let q = r + 1; q < bs; q++) {
        const l = LT[lr + q];
        a0 -= l * W[w0 + q];
        a1 -= l * W[w1 + q];
        a2 -= l * W[w2 + q];
        a3 -= l * W[w3 + q];
      }
      const d = L[lr + r];
      W[w0 + r] = a0 / d;
      W[w1 + r] = a1 / d;
      W[w2 + r] = a2 / d;
      W[w3 + r] = a3 / d;
    }
  }
  for (; ii < rows.length; ii++) {
    const h = rows[ii] * J + start;
    W.set(choleskySolve(L, bs, Hlm.subarray(h, h + bs)), rows[ii] * bs);
  }
}

/** Hll[i, a] −= acc and, off the diagonal, Hll[a, i] −= acc, with acc = Σ_r Hlm[i, start + r]·W[a, r] summed over r in order. */
function schurEntry(Hll: Float64Array, n: number, Hlm: Float64Array, J: number, start: number, W: Float64Array, bs: number, i: number, a: number): void {
  const hi = i * J + start;
  const wa = a * bs;
  let acc = 0;
  for (let r = 0; r < bs; r++) acc += Hlm[hi + r] * W[wa + r];
  Hll[i * n + a] -= acc;
  if (a !== i) Hll[a * n + i] -= acc;
}

/**
 * Hll −= H_λμ(b) W_b over the block's rows: entry (i, a), a at or before i in `rows`, takes schurEntry's sum once,
 * whatever the grouping. Four rows i per pass over the earlier rows a (four independent sums per W row read), then
 * the triangle among the four; the rows left over one at a time. The same bits as one row at a time
 * (properties/kkt-unit.test.ts). @internal
 */
export function subtractSchurBlock(
  Hll: Float64Array,
  n: number,
  Hlm: Float64Array,
  J: number,
  start: number,
  W: Float64Array,
  bs: number,
  rows: Int32Array,
): void {
  let ii = 0;
  for (; ii + 3 < rows.length; ii += 4) {
    const i0 = rows[ii];
    const i1 = rows[ii + 1];
    const i2 = rows[ii + 2];
    const i3 = rows[ii + 3];
    const h0 = i0 * J + start;
    const h1 = i1 * J + start;
    const h2 = i2 * J + start;
    const h3 = i3 * J + start;
    for (let aa = 0; aa <= ii; aa++) {
      const a = rows[aa];
      const wa = a * bs;
      let acc0 = 0;
      let acc1 = 0;
      let acc2 = 0;
      let acc3 = 0;
      for (let r = 0; r < bs; r++) {
        const w = W[wa + r];
        acc0 += Hlm[h0 + r] * w;
        acc1 += Hlm[h1 + r] * w;
        acc2 += Hlm[h2 + r] * w;
        acc3 += Hlm[h3 + r] * w;
      }
      Hll[i0 * n + a] -= acc0;
      if (a !== i0) Hll[a * n + i0] -= acc0;
      Hll[i1 * n + a] -= acc1;
      Hll[a * n + i1] -= acc1;
      Hll[i2 * n + a] -= acc2;
      Hll[a * n + i2] -= acc2;
      Hll[i3 * n + a] -= acc3;
      Hll[a * n + i3] -= acc3;
    }
    for (let m = 1; m < 4; m++) for (let k = m; k < 4; k++) schurEntry(Hll, n, Hlm, J, start, W, bs, rows[ii + k], rows[ii + m]);
  }
  for (; ii < rows.length; ii++) for (let aa = 0; aa <= ii; aa++) schurEntry(Hll, n, Hlm, J, start, W, bs, rows[ii], rows[aa]);
}

/** Interior-point solve of the kink QP (see the file comment). */
export function solveKinkQp(qp: KinkQp, opts: { maxIter?: number; tol?: number } = {}): KinkQpSolution {
  validate(qp);
  const { n, J, kinkSample } = qp;
  const maxIter = opts.maxIter ?? 80;
  const tol = opts.tol ?? 1e-13;
  const mc = n + 2 * J;
  // Starting point: x = τ·(1, ½), τ minimising the objective along that ray.
  let l = new Float64Array(n).fill(1);
  let m = new Float64Array(J).fill(0.5);
  {
    const [ml, mm] = mulM(qp, l, m);
    let vMv = 0;
    let cv = 0;
    for (let i = 0; i < n; i++) {
      vMv += l[i] * ml[i];
      cv += qp.cl[i] * l[i];
    }
    for (let j = 0; j < J; j++) {
      vMv += m[j] * mm[j];
      cv += qp.cm[j] * m[j];
    }
    const tau = cv > 0 && vMv > 0 ? cv / vMv : 1;
    l = l.map((v) => v * tau);
    m = m.map((v) => v * tau);
  }
  const G = (lv: Float64Array, mv: Float64Array): Float64Array => {
    const s = new Float64Array(mc);
    s.set(lv, 0);
    s.set(mv, n);
    for (let j = 0; j < J; j++) s[n + J + j] = lv[kinkSample[j]] - mv[j];
    return s;
  };
  const GT = (z: Float64Array): [Float64Array, Float64Array] => {
    const gl = z.slice(0, n);
    const gm = new Float64Array(J);
    for (let j = 0; j < J; j++) {
      gm[j] = z[n + j] - z[n + J + j];
      gl[kinkSample[j]] += z[n + J + j];
    }
    return [gl, gm];
  };
  let s = G(l, m);
  let cscale = 0;
  for (const v of qp.cl) cscale = Math.max(cscale, Math.abs(v));
  for (const v of qp.cm) cscale = Math.max(cscale, Math.abs(v));
  let z = new Float64Array(mc).fill(Math.max(cscale, 1e-300));
  let iterations = 0;
  let gap = Infinity;
  let dualRes = Infinity;
  let converged = false;
  for (; iterations < maxIter; iterations++) {
    const [ml, mm] = mulM(qp, l, m);
    const [gl, gm] = GT(z);
    const rdl = new Float64Array(n);
    const rdm = new Float64Array(J);
    dualRes = 0;
    for (let i = 0; i < n; i++) {
      rdl[i] = ml[i] - qp.cl[i] - gl[i];
      dualRes = Math.max(dualRes, Math.abs(rdl[i]));
    }
    for (let j = 0; j < J; j++) {
      rdm[j] = mm[j] - qp.cm[j] - gm[j];
      dualRes = Math.max(dualRes, Math.abs(rdm[j]));
    }
    const gx = G(l, m);
    const rp = new Float64Array(mc);
    for (let r = 0; r < mc; r++) rp[r] = gx[r] - s[r];
    gap = 0;
    for (let r = 0; r < mc; r++) gap += s[r] * z[r];
    if (gap <= tol * Math.max(1, cscale) && dualRes <= 1e-10 * Math.max(1, cscale)) {
      converged = true;
      break;
    }
    const D = new Float64Array(mc);
    for (let r = 0; r < mc; r++) D[r] = z[r] / s[r];
    // H = M + GᵀDG, factorised by blocks and a Schur complement on λ.
    const Hlm = qp.Mlm.slice();
    for (let j = 0; j < J; j++) Hlm[kinkSample[j] * J + j] -= D[n + J + j];
    const Hll = qp.Mll.slice();
    for (let i = 0; i < n; i++) Hll[i * n + i] += D[i];
    for (let j = 0; j < J; j++) Hll[kinkSample[j] * n + kinkSample[j]] += D[n + J + j];
    const blockL: Float64Array[] = [];
    const blockW: Float64Array[] = [];
    // Rows i with H_λμ(i, b) ≠ 0: the other rows of W_b are 0 and add exact zeros to the Schur complement and the solves.
    const blockRows: Int32Array[] = [];
    qp.blocks.forEach((b, bi) => {
      const Hb = qp.Mmm[bi].slice();
      for (let r = 0; r < b.size; r++) Hb[r * b.size + r] += D[n + b.start + r] + D[n + J + b.start + r];
      const Lb = newtonFactor(Hb, b.size);
      blockL.push(Lb);
      // W_b = H_b⁻¹ H_μλ(b), stored n × size (row i solves against row i of Hlm restricted to the block).
      const bs = b.size;
      const W = new Float64Array(bs * n);
      const rowList: number[] = [];
      for (let i = 0; i < n; i++) {
        const hi = i * J + b.start;
        for (let r = 0; r < bs; r++)
          if (Hlm[hi + r] !== 0) {
            rowList.push(i);
            break;
          }
      }
      const rows = Int32Array.from(rowList);
      solveBlockRows(Lb, bs, Hlm, J, b.start, rows, W);
      blockW.push(W);
      blockRows.push(rows);
      subtractSchurBlock(Hll, n, Hlm, J, b.start, W, bs, rows);
    });
    const Ls = newtonFactor(Hll, n);
    const solveH = (bl: Float64Array, bm: Float64Array): [Float64Array, Float64Array] => {
      const rhs = bl.slice();
      const tb: Float64Array[] = [];
      qp.blocks.forEach((b, bi) => {
        const t = choleskySolve(blockL[bi], b.size, bm.subarray(b.start, b.start + b.size));
        tb.push(t);
        for (const i of blockRows[bi]) {
          let acc = 0;
          for (let r = 0; r < b.size; r++) acc += Hlm[i * J + b.start + r] * t[r];
          rhs[i] -= acc;
        }
      });
      const dl = choleskySolve(Ls, n, rhs);
      const dm = new Float64Array(J);
      qp.blocks.forEach((b, bi) => {
        const W = blockW[bi];
        for (let r = 0; r < b.size; r++) {
          let acc = tb[bi][r];
          for (const i of blockRows[bi]) acc -= W[i * b.size + r] * dl[i];
          dm[b.start + r] = acc;
        }
      });
      return [dl, dm];
    };
    const direction = (rc: Float64Array): { dl: Float64Array; dm: Float64Array; ds: Float64Array; dz: Float64Array } => {
      // (H)Δx = −r_d − Gᵀ S⁻¹ (r_c + Z r_p)
      const v = new Float64Array(mc);
      for (let r = 0; r < mc; r++) v[r] = (rc[r] + z[r] * rp[r]) / s[r];
      const [vl, vm] = GT(v);
      const bl = new Float64Array(n);
      const bm = new Float64Array(J);
      for (let i = 0; i < n; i++) bl[i] = -rdl[i] - vl[i];
      for (let j = 0; j < J; j++) bm[j] = -rdm[j] - vm[j];
      const [dl, dm] = solveH(bl, bm);
      const gd = G(dl, dm);
      const ds = new Float64Array(mc);
      const dz = new Float64Array(mc);
      for (let r = 0; r < mc; r++) {
        ds[r] = gd[r] + rp[r];
        dz[r] = -(rc[r] + z[r] * ds[r]) / s[r];
      }
      return { dl, dm, ds, dz };
    };
    const maxStep = (ds: Float64Array, dz: Float64Array): number => {
      let a = 1;
      for (let r = 0; r < mc; r++) {
        if (ds[r] < 0) a = Math.min(a, -s[r] / ds[r]);
        if (dz[r] < 0) a = Math.min(a, -z[r] / dz[r]);
      }
      return a;
    };
    const mu = gap / mc;
    const rcAff = new Float64Array(mc);
    for (let r = 0; r < mc; r++) rcAff[r] = s[r] * z[r];
    const aff = direction(rcAff);
    const aAff = maxStep(aff.ds, aff.dz);
    let muAff = 0;
    for (let r = 0; r < mc; r++) muAff += (s[r] + aAff * aff.ds[r]) * (z[r] + aAff * aff.dz[r]);
    muAff /= mc;
    const sigma = Math.pow(muAff / mu, 3);
    const rc = new Float64Array(mc);
    for (let r = 0; r < mc; r++) rc[r] = s[r] * z[r] + aff.ds[r] * aff.dz[r] - sigma * mu;
    const dir = direction(rc);
    const alpha = Math.min(1, 0.99 * maxStep(dir.ds, dir.dz));
    l = l.map((v, i) => v + alpha * dir.dl[i]);
    m = m.map((v, j) => v + alpha * dir.dm[j]);
    s = s.map((v, r) => Math.max(v + alpha * dir.ds[r], 1e-300));
    z = z.map((v, r) => Math.max(v + alpha * dir.dz[r], 1e-300));
  }
  project(qp, l, m);
  return { lambda: l, mu: m, objective: kinkQpObjective(qp, l, m), iterations, gap, dualResidual: dualRes, converged };
}

import { matTvec, matvec } from '../../../core/linalg/kernels.js';

/**
 * One pass over the rows of W (k × d, row-major) for B points at once: for every b and row l,
 *   s_{b,l} = w_l · y_b,   c_{b,l} = coef(b, l, s_{b,l}),   out_b = Σ_l c_{b,l} w_l,
 * i.e. dots_b = W y_b and out_b = Wᵀ c_b, with row l's B dot products and B axpys done while w_l is in
 * cache (W is read once per pass instead of 2B times). Every sum runs in the order of `matvec` and
 * `matTvec` (j ascending within a dot, l ascending into out_b, rows with c_{b,l} = 0 skipped), so the
 * results are bit-identical to `matvec` then `matTvec`. `dots[b]` (length k) receives s_{b,·}; `outs[b]`
 * (length d) is overwritten.
 */
export function rowPass(
  W: Float64Array,
  k: number,
  d: number,
  ys: readonly Float64Array[],
  coef: (b: number, l: number, s: number) => number,
  dots: readonly Float64Array[],
  outs: readonly Float64Array[],
): void {
  const B = ys.length;
  if (W.length !== k * d) throw new RangeError(`rowPass: W has ${W.length} entries, expected ${k}×${d}`);
  if (dots.length !== B || outs.length !== B)
    throw new RangeError(`rowPass: ys, dots and outs must have the same count, got ${B}, ${dots.length}, ${outs.length}`);
  for (let b = 0; b < B; b++) {
    if (ys[b].length !== d || outs[b].length !== d || dots[b].length !== k)
      throw new RangeError(`rowPass: point ${b} must have ys, outs of length d = ${d} and dots of length k = ${k}`);
    outs[b].fill(0);
  }
  let b0 = 0;
  for (; b0 + 4 <= B; b0 += 4) pass4(W, k, d, b0, ys, coef, dots, outs);
  for (; b0 < B; b0++) pass1(W, k, d, b0, ys[b0], coef, dots[b0], outs[b0]);
}

/** One point: dot = W y (matvec), then out = Wᵀ c (matTvec, which skips rows with c_l = 0). */
function pass1(
  W: Float64Array,
  k: number,
  d: number,
  b: number,
  y: Float64Array,
  coef: (b: number, l: number, s: number) => number,
  dot: Float64Array,
  out: Float64Array,
): void {
  dot.set(matvec(W, k, d, y));
  const c = new Float64Array(k);
  for (let l = 0; l < k; l++) c[l] = coef(b, l, dot[l]);
  out.set(matTvec(W, k, d, c));
}

function pass4(
  W: Float64Array,
  k: number,
  d: number,
  b: number,
  ys: readonly Float64Array[],
  coef: (b: number, l: number, s: number) => number,
  dots: readonly Float64Array[],
  outs: readonly Float64Array[],
): void {
  const y0 = ys[b];
  const y1 = ys[b + 1];
  const y2 = ys[b + 2];
  const y3 = ys[b + 3];
  const o0 = outs[b];
  const o1 = outs[b + 1];
  const o2 = outs[b + 2];
  const o3 = outs[b + 3];
  const os = [o0, o1, o2, o3];
  const cs = new Float64Array(8);
  let l = 0;
  // Two rows at a time: their eight dot products in one sweep, then out_b[j] += c_{b,l}·w_l[j] + … in the order
  // (out + c_l w_l) + c_{l+1} w_{l+1}, the order of matTvec.
  for (; l + 2 <= k; l += 2) {
    const offA = l * d;
    const offB = offA + d;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let j = 0; j < d; j++) {
      const wa = W[offA + j];
      const wb = W[offB + j];
      const v0 = y0[j];
      const v1 = y1[j];
      const v2 = y2[j];
      const v3 = y3[j];
      a0 += wa * v0;
      a1 += wa * v1;
      a2 += wa * v2;
      a3 += wa * v3;
      b0 += wb * v0;
      b1 += wb * v1;
      b2 += wb * v2;
      b3 += wb * v3;
    }
    dots[b][l] = a0;
    dots[b + 1][l] = a1;
    dots[b + 2][l] = a2;
    dots[b + 3][l] = a3;
    dots[b][l + 1] = b0;
    dots[b + 1][l + 1] = b1;
    dots[b + 2][l + 1] = b2;
    dots[b + 3][l + 1] = b3;
    const ca0 = coef(b, l, a0);
    const ca1 = coef(b + 1, l, a1);
    const ca2 = coef(b + 2, l, a2);
    const ca3 = coef(b + 3, l, a3);
    const cb0 = coef(b, l + 1, b0);
    const cb1 = coef(b + 1, l + 1, b1);
    const cb2 = coef(b + 2, l + 1, b2);
    const cb3 = coef(b + 3, l + 1, b3);
    if (ca0 !== 0 && ca1 !== 0 && ca2 !== 0 && ca3 !== 0 && cb0 !== 0 && cb1 !== 0 && cb2 !== 0 && cb3 !== 0) {
      for (let j = 0; j < d; j++) {
        const wa = W[offA + j];
        const wb = W[offB + j];
        o0[j] = o0[j] + ca0 * wa + cb0 * wb;
        o1[j] = o1[j] + ca1 * wa + cb1 * wb;
        o2[j] = o2[j] + ca2 * wa + cb2 * wb;
        o3[j] = o3[j] + ca3 * wa + cb3 * wb;
      }
    } else {
      // A zero coefficient skips its row (as matTvec does), so ±0 entries keep their sign.
      cs[0] = ca0;
      cs[1] = ca1;
      cs[2] = ca2;
      cs[3] = ca3;
      cs[4] = cb0;
      cs[5] = cb1;
      cs[6] = cb2;
      cs[7] = cb3;
      for (let r = 0; r < 2; r++) {
        const off = r === 0 ? offA : offB;
        for (let i = 0; i < 4; i++) {
          const c = cs[4 * r + i];
          if (c === 0) continue;
          const o = os[i];
          for (let j = 0; j < d; j++) o[j] += c * W[off + j];
        }
      }
    }
  }
  for (; l < k; l++) {
    const off = l * d;
    for (let i = 0; i < 4; i++) {
      const y = ys[b + i];
      let s = 0;
      for (let j = 0; j < d; j++) s += W[off + j] * y[j];
      dots[b + i][l] = s;
      const c = coef(b + i, l, s);
      if (c === 0) continue;
      const o = os[i];
      for (let j = 0; j < d; j++) o[j] += c * W[off + j];
    }
  }
}

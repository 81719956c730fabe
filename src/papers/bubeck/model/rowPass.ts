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
  for (let l = 0; l < k; l++) {
    const off = l * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += W[off + j] * y[j];
    dot[l] = s;
    const c = coef(b, l, s);
    if (c === 0) continue;
    for (let j = 0; j < d; j++) out[j] += c * W[off + j];
  }
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
  for (let l = 0; l < k; l++) {
    const off = l * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < d; j++) {
      const w = W[off + j];
      s0 += w * y0[j];
      s1 += w * y1[j];
      s2 += w * y2[j];
      s3 += w * y3[j];
    }
    dots[b][l] = s0;
    dots[b + 1][l] = s1;
    dots[b + 2][l] = s2;
    dots[b + 3][l] = s3;
    const c0 = coef(b, l, s0);
    const c1 = coef(b + 1, l, s1);
    const c2 = coef(b + 2, l, s2);
    const c3 = coef(b + 3, l, s3);
    if (c0 !== 0 && c1 !== 0 && c2 !== 0 && c3 !== 0) {
      for (let j = 0; j < d; j++) {
        const w = W[off + j];
        o0[j] += c0 * w;
        o1[j] += c1 * w;
        o2[j] += c2 * w;
        o3[j] += c3 * w;
      }
    } else {
      // A zero coefficient skips its row (as matTvec does), so ±0 entries keep their sign.
      const cs = [c0, c1, c2, c3];
      for (let i = 0; i < 4; i++) {
        const c = cs[i];
        if (c === 0) continue;
        const o = os[i];
        for (let j = 0; j < d; j++) o[j] += c * W[off + j];
      }
    }
  }
}

import { lsiGram } from '../src/core/linalg/nnls.js';
import { biasOffset, outputOffset, type BiasedReluShape } from '../src/papers/vardi/model/biasedRelu.js';

/**
 * Dense θ-space reference for the KKT certificate (src/papers/vardi/training/kkt.ts), written out column by
 * column: with θ̂ = θ/‖θ‖,
 *   residual = min ‖θ̂ − Σ_i λ_i A_i − Σ_j μ_j B_j‖  over λ ≥ 0, 0 ≤ μ_j ≤ λ_{i(j)},
 * A_i = ∇q_i with relu′ = 1[z > 0] off the kinks (and only the a-part y_i relu(z) at a kink),
 * B_j = the w- and b-parts y_i a_l (x_i, 1) of kink pair j = (l, i). A kink is |z_li| ≤
 * tol·‖(w_l, b_l)‖·√(‖x_i‖² + 1) with a_l ≠ 0. With `clarke: false` there are no kinks
 * (relu′(0) = 0 fixed) and it is plain NNLS over λ. Solved by Lawson–Hanson LSI (a dense solver
 * unrelated to the structured interior-point method under test).
 */
export function denseKkt(
  theta: Float64Array,
  s: BiasedReluShape,
  X: Float64Array,
  y: Float64Array,
  tol: number,
  clarke = true,
): { residual: number; lambda: Float64Array; kinks: number; activePairs: number } {
  const { d, k } = s;
  const n = y.length;
  let norm = 0;
  for (const v of theta) norm += v * v;
  norm = Math.sqrt(norm);
  const th = theta.map((v) => v / norm);
  const bo = biasOffset(s);
  const ao = outputOffset(s);
  const cols: Float64Array[] = Array.from({ length: n }, () => new Float64Array(th.length));
  const kinkOf: number[] = [];
  const kinkCols: Float64Array[] = [];
  let activePairs = 0;
  for (let l = 0; l < k; l++) {
    let u = th[bo + l] ** 2;
    for (let j = 0; j < d; j++) u += th[l * d + j] ** 2;
    u = Math.sqrt(u);
    for (let i = 0; i < n; i++) {
      let z = th[bo + l];
      let xx = 0;
      for (let j = 0; j < d; j++) {
        z += th[l * d + j] * X[i * d + j];
        xx += X[i * d + j] ** 2;
      }
      cols[i][ao + l] = y[i] * Math.max(z, 0);
      const isKink = clarke && Math.abs(z) <= tol * u * Math.sqrt(xx + 1) && th[ao + l] !== 0;
      if (!isKink && !(z > 0)) continue;
      const target = isKink ? new Float64Array(th.length) : cols[i];
      for (let j = 0; j < d; j++) target[l * d + j] = y[i] * th[ao + l] * X[i * d + j];
      target[bo + l] = y[i] * th[ao + l];
      if (isKink) {
        kinkOf.push(i);
        kinkCols.push(target);
      } else activePairs++;
    }
  }
  const all = [...cols, ...kinkCols];
  const p = all.length;
  const J = kinkCols.length;
  const M = new Float64Array(p * p);
  const c = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let j = 0; j < th.length; j++) c[a] += all[a][j] * th[j];
    for (let b = 0; b < p; b++) for (let j = 0; j < th.length; j++) M[a * p + b] += all[a][j] * all[b][j];
    M[a * p + a] += 1e-12;
  }
  // λ ≥ 0, μ ≥ 0, λ_{i(j)} − μ_j ≥ 0
  const m = n + 2 * J;
  const G = new Float64Array(m * p);
  for (let i = 0; i < n; i++) G[i * p + i] = 1;
  kinkOf.forEach((i, q) => {
    G[(n + q) * p + n + q] = 1;
    G[(n + J + q) * p + i] = 1;
    G[(n + J + q) * p + n + q] = -1;
  });
  const x = lsiGram(M, c, p, G, m, new Float64Array(m));
  const res = th.slice();
  all.forEach((col, a) => {
    for (let j = 0; j < th.length; j++) res[j] -= x[a] * col[j];
  });
  let rn = 0;
  for (const v of res) rn += v * v;
  return { residual: Math.sqrt(rn), lambda: x.slice(0, n), kinks: J, activePairs };
}

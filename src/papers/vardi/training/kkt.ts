import { nnlsGram } from '../../../core/linalg/nnls.js';
import { scaleTrace, traceMargins, traceThetaNormSq, type NetTrace } from '../model/netTrace.js';
import { solveKinkQp, type KinkQp } from './kktQp.js';

/**
 * KKT certificate of the max-margin problem min ½‖θ‖² s.t. q_i(θ) ≥ 1 (Lyu & Li; Vardi et
 * al.'s hypothesis "θ is a KKT point"). With θ rescaled so that min_i q_i = 1:
 *   residual  = min_{λ ≥ 0, Clarke choice at kinks} ‖θ − Σ_i λ_i ∇q_i(θ)‖ / ‖θ‖
 *   slackness = Σ_i λ_i (q_i − 1) / Σ_i λ_i  at the minimising λ.
 * Clarke subdifferential: relu′(z_li) ∈ [0, 1] wherever |z_li| ≤ tol·‖(w_l, b_l)‖·√(‖x_i‖² + 1)
 * (tol = 1e-3, docs/theory/catalogue.md); elsewhere relu′ is 0 or 1. The minimisation is a convex QP in
 * (λ, μ), μ_li = λ_i·relu′_li ∈ [0, λ_i] (kktQp.ts), built from inner products only (NetTrace).
 */
export interface KktOptions {
  /** Relative kink tolerance (default 1e-3). */
  kinkTolerance?: number;
  /** Bounds for `certified` (defaults 0.15 and 0.01, docs/theory/catalogue.md vardi.kkt-convergence). */
  residualBound?: number;
  slacknessBound?: number;
}

export interface KktCertificate {
  residual: number;
  slackness: number;
  /** Residual with relu′(0) = 0 fixed (plain NNLS over λ, no Clarke freedom): an upper bound on `residual`. */
  residualFixedChoice: number;
  /** min_i q_i before rescaling; the certificate needs it > 0. */
  minMargin: number;
  marginsPositive: boolean;
  kinks: number;
  activePairs: number;
  lambda: Float64Array;
  certified: boolean;
  solver: { iterations: number; gap: number; converged: boolean };
}

/** Computes the certificate (see the file comment) for the net whose trace is given. */
export function kktCertificate(trace: NetTrace, opts: KktOptions = {}): KktCertificate {
  const tolRel = opts.kinkTolerance ?? 1e-3;
  if (!(tolRel >= 0) || !Number.isFinite(tolRel)) throw new RangeError(`kktCertificate: kinkTolerance must be a finite number ≥ 0, got ${tolRel}`);
  const thetaNorm = Math.sqrt(traceThetaNormSq(trace));
  if (!(thetaNorm > 0) || !Number.isFinite(thetaNorm)) throw new RangeError(`kktCertificate: ‖θ‖ must be finite and > 0, got ${thetaNorm}`);
  const q0 = traceMargins(trace);
  let minMargin = Infinity;
  for (const v of q0) minMargin = Math.min(minMargin, v);
  // λ is invariant under θ → cθ (∇q is 1-homogeneous), so solve at ‖θ‖ = 1.
  const t = scaleTrace(trace, 1 / thetaNorm);
  const { n, k, K, y, Z, a } = t;

  const kinkOf = new Int32Array(k * n).fill(-1);
  const kinkSample: number[] = [];
  const blocks: Array<{ start: number; size: number; l: number }> = [];
  let activePairs = 0;
  const s = new Float64Array(k * n);
  const sFixed = new Float64Array(k * n);
  for (let l = 0; l < k; l++) {
    const u = Math.sqrt(t.wNormSq[l] + t.b[l] * t.b[l]);
    const start = kinkSample.length;
    for (let i = 0; i < n; i++) {
      const z = Z[l * n + i];
      sFixed[l * n + i] = z > 0 ? 1 : 0;
      const tol = tolRel * u * Math.sqrt(K[i * n + i] + 1);
      if (Math.abs(z) <= tol && a[l] !== 0) {
        kinkOf[l * n + i] = kinkSample.length;
        kinkSample.push(i);
      } else if (z > 0) {
        s[l * n + i] = 1;
        activePairs++;
      }
    }
    if (kinkSample.length > start) blocks.push({ start, size: kinkSample.length - start, l });
  }
  const J = kinkSample.length;

  const gramLambda = (sel: Float64Array): { M: Float64Array; c: Float64Array } => {
    const M = new Float64Array(n * n);
    const c = new Float64Array(n);
    const v = new Float64Array(n);
    const r = new Float64Array(n);
    for (let l = 0; l < k; l++) {
      const al = a[l];
      for (let i = 0; i < n; i++) {
        const z = Z[l * n + i];
        v[i] = y[i] * al * sel[l * n + i];
        r[i] = y[i] * (z > 0 ? z : 0);
        c[i] += al * (sel[l * n + i] * z * y[i]) + al * r[i];
      }
      for (let i = 0; i < n; i++) {
        if (v[i] === 0 && r[i] === 0) continue;
        for (let j = 0; j < n; j++) M[i * n + j] += v[i] * v[j] * (K[i * n + j] + 1) + r[i] * r[j];
      }
    }
    return { M, c };
  };

  const { M: Mll, c: cl } = gramLambda(s);
  const Mlm = new Float64Array(n * J);
  const cm = new Float64Array(J);
  const Mmm: Float64Array[] = [];
  for (const blk of blocks) {
    const l = blk.l;
    const a2 = a[l] * a[l];
    const B = new Float64Array(blk.size * blk.size);
    for (let r = 0; r < blk.size; r++) {
      const j = blk.start + r;
      const ij = kinkSample[j];
      cm[j] = y[ij] * a[l] * Z[l * n + ij];
      for (let r2 = 0; r2 < blk.size; r2++) {
        const ij2 = kinkSample[blk.start + r2];
        B[r * blk.size + r2] = y[ij] * y[ij2] * a2 * (K[ij * n + ij2] + 1);
      }
      for (let i = 0; i < n; i++) {
        if (s[l * n + i] === 0) continue;
        Mlm[i * J + j] = y[i] * y[ij] * a2 * (K[i * n + ij] + 1);
      }
    }
    Mmm.push(B);
  }
  const qp: KinkQp = { n, J, kinkSample: Int32Array.from(kinkSample), blocks: blocks.map(({ start, size }) => ({ start, size })), Mll, Mlm, Mmm, cl, cm };
  const sol = solveKinkQp(qp);
  const residual = Math.sqrt(Math.max(0, 1 + 2 * sol.objective));

  let residualFixedChoice = NaN;
  try {
    const fixed = gramLambda(sFixed);
    const nn = nnlsGram(fixed.M, fixed.c, n);
    let obj = 0;
    for (let i = 0; i < n; i++) {
      let mx = 0;
      for (let j = 0; j < n; j++) mx += fixed.M[i * n + j] * nn.x[j];
      obj += 0.5 * nn.x[i] * mx - fixed.c[i] * nn.x[i];
    }
    residualFixedChoice = Math.sqrt(Math.max(0, 1 + 2 * obj));
  } catch {
    residualFixedChoice = NaN;
  }

  const marginsPositive = minMargin > 0;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += sol.lambda[i] * (q0[i] / minMargin - 1);
    den += sol.lambda[i];
  }
  const slackness = marginsPositive && den > 0 ? num / den : NaN;
  const certified = marginsPositive && residual <= (opts.residualBound ?? 0.15) && slackness <= (opts.slacknessBound ?? 0.01);
  return {
    residual,
    slackness,
    residualFixedChoice,
    minMargin,
    marginsPositive,
    kinks: J,
    activePairs,
    lambda: sol.lambda,
    certified,
    solver: { iterations: sol.iterations, gap: sol.gap, converged: sol.converged },
  };
}

/**
 * Benchmarks of the Vardi et al. trainer (to be run by bench/run.ts), old algorithm against new in the same process,
 * each timing the minimum of alternating repetitions:
 * - 'vardi.span-direction': 600 adaptive steps (tolerance 3e-4, cap 1) of the span trainer at eta-beyond-hypothesis's
 *   largest configuration (d = 2000, n = 200, k = 30): the dense K G_l products (O(k n²) per step, kept here as the
 *   reference) against SpanModel.direction's products over the active samples (the same bits);
 * - 'vardi.eta-beyond-net': one net of that configuration trained to L ≤ 1e-30 (d = 1000, n = 100, k = 30 to keep the
 *   case short): the claim's old training (dense products, fixed-cap GD at 1e-3) against its new one (active-sample
 *   products, the eta experiment's integrator STEP_CAP = 1, FLOW_TOLERANCE), with steps and KKT residuals of both.
 * - 'vardi.kkt-newton-kernels': the two kernels of the KKT certificate's interior-point Newton step at the size the
 *   paper profile meets (a trained net at d = 10⁶: n = 72 samples, 100 blocks of 36 kinks): W_b = H_b⁻¹ H_μλ(b) and
 *   the Schur update, one row at a time with choleskySolve (the operations of the code before; the reference) against four rows per pass
 *   (solveBlockRows, subtractSchurBlock; the same bits).
 * Prints one JSON line per case: before/after ms, speed-up, and the agreement of the results.
 */
import { Stream } from '../src/core/random/stream.js';
import { sampleSphereGram } from '../src/papers/vardi/model/sphereData.js';
import { trainGD, type GdResult } from '../src/papers/vardi/training/gd.js';
import { cholesky, choleskySolve } from '../src/core/linalg/cholesky.js';
import { kktCertificate } from '../src/papers/vardi/training/kkt.js';
import { solveBlockRows, subtractSchurBlock } from '../src/papers/vardi/training/kktQp.js';
import { sampleSpanInit, SpanModel, type SpanDirection, type SpanState } from '../src/papers/vardi/training/spanTrainer.js';
import { FLOW_TOLERANCE, STEP_CAP } from '../src/papers/vardi/claims/shared/training.js';

const round = (v: number, digits = 3): number => Number(v.toPrecision(digits));

/** Minimum wall times (ms) of `a` and `b` over `repeats` alternating runs, after one warm-up of each. */
function pairedMinTimes<A, B>(a: () => A, b: () => B, repeats: number): [number, number, A, B] {
  let ra = a();
  let rb = b();
  let ta = Infinity;
  let tb = Infinity;
  for (let r = 0; r < repeats; r++) {
    let t0 = performance.now();
    ra = a();
    ta = Math.min(ta, performance.now() - t0);
    t0 = performance.now();
    rb = b();
    tb = Math.min(tb, performance.now() - t0);
  }
  return [ta, tb, ra, rb];
}

/** SpanModel with the direction as it was: (K G_l)_i = Σ_j K_ij G_lj over every j (the reference). */
class DenseSpanModel extends SpanModel {
  override direction(s: SpanState, c: Float64Array): SpanDirection {
    const { k, n, K } = this;
    const G = new Float64Array(k * n);
    const KG = new Float64Array(k * n);
    const gb = new Float64Array(k);
    const ga = new Float64Array(k);
    let normSq = 0;
    for (let l = 0; l < k; l++) {
      const off = l * n;
      const al = s.a[l];
      let sb = 0;
      let sa = 0;
      let any = false;
      for (let i = 0; i < n; i++) {
        const z = s.Z[off + i];
        if (z > 0) {
          const cy = c[i] * this.y[i];
          const g = cy * al;
          G[off + i] = g;
          sb += g;
          sa += cy * z;
          if (g !== 0) any = true;
        }
      }
      gb[l] = sb;
      ga[l] = sa;
      let wq = 0;
      if (any) {
        for (let i = 0; i < n; i++) {
          let acc = 0;
          const ki = i * n;
          for (let j = 0; j < n; j++) acc += K[ki + j] * G[off + j];
          KG[off + i] = acc;
          wq += G[off + i] * acc;
        }
      }
      normSq += wq + sb * sb + sa * sa;
    }
    return { G, KG, gb, ga, normSq };
  }
}

interface Setup {
  d: number;
  n: number;
  k: number;
  K: Float64Array;
  y: Float64Array;
  init: ReturnType<typeof sampleSpanInit>;
}

function setup(d: number, n: number, k: number, rng: Stream): Setup {
  const data = sampleSphereGram(rng.child('data'), d, n);
  return { d, n, k, K: data.K, y: data.y, init: sampleSpanInit(rng.child('init'), d, k, data.C as Float64Array, n, 1e-4) };
}

function train(S: Setup, dense: boolean, opts: { cap?: number; tolerance?: number; maxSteps?: number }): GdResult<SpanState> {
  const model = dense ? new DenseSpanModel(S.d, S.k, S.K, S.y) : new SpanModel(S.d, S.k, S.K, S.y);
  return trainGD(model, model.state(S.init), { loss: 'exp', ...opts });
}

const sameBits = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** One Newton step's block kernels over `blocks` blocks, one row at a time (the reference) or four rows per pass. */
function newtonKernels(L: Float64Array, bs: number, Hlm: Float64Array, J: number, n: number, rows: Int32Array, blocks: number, fused: boolean): Float64Array {
  const Hll = new Float64Array(n * n);
  const W = new Float64Array(n * bs);
  for (let b = 0; b < blocks; b++) {
    const start = b * bs;
    if (fused) {
      solveBlockRows(L, bs, Hlm, J, start, rows, W);
      subtractSchurBlock(Hll, n, Hlm, J, start, W, bs, rows);
      continue;
    }
    for (const i of rows) W.set(choleskySolve(L, bs, Hlm.subarray(i * J + start, i * J + start + bs)), i * bs);
    for (let ii = 0; ii < rows.length; ii++)
      for (let aa = 0; aa <= ii; aa++) {
        const i = rows[ii];
        const a = rows[aa];
        let acc = 0;
        for (let r = 0; r < bs; r++) acc += Hlm[i * J + start + r] * W[a * bs + r];
        Hll[i * n + a] -= acc;
        if (a !== i) Hll[a * n + i] -= acc;
      }
  }
  return Hll;
}

/** The cases of the file comment; prints one JSON line each. */
export async function vardiTrainingBench(filter = ''): Promise<void> {
  const root = new Stream('bench-vardi-training');
  if ('vardi.span-direction'.includes(filter)) {
    const S = setup(2000, 200, 30, root.child('direction'));
    const opts = { cap: STEP_CAP, tolerance: FLOW_TOLERANCE, maxSteps: 600 };
    const [tb, ta, rb, ra] = pairedMinTimes(
      () => train(S, true, opts),
      () => train(S, false, opts),
      3,
    );
    console.log(
      JSON.stringify({
        case: 'vardi.span-direction',
        d: 2000,
        n: 200,
        k: 30,
        steps: ra.steps,
        beforeMs: round(tb),
        afterMs: round(ta),
        speedup: round(tb / ta),
        identical: sameBits(rb.state.Z, ra.state.Z) && rb.steps === ra.steps,
      }),
    );
  }
  if ('vardi.eta-beyond-net'.includes(filter)) {
    const S = setup(1000, 100, 30, root.child('beyond'));
    const [tb, ta, rb, ra] = pairedMinTimes(
      () => train(S, true, {}),
      () => train(S, false, { cap: STEP_CAP, tolerance: FLOW_TOLERANCE }),
      1,
    );
    const model = new SpanModel(S.d, S.k, S.K, S.y);
    const resBefore = kktCertificate(model.trace(rb.state)).residual;
    const resAfter = kktCertificate(model.trace(ra.state)).residual;
    console.log(
      JSON.stringify({
        case: 'vardi.eta-beyond-net',
        d: 1000,
        n: 100,
        k: 30,
        before: { steps: rb.steps, reached: rb.reached, logLoss: round(rb.logLoss, 6), residual: round(resBefore, 5), ms: round(tb) },
        after: { steps: ra.steps, reached: ra.reached, logLoss: round(ra.logLoss, 6), residual: round(resAfter, 5), ms: round(ta) },
        speedup: round(tb / ta),
      }),
    );
  }
  if ('vardi.kkt-newton-kernels'.includes(filter)) {
    const rng = root.child('kkt-kernels');
    const [n, bs, blocks] = [72, 36, 100];
    const J = bs * blocks;
    const g = Float64Array.from({ length: bs * bs }, () => rng.normal());
    const A = new Float64Array(bs * bs);
    for (let r = 0; r < bs; r++) for (let c = 0; c < bs; c++) for (let q = 0; q < bs; q++) A[r * bs + c] += g[r * bs + q] * g[c * bs + q];
    for (let r = 0; r < bs; r++) A[r * bs + r] += bs;
    const L = cholesky(A, bs);
    const Hlm = Float64Array.from({ length: n * J }, () => rng.normal());
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const [tb, ta, rb, ra] = pairedMinTimes(
      () => newtonKernels(L, bs, Hlm, J, n, rows, blocks, false),
      () => newtonKernels(L, bs, Hlm, J, n, rows, blocks, true),
      5,
    );
    console.log(
      JSON.stringify({
        case: 'vardi.kkt-newton-kernels',
        n,
        blocks,
        blockSize: bs,
        beforeMs: round(tb),
        afterMs: round(ta),
        speedup: round(tb / ta),
        identical: sameBits(rb, ra),
      }),
    );
  }
}

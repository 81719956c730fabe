import type { Stream } from '#core/random/stream.js';
import { requireInt, type LabelledData } from './gaussianModel.js';
import type { LogisticModel } from './learners.js';
import { mnistPair } from './mnist.js';
import { sparseRows, trainRobustLogistic, type SparseRows } from './mnistRobustLogistic.js';

/**
 * The learning-curve experiment of schmidt.mnist-sample-complexity (Schmidt et al. 2018, §5 "MNIST": standard
 * and adversarial training on growing training sets). A digit pair's data are mnistPair's fixed split (first
 * 70% of each digit in the package's order: the training pool; the other 30%: the held-out test split). One
 * trial draws n images of each class from the pool without replacement, trains logistic regression normally
 * (ε = 0) and ℓ∞-adversarially at ε (trainRobustLogistic: exact worst case, pixels boxed to [0, 1]), and
 * measures both models' exact standard and robust errors on the whole test split.
 */
export interface MnistPool {
  pos: number;
  neg: number;
  train: LabelledData;
  /** Rows of `train` with label +1 (digit pos) and −1 (digit neg). */
  posRows: Int32Array;
  negRows: Int32Array;
  test: LabelledData;
}

const pools = new Map<string, MnistPool>();

/** The 45 pairs (pos, neg) of distinct digits, pos < neg. */
export function digitPairs(): Array<{ pos: number; neg: number }> {
  const out: Array<{ pos: number; neg: number }> = [];
  for (let pos = 0; pos < 10; pos++) for (let neg = pos + 1; neg < 10; neg++) out.push({ pos, neg });
  return out;
}

/** The training pool and test split of the pair (pos, neg), label +1 = pos; cached (deterministic). */
export function mnistPool(pos: number, neg: number): MnistPool {
  const key = `${pos}-${neg}`;
  let p = pools.get(key);
  if (!p) {
    const { train, test } = mnistPair(pos, neg);
    const rowsWith = (label: number): Int32Array => Int32Array.from(Array.from(train.y.keys()).filter((i) => train.y[i] === label));
    p = { pos, neg, train, posRows: rowsWith(1), negRows: rowsWith(-1), test };
    pools.set(key, p);
  }
  return p;
}

/** The largest n per class the pool allows: min(#pos, #neg) training images. */
export function poolLimit(pool: MnistPool): number {
  return Math.min(pool.posRows.length, pool.negRows.length);
}

/** k of the rows, uniformly without replacement (partial Fisher–Yates on a copy). */
function sampleRows(rows: Int32Array, k: number, rng: Stream): Int32Array {
  const a = Int32Array.from(rows);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(a.length - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a.subarray(0, k);
}

/**
 * A training set of n images per class drawn without replacement from the pool (classes interleaved);
 * with `shuffleLabels` the 2n labels are randomly permuted among the drawn images (the label-noise control).
 */
export function drawTrainingSet(pool: MnistPool, n: number, rng: Stream, shuffleLabels = false): SparseRows {
  requireInt('drawTrainingSet', 'n', n, 1, poolLimit(pool));
  const a = sampleRows(pool.posRows, n, rng.child('pos'));
  const b = sampleRows(pool.negRows, n, rng.child('neg'));
  const rows = new Int32Array(2 * n);
  const labels = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    rows[2 * i] = a[i];
    labels[2 * i] = 1;
    rows[2 * i + 1] = b[i];
    labels[2 * i + 1] = -1;
  }
  if (shuffleLabels) {
    const s = rng.child('labels');
    for (let i = labels.length - 1; i > 0; i--) {
      const j = s.int(i + 1);
      const t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
  }
  return sparseRows(pool.train, rows, labels);
}

/**
 * The exact worst margins min_{x′ ∈ [0,1]^d, ‖x′ − x_i‖∞ ≤ ε} y_i(⟨w, x′⟩ + b) of sparse rows: the coordinate-wise worst case of
 * linfWorstMarginBoxed, y_i(⟨w, x_i⟩ + b) − Σ_j |w_j|·r_ij, r_ij = min(ε, x_ij) if y_i w_j > 0 else min(ε, 1 − x_ij), in O(non-zeros + d):
 * a zero pixel contributes −ε|w_j| exactly when y_i w_j < 0, i.e. −ε·Σ_j max(0, −y_i w_j) before the non-zero pixels' corrections.
 * @internal (exported for its oracle test against linfWorstMarginBoxed)
 */
export function boxedWorstMargins(w: Float64Array, b: number, rows: SparseRows, eps: number): Float64Array {
  if (w.length !== rows.d) throw new RangeError(`boxedWorstMargins: w must have length d = ${rows.d}, got ${w.length}`);
  if (!(eps >= 0 && eps <= 1)) throw new RangeError(`boxedWorstMargins: eps must be a number in [0, 1], got ${eps}`);
  let positive = 0;
  let negative = 0;
  for (let j = 0; j < w.length; j++) {
    if (w[j] > 0) positive += w[j];
    else negative -= w[j];
  }
  const { n, start, col, val, y } = rows;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    let m = yi * b - eps * (yi > 0 ? negative : positive);
    for (let t = start[i]; t < start[i + 1]; t++) {
      const c = yi * w[col[t]];
      const x = val[t];
      // y w_j > 0: the adversary lowers x_j by min(ε, x_j); y w_j < 0: raises it by min(ε, 1 − x_j) (and the zero-pixel ε is given back).
      m += c * x - (c > 0 ? c * Math.min(eps, x) : c < 0 ? -c * (Math.min(eps, 1 - x) - eps) : 0);
    }
    out[i] = m;
  }
  return out;
}

const testRows = new WeakMap<LabelledData, SparseRows>();

/** Exact error of `model` on the test split: the fraction of held-out digits whose worst margin over the ε-ball ∩ [0, 1]^784 is ≤ 0 (ε = 0: standard error). */
export function testError(model: LogisticModel, test: LabelledData, eps: number): number {
  let rows = testRows.get(test);
  if (!rows) {
    rows = sparseRows(test);
    testRows.set(test, rows);
  }
  const m = boxedWorstMargins(model.w, model.b, rows, eps);
  let errors = 0;
  for (let i = 0; i < m.length; i++) if (m[i] <= 0) errors++;
  return errors / test.n;
}

/** One trial's errors on the test split. */
export interface LearningTrial {
  /** Standard error of the normally trained model. */
  standard: number;
  /** Robust error at ε of the adversarially trained model. */
  robust: number;
  /** Standard error of the adversarially trained model. */
  robustModelStandard: number;
  /** Robust error at ε of the normally trained model. */
  standardModelRobust: number;
}

/** Options of learningTrial: the trainer's iterations and λ (RobustLogisticOptions), and the label-shuffling control. */
export interface LearningTrialOptions {
  iterations?: number;
  lambda?: number;
  shuffleLabels?: boolean;
}

/**
 * One trial at n per class for several radii: draw the training set once, train at ε = 0 and at each ε, and
 * measure the models' exact errors on the test split (one LearningTrial per ε, in order).
 */
export function learningTrials(pool: MnistPool, n: number, eps: readonly number[], rng: Stream, opts: LearningTrialOptions = {}): LearningTrial[] {
  const rows = drawTrainingSet(pool, n, rng, opts.shuffleLabels ?? false);
  const train = { iterations: opts.iterations, lambda: opts.lambda };
  const standardModel = trainRobustLogistic(rows, 0, train);
  const standard = testError(standardModel, pool.test, 0);
  return eps.map((e) => {
    const robustModel = e === 0 ? standardModel : trainRobustLogistic(rows, e, train);
    return {
      standard,
      robust: testError(robustModel, pool.test, e),
      robustModelStandard: testError(robustModel, pool.test, 0),
      standardModelRobust: testError(standardModel, pool.test, e),
    };
  });
}

/** One trial at n per class and radius ε (learningTrials with one ε). @internal */
export function learningTrial(pool: MnistPool, n: number, eps: number, rng: Stream, opts: LearningTrialOptions = {}): LearningTrial {
  return learningTrials(pool, n, [eps], rng, opts)[0];
}

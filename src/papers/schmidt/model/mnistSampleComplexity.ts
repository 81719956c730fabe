import type { ProbeResult, ProbeRunner } from '#core/checks/threshold.js';
import type { Stream } from '#core/random/stream.js';
import { drawTrainingSet, learningTrials, mnistPool, testError, type LearningTrial, type MnistPool } from './mnistLearningCurve.js';
import { ROBUST_LOGISTIC_LAMBDA, sparseRows, trainRobustLogistic } from './mnistRobustLogistic.js';
import { dualityGap } from './mnistRobustLogisticDual.js';

/**
 * The sample complexities of schmidt.mnist-sample-complexity (Schmidt et al. 2018, §5: on MNIST, robust
 * generalisation needs more data). For a learner L ∈ {standard, robust} and a target error T,
 *
 *   n*_L(T) = min{ n ∈ G : P[err_L(n) ≤ T] ≥ 1 − γ },   G = {1, 2, 3, 4, 6, 8, 12, …, n_max} (n images per class),
 *
 * the probability over the training set (n images of each class drawn without replacement from the pool);
 * err_standard(n) is the exact standard test error of logistic regression trained normally, err_robust(n) the
 * exact ℓ∞ robust test error at ε of logistic regression trained ℓ∞-adversarially at ε (mnistLearningCurve.ts).
 */
export type Learner = 'standard' | 'robust';

/**
 * G = {1, 2, 3, 4, 6, 8, 12, …} ∩ [1, max] = {2^k} ∪ {3·2^k}: the n per class of the n* grid. Every second point doubles,
 * so n*_robust ≥ 2·n*_standard on G means the robust learner fails at the grid point just below 2·n*_standard (1.5 or 1.33 n*_std).
 */
export function nGrid(max: number): number[] {
  if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`nGrid: max must be an integer ≥ 1, got ${max}`);
  const out: number[] = [];
  for (let p = 1; p <= max; p *= 2) {
    out.push(p);
    if (p >= 2 && 1.5 * p <= max) out.push(1.5 * p);
  }
  return out;
}

/** Errors of the two models trained on the whole training pool of the pair (both classes, every image). */
export interface FullPoolErrors {
  standard: number;
  robust: number;
  /** Certified suboptimality of the two 400-step fits: their duality gaps P(w, b′) − D(σ(−M)) ≥ P(w, b′) − P* (mnistRobustLogisticDual.ts). */
  standardGap: number;
  robustGap: number;
}

const fullPoolCache = new Map<string, FullPoolErrors>();

/**
 * The reference errors e_std^pool, e_rob^pool(ε): standard training and ℓ∞-adversarial training at ε on every
 * image of the pair's training pool, exact errors on the test split, and the fits' certified duality gaps. Deterministic, cached.
 */
export function fullPoolErrors(pos: number, neg: number, eps: number): FullPoolErrors {
  const key = `${pos}-${neg}-${eps}`;
  let e = fullPoolCache.get(key);
  if (!e) {
    const pool = mnistPool(pos, neg);
    const rows = sparseRows(pool.train);
    const standard = trainRobustLogistic(rows, 0);
    const robust = eps === 0 ? standard : trainRobustLogistic(rows, eps);
    const gap = (m: { w: Float64Array; b: number }, radius: number): number => dualityGap(rows, radius, ROBUST_LOGISTIC_LAMBDA, m.w, m.b).gap;
    const standardGap = gap(standard, 0);
    e = {
      standard: testError(standard, pool.test, 0),
      robust: testError(robust, pool.test, eps),
      standardGap,
      robustGap: eps === 0 ? standardGap : gap(robust, eps),
    };
    fullPoolCache.set(key, e);
  }
  return e;
}

/**
 * The trials of one configuration's n* searches, memoised per (learner, n, trial stream): a trial at n on the
 * stream `rng` draws the training set from `rng` (the same set for both learners: common random numbers) and
 * trains only the learner asked for.
 */
export class NStarTrials {
  private readonly memo = new Map<string, number>();
  constructor(
    private readonly pool: MnistPool,
    private readonly eps: number,
    private readonly shuffleLabels: boolean,
  ) {}

  /** err_L(n) of the trial on `rng` (at ε = 0 the robust learner is the standard one: one memo entry). */
  error(learner: Learner, n: number, rng: Stream): number {
    const eps = learner === 'standard' ? 0 : this.eps;
    const key = `${eps}|${n}|${rng.seed}`;
    let e = this.memo.get(key);
    if (e === undefined) {
      const rows = drawTrainingSet(this.pool, n, rng, this.shuffleLabels);
      e = testError(trainRobustLogistic(rows, eps), this.pool.test, eps);
      this.memo.set(key, e);
    }
    return e;
  }
}

/**
 * The first grid n from index `from` that the runner's "holds" SPRT classifies as holding: probe every second grid
 * point upwards (1, 2, 4, … on G) until one holds, then the skipped point just below it. Returns that index (null:
 * none up to the end of the grid) and the probes in order. For P[err ≤ T] increasing in n this is the first n of G
 * that holds, without probing far above it.
 */
export function scanUp(runner: ProbeRunner, grid: readonly number[], from: number): { index: number | null; probes: ProbeResult[] } {
  const probes: ProbeResult[] = [];
  const probe = (k: number): boolean => {
    const r = runner.probe(grid[k]);
    probes.push(r);
    return r.holds;
  };
  let lastFail = from - 1;
  for (let k = from; ; k = Math.min(k + 2, grid.length - 1)) {
    if (probe(k)) {
      if (k - 1 > lastFail && probe(k - 1)) return { index: k - 1, probes };
      return { index: k, probes };
    }
    lastFail = k;
    if (k === grid.length - 1) return { index: null, probes };
  }
}

/** One point of the learning curves: both learners' errors on `replicates` resampled training sets of n images per class. */
export interface LearningCurvePoint {
  n: number;
  standard: { mean: number; min: number; max: number };
  robust: { mean: number; min: number; max: number };
}

/**
 * The learning curves on the grid: at each n, `replicates` training sets (stream `rng/n:<n>/rep:<r>`), each
 * model trained on the same set; err_standard of the standard model and err_robust of the robust model.
 */
export function learningCurve(
  pos: number,
  neg: number,
  eps: number,
  grid: readonly number[],
  replicates: number,
  rng: Stream,
  shuffleLabels = false,
): LearningCurvePoint[] {
  const pool = mnistPool(pos, neg);
  const stat = (v: number[]): LearningCurvePoint['standard'] => ({ mean: v.reduce((a, b) => a + b, 0) / v.length, min: Math.min(...v), max: Math.max(...v) });
  return grid.map((n) => {
    const trials: LearningTrial[] = Array.from(
      { length: replicates },
      (_, r) => learningTrials(pool, n, [eps], rng.child('n', n).child('rep', r), { shuffleLabels })[0],
    );
    return { n, standard: stat(trials.map((t) => t.standard)), robust: stat(trials.map((t) => t.robust)) };
  });
}

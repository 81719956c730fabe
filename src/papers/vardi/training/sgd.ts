import type { Stream } from '../../../core/random/stream.js';
import { CHECKPOINT_LEVELS, type Checkpoint, type GdResult } from './gd.js';
import { logLoss, normalisedCoefficients, type LossName } from '../../../core/linalg/losses.js';
import type { Trainable } from './trainable.js';

export interface SgdOptions {
  loss: LossName;
  /** Minibatch size (1 ≤ batch ≤ n). */
  batch: number;
  rng: Stream;
  /** Loss-normalised step: θ ← θ − t·∇L_B/L_B with t = min(lr, cap·‖θ‖/‖∇L_B/L_B‖) (defaults lr = 1, cap = 1e-3). */
  lr?: number;
  cap?: number;
  target?: number;
  maxEpochs?: number;
}

/**
 * Minibatch SGD (the slides' experiment trains with SGD): each epoch visits a random
 * permutation of the samples in batches B; the step uses the batch loss L_B = Σ_{i∈B} ℓ(q_i)
 * in the log domain, loss-normalised and capped like trainGD, without rollback. Stops when
 * the full loss L ≤ target (checked after every step) or after maxEpochs.
 */
export function trainSGD<S, D>(model: Trainable<S, D>, init: S, opts: SgdOptions): GdResult<S> {
  const n = model.n;
  const { batch, loss } = opts;
  if (!Number.isInteger(batch) || batch < 1 || batch > n) throw new RangeError(`trainSGD: batch must be an integer in [1, ${n}], got ${batch}`);
  const lr = opts.lr ?? 1;
  const cap = opts.cap ?? 1e-3;
  const target = opts.target ?? 1e-30;
  const maxEpochs = opts.maxEpochs ?? 100000;
  if (!(lr > 0)) throw new RangeError(`trainSGD: lr must be > 0, got ${lr}`);
  if (!(cap > 0 && cap <= 1)) throw new RangeError(`trainSGD: cap must be in (0, 1], got ${cap}`);
  if (!(target > 0 && target < 1)) throw new RangeError(`trainSGD: target must be in (0, 1), got ${target}`);
  const levels = CHECKPOINT_LEVELS.filter((v) => v >= target);
  const checkpoints: Checkpoint[] = [];
  let next = 0;
  let s = init;
  let q = model.margins(s);
  let logL = logLoss(q, loss);
  let steps = 0;
  const logTarget = Math.log(target);
  const record = (): void => {
    while (next < levels.length && logL <= Math.log(levels[next])) {
      checkpoints.push({ level: levels[next], step: steps, logLoss: logL, trace: model.trace(s) });
      next++;
    }
  };
  record();
  let stop: GdResult<S>['stop'] = 'max-steps';
  outer: for (let epoch = 0; epoch < maxEpochs; epoch++) {
    const g = opts.rng.child('epoch', epoch);
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = g.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    for (let start = 0; start < n; start += batch) {
      const B = perm.slice(start, start + batch);
      const qb = B.map((i) => q[i]);
      const cb = normalisedCoefficients(qb, loss);
      const c = new Float64Array(n);
      B.forEach((i, j) => (c[i] = cb[j]));
      const dir = model.direction(s, c);
      const gNorm = Math.sqrt(model.directionNormSq(dir));
      if (!(gNorm > 0)) continue;
      const t = Math.min(lr, (cap * Math.sqrt(model.thetaNormSq(s))) / gNorm);
      s = model.step(s, dir, t);
      q = model.margins(s);
      logL = logLoss(q, loss);
      steps++;
      record();
      if (logL <= logTarget) {
        stop = 'target';
        break outer;
      }
    }
  }
  return { state: s, trace: model.trace(s), logLoss: logL, steps, rollbacks: 0, reached: logL <= logTarget, stop, checkpoints };
}

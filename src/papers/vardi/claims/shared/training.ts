import type { LossName } from '#core/linalg/losses.js';
import { fixed, oneOf } from '#core/space/index.js';
import type { RunSpec, TrainerName } from '../../training/experiment.js';

/** The losses of Vardi et al. 2022's convergence theorem: exponential and logistic. */
export const LOSSES = ['exp', 'logistic'] as const satisfies readonly LossName[];
/** Initialisation scale s of the trained nets: W ~ N(0, s²/d), a ~ N(0, s²), b = 0 (small initialisation). */
export const INIT_SCALE = 1e-4;
/** Relative step cap ‖Δθ‖ ≤ 1e-3·‖θ‖ of gradient descent (approximating gradient flow). */
export const STEP_CAP = 1e-3;

/**
 * The training parameters of the trained-net claims of Vardi et al. 2022, as space declarations to spread after d, n, k:
 * loss exp | logistic, init scale s = 1e-4, the span trainer, step cap 1e-3, and `network: 'trained'`.
 */
export const TRAINING_PARAMS = {
  loss: oneOf(LOSSES),
  scale: fixed(INIT_SCALE, { describe: `W ~ N(0, s²/d), a ~ N(0, s²), b = 0, s = ${INIT_SCALE}` }),
  trainer: fixed('span'),
  stepCap: fixed(STEP_CAP, { describe: 'GD, loss-scaled step capped at ‖Δθ‖ ≤ 1e-3‖θ‖, to L ≤ 1e-30 (span trainer, exact-law Gram matrix)' }),
  network: fixed('trained'),
};

/** What a training run needs from a configuration. */
export interface TrainedNetConfig {
  d: number;
  n: number;
  k: number;
  loss: LossName;
  /** Initialisation scale s. */
  scale: number;
  trainer: TrainerName;
  /** Relative step cap ‖Δθ‖ ≤ stepCap·‖θ‖ (1e-3 in the claims; 1 = effectively uncapped, a control). */
  stepCap: number;
}

/** The training run of a configuration: data (d, n), width k, loss, init scale s, trainer and step cap ‖Δθ‖ ≤ stepCap·‖θ‖. */
export const specOf = (p: TrainedNetConfig, extra: Partial<RunSpec> = {}): RunSpec => ({
  d: p.d,
  n: p.n,
  k: p.k,
  loss: p.loss,
  scale: p.scale,
  trainer: p.trainer,
  cap: p.stepCap,
  ...extra,
});

import type { LossName } from '#core/linalg/losses.js';
import type { RunSpec, TrainerName } from '../../training/experiment.js';

/** The losses of Vardi et al. 2022's convergence theorem: exponential and logistic. */
export const LOSSES: readonly LossName[] = ['exp', 'logistic'];
/** Initialisation scale s of the trained nets: W ~ N(0, s²/d), a ~ N(0, s²), b = 0 (small initialisation). */
export const INIT_SCALE = 1e-4;
/** Relative step cap ‖Δθ‖ ≤ 1e-3·‖θ‖ of gradient descent (approximating gradient flow). */
export const STEP_CAP = 1e-3;

export interface TrainParams {
  [key: string]: number | string | boolean;
  d: number;
  n: number;
  k: number;
  loss: string;
  /** Initialisation scale s. */
  scale: number;
  trainer: string;
  /** Relative step cap ‖Δθ‖ ≤ stepCap·‖θ‖ (1e-3 in the claims; 1 = effectively uncapped, a control). */
  stepCap: number;
  /** 'trained' (the claim), 'init' (control: random initialisation, no training), 'robust' (control: the robust construction). */
  network: string;
}

/** The training run of a configuration: data (d, n), width k, loss, init scale s, trainer and step cap. */
export const specOf = (p: TrainParams, extra: Partial<RunSpec> = {}): RunSpec => ({
  d: p.d,
  n: p.n,
  k: p.k,
  loss: p.loss as LossName,
  scale: p.scale,
  trainer: p.trainer as TrainerName,
  cap: p.stepCap,
  ...extra,
});

import type { LossName } from '#core/linalg/losses.js';
import { fixed, oneOf } from '#core/space/index.js';
import type { RunSpec, TrainerName } from '../../training/experiment.js';

/** The losses of Vardi et al. 2022's convergence theorem: exponential and logistic. */
export const LOSSES = ['exp', 'logistic'] as const satisfies readonly LossName[];
/** Initialisation scale s of the trained nets: W ~ N(0, s²/d), a ~ N(0, s²), b = 0 (small initialisation). */
export const INIT_SCALE = 1e-4;
/**
 * Relative step cap ‖Δθ‖ ≤ stepCap·‖θ‖ of the trained nets' integrator: 1, i.e. only the error control below limits
 * the step (until session 5, fixed-cap GD at 1e-3 took ≈ 8,500 steps per net; see docs/theory/catalogue.md).
 */
export const STEP_CAP = 1;
/**
 * Local error tolerance of the adaptive gradient-flow integrator (trainGD's `tolerance`): the Euler–Heun difference
 * across θ's direction, ≤ 3·10⁻⁴‖θ‖ per step. Measured on 8 nets at d = 4000, n = 20, k = 100: 1,950–3,580 steps
 * (fixed cap 1e-3: 8,450–8,640), KKT residuals within 1.3% of the fixed-cap run's (0.0414–0.0756 against 0.0412–0.0753).
 */
export const FLOW_TOLERANCE = 3e-4;

/**
 * The training parameters of the trained-net claims of Vardi et al. 2022, as space declarations to spread after d, n, k:
 * loss exp | logistic, init scale s = 1e-4, the span trainer, step cap 1 with the adaptive integrator's tolerance
 * 3·10⁻⁴, and `network: 'trained'`.
 */
export const TRAINING_PARAMS = {
  loss: oneOf(LOSSES),
  scale: fixed(INIT_SCALE, { describe: `W ~ N(0, s²/d), a ~ N(0, s²), b = 0, s = ${INIT_SCALE}` }),
  trainer: fixed('span'),
  stepCap: fixed(STEP_CAP, { describe: 'loss-scaled gradient flow, steps ‖Δθ‖ ≤ ‖θ‖, to L ≤ 1e-30 (span trainer, exact-law Gram matrix)' }),
  tolerance: fixed(FLOW_TOLERANCE, {
    describe: 'adaptive integrator: Euler steps whose Euler–Heun difference across θ’s direction is ≤ 3·10⁻⁴‖θ‖ (0 = none: plain GD at the cap)',
  }),
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
  /** Relative step cap ‖Δθ‖ ≤ stepCap·‖θ‖ (STEP_CAP = 1 in the claims). */
  stepCap: number;
  /** The adaptive integrator's tolerance (FLOW_TOLERANCE in the claims; 0 = none, plain GD at the cap: a control). */
  tolerance: number;
}

/** The training run of a configuration: data (d, n), width k, loss, init scale s, trainer, step cap ‖Δθ‖ ≤ stepCap·‖θ‖ and tolerance. */
export const specOf = (p: TrainedNetConfig, extra: Partial<RunSpec> = {}): RunSpec => ({
  d: p.d,
  n: p.n,
  k: p.k,
  loss: p.loss,
  scale: p.scale,
  trainer: p.trainer,
  cap: p.stepCap,
  tolerance: p.tolerance > 0 ? p.tolerance : undefined,
  ...extra,
});

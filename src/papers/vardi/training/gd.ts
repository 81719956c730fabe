import type { NetTrace } from '../model/netTrace.js';
import { logLoss, normalisedCoefficients, type LossName } from '../../../core/linalg/losses.js';
import type { Trainable } from './trainable.js';

/** Loss levels at which training records a checkpoint (docs/theory/catalogue.md, vardi.kkt-convergence). */
export const CHECKPOINT_LEVELS: readonly number[] = [1e-5, 1e-10, 1e-20, 1e-30];

/** Training stops as stalled when log L has not decreased over this many accepted steps. */
const STALL_WINDOW = 2000;

export interface GdOptions {
  loss: LossName;
  /** Stop once L ≤ target (default 1e-30). */
  target?: number;
  /** Loss levels at which to keep the trace (default CHECKPOINT_LEVELS ≤ target). */
  checkpoints?: readonly number[];
  /** Relative cap ‖Δθ‖ ≤ cap·‖θ‖ per step (default 1e-3). */
  cap?: number;
  /** Step growth on success and shrink on a loss increase (defaults 1.1 and 0.5). */
  grow?: number;
  shrink?: number;
  /**
   * Local error tolerance of the adaptive integrator (default: none — fixed-cap GD). When set, each step is
   * error-controlled: with D₀ the direction at θ and D₁ at the Euler point θ₁ = θ − tD₀, the step is accepted when
   * e = (t/2)‖P⊥(D₁ − D₀)‖/‖θ‖ ≤ tolerance (the Euler–Heun difference across θ's direction, P⊥ = I − θθᵀ/‖θ‖²,
   * relative: the direction's local error; radial error only rescales θ), and the next trial step is
   * t·min(grow, 0.9√(tolerance/e)); D₁ is reused as the next direction, so a step costs what a fixed-cap step does.
   */
  tolerance?: number;
  /** Give up after this many accepted steps (default 200000). */
  maxSteps?: number;
  /** Called after every accepted step (for step-by-step comparisons). */
  onStep?: (step: number, logL: number, margins: Float64Array, thetaNormSq: number, state: unknown, stepNorm: number) => void;
}

export interface Checkpoint {
  level: number;
  step: number;
  logLoss: number;
  trace: NetTrace;
}

export interface GdResult<S> {
  state: S;
  trace: NetTrace;
  logLoss: number;
  steps: number;
  rollbacks: number;
  /** True when L ≤ target was reached. */
  reached: boolean;
  /** Why training stopped. */
  stop: 'target' | 'max-steps' | 'stalled';
  checkpoints: Checkpoint[];
}

function requirePositive(api: string, name: string, v: number, max = Infinity): void {
  if (!(v > 0) || !(v <= max) || !Number.isFinite(v)) throw new RangeError(`${api}: ${name} must be a finite number in (0, ${max}], got ${v}`);
}

/**
 * Full-batch gradient descent as a discretised gradient flow, in the log domain:
 *   θ ← θ − t·∇L(θ)/L(θ),  t = min(η, cap·‖θ‖/‖∇L/L‖)
 * i.e. learning rate t/L ∝ 1/L (loss-scaled, as in Lyu & Li's max-margin code), capped so
 * that ‖Δθ‖ ≤ cap·‖θ‖. After an accepted step (log L did not increase) η ← grow·t; after
 * an increase the step is rolled back and η ← shrink·t. Checkpoints keep the trace when L
 * first drops below each level.
 */
export function trainGD<S, D>(model: Trainable<S, D>, init: S, opts: GdOptions): GdResult<S> {
  const target = opts.target ?? 1e-30;
  const cap = opts.cap ?? 1e-3;
  const grow = opts.grow ?? 1.1;
  const shrink = opts.shrink ?? 0.5;
  const maxSteps = opts.maxSteps ?? 200000;
  requirePositive('trainGD', 'target', target, 1);
  requirePositive('trainGD', 'cap', cap, 1);
  requirePositive('trainGD', 'shrink', shrink, 0.99);
  if (!(grow >= 1) || !Number.isFinite(grow)) throw new RangeError(`trainGD: grow must be a finite number ≥ 1, got ${grow}`);
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new RangeError(`trainGD: maxSteps must be an integer ≥ 1, got ${maxSteps}`);
  const tol = opts.tolerance;
  if (tol !== undefined) requirePositive('trainGD', 'tolerance', tol, 1);
  const levels = [...(opts.checkpoints ?? CHECKPOINT_LEVELS.filter((v) => v >= target))].sort((a, b) => b - a);
  const logTarget = Math.log(target);
  const checkpoints: Checkpoint[] = [];
  let next = 0;

  let s = init;
  let q = model.margins(s);
  let logL = logLoss(q, opts.loss);
  let eta = Infinity;
  let steps = 0;
  let rollbacks = 0;
  let windowStart = logL;
  let stop: GdResult<S>['stop'] = 'max-steps';
  const record = (): void => {
    while (next < levels.length && logL <= Math.log(levels[next])) {
      checkpoints.push({ level: levels[next], step: steps, logLoss: logL, trace: model.trace(s) });
      next++;
    }
  };
  record();
  // The direction at s, when the previous (adaptive) step already computed it at its end point.
  let pending: D | null = null;
  while (logL > logTarget) {
    if (steps >= maxSteps) break;
    const dir = pending ?? model.direction(s, normalisedCoefficients(q, opts.loss, logL));
    pending = null;
    const gNorm = Math.sqrt(model.directionNormSq(dir));
    const thNorm = Math.sqrt(model.thetaNormSq(s));
    if (!(gNorm > 0) || !Number.isFinite(gNorm)) {
      stop = 'stalled';
      break;
    }
    const capStep = (cap * thNorm) / gNorm;
    if (!Number.isFinite(capStep)) {
      stop = 'stalled';
      break;
    }
    if (steps % STALL_WINDOW === 0) {
      // No progress over a whole window (e.g. a sample on which every neuron is dead: its gradient is 0 and L is stuck at ℓ(0)).
      if (steps > 0 && !(logL < windowStart - 1e-12)) {
        stop = 'stalled';
        break;
      }
      windowStart = logL;
    }
    let t = Math.min(eta, capStep);
    let accepted = false;
    let used = 0;
    while (t > capStep * 1e-12) {
      const s2 = model.step(s, dir, t);
      const q2 = model.margins(s2);
      const logL2 = logLoss(q2, opts.loss);
      if (!(logL2 <= logL)) {
        rollbacks++;
        t *= shrink;
        continue;
      }
      let next = grow * t;
      if (tol !== undefined) {
        const dir2 = model.direction(s2, normalisedCoefficients(q2, opts.loss, logL2));
        // Only the error across θ's direction counts: radial error rescales θ, which the theorems are blind to.
        const radial = (model.directionDotTheta(s, dir2) - model.directionDotTheta(s, dir)) / thNorm;
        const err = (0.5 * t * Math.sqrt(Math.max(0, model.directionDistanceSq(dir2, dir) - radial * radial))) / thNorm;
        if (err > tol) {
          rollbacks++;
          t *= Math.max(0.2, 0.9 * Math.sqrt(tol / err));
          continue;
        }
        next = err > 0 ? t * Math.min(grow, 0.9 * Math.sqrt(tol / err)) : grow * t;
        pending = dir2;
      }
      s = s2;
      q = q2;
      logL = logL2;
      eta = next;
      used = t;
      accepted = true;
      break;
    }
    if (!accepted) {
      stop = 'stalled';
      break;
    }
    steps++;
    opts.onStep?.(steps, logL, q, model.thetaNormSq(s), s, used * gNorm);
    record();
  }
  if (logL <= logTarget) stop = 'target';
  return { state: s, trace: model.trace(s), logLoss: logL, steps, rollbacks, reached: logL <= logTarget, stop, checkpoints };
}

import type { NetTrace } from '../model/netTrace.js';

/**
 * What gradient descent needs from a parametrisation of the biased ReLU net θ = [w, b, a]:
 * margins, ‖θ‖², the direction D = Σ_i c_i ∇_θ q_i(θ) with its norm, and the step θ − t·D.
 * Two implementations: explicit θ ∈ R^{kd+2k} (naiveModel.ts) and the dimension-free span
 * parametrisation (spanTrainer.ts). States are immutable: `step` returns a new state, so a
 * rejected step rolls back by keeping the old one.
 */
export interface Trainable<S, D> {
  readonly n: number;
  margins(s: S): Float64Array;
  thetaNormSq(s: S): number;
  direction(s: S, c: Float64Array): D;
  directionNormSq(dir: D): number;
  /** ‖D₁ − D₂‖² in θ-space (the adaptive integrator's error estimate). */
  directionDistanceSq(d1: D, d2: D): number;
  /** ⟨D, θ⟩ at state s (to split an error into its radial and tangential parts). */
  directionDotTheta(s: S, dir: D): number;
  step(s: S, dir: D, t: number): S;
  trace(s: S): NetTrace;
}

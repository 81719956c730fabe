import type { OutputWeights } from '../../model/twoLayer.js';

/**
 * Bubeck, Cherapanamjeri, Gidel, Tachet des Combes (NeurIPS 2021): a single gradient step finds
 * adversarial examples on random two-layer networks f(x) = k^{-1/2} Σ a_l σ(w_l·x),
 * w_l ~ N(0, I_d/d), a_l ~ U{±1} (variant N(0, 1)), x ∈ √d·S^{d−1} (variant x ~ N(0, I_d)).
 */
export interface BubeckParams {
  [key: string]: number | string | boolean;
  d: number;
  k: number;
  activation: string;
  outputWeights: OutputWeights;
  input: 'sphere' | 'gaussian';
  /** Failure probability γ the theorem allows. */
  gamma: number;
  /** Net implementation ("reference" or a deliberately broken one from src/papers/bubeck/model/mutants.ts). */
  impl: string;
  /** −1: the theorem's sign(η) = −sign f(x); +1: the wrong sign (control). */
  stepSign: number;
  /** Multiplies C3 in the step (0.01 in the "step 100× too small" control) or C4 in the stability radius; 1 in the theorem. */
  stepScale: number;
}

export const SMOOTH = ['tanh', 'softplus', 'sigmoid-centred', 'gelu'];
export const GAMMAS = [0.02, 0.05, 0.1, 0.2];
export const DEFAULTS = { outputWeights: 'rademacher', input: 'sphere', gamma: 0.05, impl: 'reference', stepSign: -1, stepScale: 1 } as const;

export const logInv = (g: number): number => Math.log(1 / g);

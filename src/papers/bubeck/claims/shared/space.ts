import { fixed, oneOf, type ParamSpec } from '#core/space/index.js';
import type { ActivationName } from '../../model/activations.js';
import type { BubeckInput } from '../../model/bubeckTrial.js';
import type { Impl } from '../../model/mutants.js';
import type { OutputWeights } from '../../model/twoLayer.js';

// The factors every Bubeck space shares. Bubeck, Cherapanamjeri, Gidel, Tachet des Combes (NeurIPS 2021): a single
// gradient step finds adversarial examples on random two-layer networks f(x) = k^{-1/2} Σ a_l σ(w_l·x), w_l ~ N(0, I_d/d),
// a_l ~ U{±1} (variant N(0, 1)), x ∈ √d·S^{d−1} (variant x ~ N(0, I_d)).

/** The smooth activations of the main theorem (σ non-constant, Lipschitz, with Lipschitz σ′). */
export const SMOOTH = ['tanh', 'softplus', 'sigmoid-centred', 'gelu'] as const satisfies readonly ActivationName[];
/** Failure probabilities γ of the γ-dependent claims (standard and paper profiles; the calibrations run over all of them). */
export const GAMMAS = [0.02, 0.05, 0.1, 0.2] as const;
/** γ at the smoke profile. */
const SMOKE_GAMMAS = [0.05, 0.1] as const;

/** log(1/γ), the unit of every regime and step of Bubeck et al. 2021. */
export const logInv = (g: number): number => Math.log(1 / g);

/** Sign of the step relative to sign f(x): −1 is the theorem's sign(η) = −sign f(x); +1 the wrong sign (a control). */
type StepSign = -1 | 1;

/** What the samplers read from a configuration (every claim's point has these fields). */
export interface Trial {
  d: number;
  k: number;
  activation: ActivationName;
  outputWeights: OutputWeights;
  input: BubeckInput;
  /** Net implementation: "reference" or a deliberately broken one (src/papers/bubeck/model/mutants.ts). */
  impl: Impl;
}

/** Report text of the input laws. */
export const INPUT_LABELS = { sphere: 'uniform on √d·S^{d−1}', gaussian: 'N(0, I_d)' } as const;

/**
 * The activation factor σ ∈ `levels` (Bubeck et al. 2021: σ non-constant and Lipschitz). Its type is every registered
 * activation, so a control may set σ ≡ 1 (`'constant'`); the hypotheses are `levels` only.
 */
export function activationOf(levels: readonly ActivationName[]): ParamSpec<ActivationName, 'levels'> {
  return oneOf<readonly ActivationName[]>(levels);
}

/** γ ∈ {0.05, 0.1} at smoke and γ ∈ {0.02, 0.05, 0.1, 0.2} otherwise: the failure probability "with probability ≥ 1 − γ" of Bubeck et al. 2021. */
export function gammaByProfile(): ParamSpec<(typeof GAMMAS)[number], 'levels'> {
  return oneOf((c) => (c.profile === 'smoke' ? SMOKE_GAMMAS : GAMMAS));
}

/**
 * The reference net and the theorem's step η = −sign f(x)·C3·√log(1/γ)/‖∇f‖² (sign −1, scale 1), fixed in every space.
 * Their types admit the controls' values: a broken implementation, the wrong sign, a rescaled C3 or C4 (`stepScale`).
 */
export const REFERENCE_STEP = {
  impl: fixed<Impl>('reference'),
  stepSign: fixed<StepSign>(-1, { describe: false }),
  stepScale: fixed<number>(1, { describe: false }),
};

import { defineSpace, fixed, int, oneOf, type PointOf } from '#core/space/index.js';
import { activationOf, INPUT_LABELS, REFERENCE_STEP, SMOOTH } from './space.js';

/**
 * The box of the exact moment identities of Bubeck et al. 2021 (E f = 0, E f² = E σ(z)², E‖∇f‖²), which hold for every
 * k and d: d ∈ [2, 64], k ∈ [1, 64], smooth σ, ReLU and the identity, both laws of a, x uniform on √d·S^{d−1}; γ unused.
 */
export const momentSpace = defineSpace({
  d: int({ min: 2, max: 64 }),
  k: int({ min: 1, max: 64 }),
  activation: activationOf([...SMOOTH, 'relu', 'identity']),
  outputWeights: oneOf(['rademacher', 'gaussian']),
  input: oneOf(['sphere'], { labels: INPUT_LABELS }),
  gamma: fixed(0.05, { describe: false }),
  ...REFERENCE_STEP,
});

/** A point of {@link momentSpace}. */
export type MomentPoint = PointOf<typeof momentSpace>;

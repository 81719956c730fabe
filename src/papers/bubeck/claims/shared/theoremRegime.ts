import { requireConstant } from '#core/claim/constants.js';
import type { ConstantsTable, Profile } from '#core/claim/types.js';
import { boxHypotheses, type Regime } from './hypotheses.js';
import { GAMMAS, logInv, SMOOTH, type BubeckParams } from './space.js';

// ---- regimes of the main theorem (C1, C2 calibrated) ----
function theoremRegime(profile: Profile, c: ConstantsTable, gamma: number, cap: number): Regime {
  const c1 = c['bubeck.C1']?.value ?? 1;
  const c2 = c['bubeck.C2']?.value ?? 1;
  const kMin = Math.ceil(c1 * logInv(gamma) ** 3);
  const kMax = Math.max(kMin, Math.min(cap, 4 * kMin));
  const dMin = Math.ceil(c2 * Math.log(kMax / gamma) * logInv(gamma));
  const dMax = Math.max(dMin, Math.min(cap, 4 * dMin));
  return {
    k: [kMin, kMax],
    d: [dMin, dMax],
    activations: SMOOTH,
    outputWeights: ['rademacher', 'gaussian'],
    inputs: ['sphere', 'gaussian'],
    gammas: profile === 'smoke' ? [0.05, 0.1] : GAMMAS,
  };
}

/** k ≥ C1 log³(1/γ) and d ≥ C2 log(k/γ) log(1/γ), with the calibrated C1, C2. */
export function theoremRegimeHolds(p: BubeckParams, c: ConstantsTable): string | null {
  const c1 = requireConstant(c, 'bubeck.C1');
  const c2 = requireConstant(c, 'bubeck.C2');
  if (p.k < c1 * logInv(p.gamma) ** 3) return `k must be ≥ C1·log³(1/γ) = ${(c1 * logInv(p.gamma) ** 3).toFixed(1)}, got ${p.k}`;
  const dMin = c2 * Math.log(p.k / p.gamma) * logInv(p.gamma);
  if (p.d < dMin) return `d must be ≥ C2·log(k/γ)·log(1/γ) = ${dMin.toFixed(1)}, got ${p.d}`;
  return null;
}

export const oneStepHyp = boxHypotheses((profile, c, gamma) => theoremRegime(profile, c, gamma, profile === 'paper' ? 1000 : 400), theoremRegimeHolds);

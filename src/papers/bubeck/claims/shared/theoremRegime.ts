import { defineSpace, int, oneOf, type PointOf, type SpaceContext } from '#core/space/index.js';
import { activationOf, gammaByProfile, INPUT_LABELS, logInv, REFERENCE_STEP, SMOOTH } from './space.js';

/** Cap on k and d (1000 at the paper profile, 400 otherwise). */
const cap = (c: SpaceContext): number => (c.profile === 'paper' ? 1000 : 400);
/** k_min = ⌈C1 log³(1/γ)⌉: the main theorem's k ≥ C1 log³(1/γ) (Bubeck et al. 2021), C1 calibrated. */
const kMin = (c: SpaceContext<{ gamma: number }>): number => Math.ceil(c.constant('bubeck.C1', 1) * logInv(c.p.gamma) ** 3);
/** k_max = max(k_min, min(cap, 4·k_min)). */
const kMax = (c: SpaceContext<{ gamma: number }>): number => Math.max(kMin(c), Math.min(cap(c), 4 * kMin(c)));
/** d_min = ⌈C2 log(k_max/γ) log(1/γ)⌉: the main theorem's d ≥ C2 log(k/γ) log(1/γ) at the largest k drawn, C2 calibrated. */
const dMin = (c: SpaceContext<{ gamma: number }>): number => Math.ceil(c.constant('bubeck.C2', 1) * Math.log(kMax(c) / c.p.gamma) * logInv(c.p.gamma));
/** d_max = max(d_min, min(cap, 4·d_min)). */
const dMax = (c: SpaceContext<{ gamma: number }>): number => Math.max(dMin(c), Math.min(cap(c), 4 * dMin(c)));

/**
 * The main theorem's regime (Bubeck et al. 2021): γ by profile; k ∈ [⌈C1 log³(1/γ)⌉, min(cap, 4k_min)];
 * d ∈ [⌈C2 log(k_max/γ) log(1/γ)⌉, min(cap, 4d_min)] (cap 1000 at the paper profile, 400 otherwise); smooth σ,
 * both laws of a and of x; and, for points replayed from elsewhere, d ≥ C2 log(k/γ) log(1/γ) on their own k.
 */
export const theoremSpace = defineSpace(
  {
    gamma: gammaByProfile(),
    d: int({ min: dMin, max: dMax }),
    k: int({ min: kMin, max: kMax }),
    activation: activationOf(SMOOTH),
    outputWeights: oneOf(['rademacher', 'gaussian']),
    input: oneOf(['sphere', 'gaussian'], { labels: INPUT_LABELS }),
    ...REFERENCE_STEP,
  },
  {
    constraints: [
      {
        name: 'd-regime',
        check: (p, ctx) => {
          const min = ctx.constant('bubeck.C2', 1) * Math.log(p.k / p.gamma) * logInv(p.gamma);
          return p.d >= min ? null : `d must be ≥ C2·log(k/γ)·log(1/γ) = ${min.toFixed(1)}, got ${p.d} (k = ${p.k}, γ = ${p.gamma})`;
        },
      },
    ],
  },
);

/** A point of {@link theoremSpace}. */
export type TheoremPoint = PointOf<typeof theoremSpace>;

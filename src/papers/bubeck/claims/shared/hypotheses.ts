import { overrideControl } from '#core/claim/controls.js';
import type { Check, ConstantsTable, Control, Hypotheses, Profile } from '#core/claim/types.js';
import fc from 'fast-check';
import { activationNames, getActivation } from '../../model/activations.js';
import type { OutputWeights } from '../../model/twoLayer.js';
import { DEFAULTS, type BubeckParams } from './space.js';

// ---- hypotheses ----
function inRange(name: string, v: number, lo: number, hi: number): string | null {
  return Number.isInteger(v) && v >= lo && v <= hi ? null : `${name} must be an integer in [${lo}, ${hi}], got ${v}`;
}

export interface Regime {
  d: [number, number];
  k: [number, number];
  activations: readonly string[];
  outputWeights?: readonly OutputWeights[];
  inputs?: readonly ('sphere' | 'gaussian')[];
  gammas?: readonly number[];
}

/** Hypotheses over a (d, k, σ, a-law, x-law, γ) box; `regime` may depend on the profile and the calibrated constants. */
export function boxHypotheses(
  regime: (profile: Profile, c: ConstantsTable, gamma: number) => Regime,
  extraValidate?: (p: BubeckParams, c: ConstantsTable) => string | null,
): Hypotheses<BubeckParams> {
  const arbitrary = (profile: Profile, c: ConstantsTable): fc.Arbitrary<BubeckParams> => {
    const r0 = regime(profile, c, DEFAULTS.gamma);
    return fc.constantFrom(...(r0.gammas ?? [DEFAULTS.gamma])).chain((gamma) => {
      const r = regime(profile, c, gamma);
      return fc.record({
        d: fc.integer({ min: r.d[0], max: r.d[1] }),
        k: fc.integer({ min: r.k[0], max: r.k[1] }),
        activation: fc.constantFrom(...r.activations),
        outputWeights: fc.constantFrom(...(r.outputWeights ?? (['rademacher'] as const))),
        input: fc.constantFrom(...(r.inputs ?? (['sphere'] as const))),
        gamma: fc.constant(gamma),
        impl: fc.constant('reference'),
        stepSign: fc.constant(-1),
        stepScale: fc.constant(1),
      });
    });
  };
  return {
    arbitrary,
    describe: (profile) => {
      const r = regime(profile, {}, DEFAULTS.gamma);
      return {
        d: `[${r.d[0]}, ${r.d[1]}]`,
        k: `[${r.k[0]}, ${r.k[1]}]`,
        activation: r.activations.join(' | '),
        outputWeights: (r.outputWeights ?? ['rademacher']).join(' | '),
        input: (r.inputs ?? ['sphere']).map((i) => (i === 'sphere' ? 'uniform on √d·S^{d−1}' : 'N(0, I_d)')).join(' | '),
        ...(r.gammas ? { gamma: r.gammas.join(' | ') } : {}),
      };
    },
    validate: (p, c) => {
      const r = regime('paper', c, p.gamma);
      const rs = regime('smoke', c, p.gamma);
      const lo = (i: 0 | 1, key: 'd' | 'k'): number => Math.min(r[key][i], rs[key][i]);
      const hi = (key: 'd' | 'k'): number => Math.max(r[key][1], rs[key][1], regime('standard', c, p.gamma)[key][1]);
      return (
        inRange('d', p.d, lo(0, 'd'), hi('d')) ??
        inRange('k', p.k, lo(0, 'k'), hi('k')) ??
        (activationNames.includes(p.activation) && !getActivation(p.activation).controlOnly
          ? null
          : `activation must be a non-constant registered activation, got "${p.activation}"`) ??
        (p.impl === 'reference' ? null : `impl must be "reference" inside the hypotheses (got "${p.impl}"; broken implementations are controls)`) ??
        (p.stepSign === -1 && p.stepScale === 1 ? null : `stepSign must be −1 and stepScale 1 (the theorem's step), got ${p.stepSign}, ${p.stepScale}`) ??
        (extraValidate ? extraValidate(p, c) : null)
      );
    },
  };
}

/** A control: the claim's configurations with some parameters overridden (a broken σ, step or implementation). */
export function control(
  id: string,
  description: string,
  base: Hypotheses<BubeckParams>,
  override: Partial<BubeckParams>,
  restrict?: (p: BubeckParams) => BubeckParams,
  checks?: Check<BubeckParams>[],
): Control<BubeckParams> {
  return overrideControl(id, description, base, restrict ? (p) => restrict({ ...p, ...override } as BubeckParams) : override, checks);
}

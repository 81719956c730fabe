import fc from 'fast-check';
import type { Hypotheses, Profile } from '#core/claim/types.js';
import { slidesN } from './slidesN.js';
import { INIT_SCALE, LOSSES, STEP_CAP, type TrainParams } from './training.js';
import { firstError, intIn, oneOf } from './validators.js';

/** Hypotheses of the trained-net claims: d, n (a range or the slides' [⌈n_s/2⌉, n_s]), k by profile; loss; s = 1e-4; span trainer; cap 1e-3. */
export function trainHypotheses(
  regime: (profile: Profile) => { d: [number, number]; n: [number, number] | 'slides'; k: [number, number] },
  extra: (p: TrainParams) => string | null = () => null,
): Hypotheses<TrainParams> {
  return {
    describe: (profile) => {
      const r = regime(profile);
      return {
        d: `[${r.d[0]}, ${r.d[1]}]`,
        n: r.n === 'slides' ? '[⌈n_s/2⌉, n_s], n_s = ⌊√d/ln d⌋' : `[${r.n[0]}, ${r.n[1]}]`,
        k: `[${r.k[0]}, ${r.k[1]}]`,
        loss: LOSSES.join(' | '),
        init: `W ~ N(0, s²/d), a ~ N(0, s²), b = 0, s = ${INIT_SCALE}`,
        training: 'GD, loss-scaled step capped at ‖Δθ‖ ≤ 1e-3‖θ‖, to L ≤ 1e-30 (span trainer, exact-law Gram matrix)',
      };
    },
    arbitrary: (profile) => {
      const r = regime(profile);
      // Unbiased draws: fast-check's default bias towards small values would leave the regime's upper corner (where training is hardest) untested.
      return fc.noBias(fc.integer({ min: r.d[0], max: r.d[1] })).chain((d: number) => {
        const nr: [number, number] = r.n === 'slides' ? [Math.max(2, Math.ceil(slidesN(d) / 2)), slidesN(d)] : r.n;
        return fc.record({
          d: fc.constant(d),
          n: fc.noBias(fc.integer({ min: nr[0], max: Math.min(nr[1], d) })),
          k: fc.noBias(fc.integer({ min: r.k[0], max: r.k[1] })),
          loss: fc.noBias(fc.constantFrom(...LOSSES)),
          scale: fc.constant(INIT_SCALE),
          trainer: fc.constant('span'),
          stepCap: fc.constant(STEP_CAP),
          network: fc.constant('trained'),
        });
      });
    },
    validate: (p) =>
      firstError(
        intIn('d', p.d, 2, 1e7),
        intIn('n', p.n, 2, Math.min(p.d, 200)),
        intIn('k', p.k, 1, 1000),
        oneOf('loss', p.loss, LOSSES),
        p.scale > 0 && p.scale <= 1e-2 ? null : `scale must be in (0, 1e-2] (small initialisation), got ${p.scale}`,
        oneOf('trainer', p.trainer, ['span', 'naive']),
        p.trainer === 'naive' && p.d * p.k * p.n > 2e6 ? `trainer "naive" needs d·k·n ≤ 2e6, got ${p.d * p.k * p.n}` : null,
        p.stepCap === STEP_CAP ? null : `stepCap must be ${STEP_CAP} inside the hypotheses (gradient flow), got ${p.stepCap}`,
        oneOf('network', p.network, ['trained']),
        extra(p),
      ),
  };
}

import { scalingCheck } from '#core/checks/scaling.js';
import type { Stream } from '#core/random/stream.js';
import { cases, type SpaceContext } from '#core/space/index.js';

/** Log-spaced integer grid from lo to hi with `points` sizes: round(lo·(hi/lo)^{i/(points−1)}), i = 0 … points−1. */
function logGrid(lo: number, hi: number, points: number): number[] {
  if (points < 2) return [lo];
  return Array.from({ length: points }, (_, i) => Math.round(lo * Math.pow(hi / lo, i / (points - 1))));
}

/**
 * The o(√d) claims of Vardi et al. 2022 (n = ⌊√d/ln d⌋): the OLS slope of log(quantity) on log d over the
 * claim's log-spaced d-grid [dMin, dMax] (`points` sizes) lies in [−1, ½), each size repeated
 * `budget.replicates` times (else `defaultReplicates`).
 */
export function sqrtDSlopeCheck<P extends Record<string, number | string | boolean> & { dMin: number; dMax: number; points: number }>(
  name: string,
  describe: string,
  quantity: string,
  sample: (p: P, d: number, rng: Stream) => number,
  defaultReplicates: number,
) {
  return scalingCheck<P>({
    name,
    describe,
    grid: (p) => logGrid(p.dMin, p.dMax, p.points),
    sample,
    replicates: (_p, ctx) => ctx.budget.replicates ?? defaultReplicates,
    range: [-1, 0.5],
    quantity,
    sizeName: 'd',
  });
}

/** The log-spaced d-grid of an o(√d) claim: `points` sizes from dMin to dMax. */
export type DGrid = { dMin: number; dMax: number; points: number };

/** The d-grid as a space declaration: one row (dMin, dMax, points) per profile, drawn and validated jointly. */
export const dGrid = (byProfile: (c: SpaceContext) => DGrid) => cases((c) => [byProfile(c)], { keys: ['dMin', 'dMax', 'points'] });

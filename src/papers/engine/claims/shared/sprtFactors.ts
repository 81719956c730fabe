import type { SprtConfig, SprtParams } from './innerDecision.js';

/** The levels of the SPRT meta-claims: the claim on the engine's rule ('sprt'), capped at 4·n_fixed. */
export const SPRT_GRID = {
  p0: [0.9, 0.8, 0.95, 0.85],
  delta: [0.05, 0.1],
  alpha: [0.05, 0.1],
  beta: [0.1, 0.05],
  capFactor: [4],
  designDeltaFactor: [1],
  rule: ['sprt'],
} as const;

/** The inner claim exactly on its bound: pTrue = p0. */
export const atBound = (p: SprtConfig): SprtParams => ({ ...p, pTrue: p.p0 });

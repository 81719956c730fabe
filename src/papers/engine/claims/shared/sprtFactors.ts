import { fixed, oneOf } from '#core/space/index.js';
import type { SprtConfig, SprtParams } from './innerDecision.js';

/**
 * The factors of the SPRT meta-claims' spaces, in point order: the inner claim's p0, δ, α and β,
 * decided by the engine's rule ('sprt') with a trial cap of 4·n_fixed and the SPRT designed for δ.
 */
export const SPRT_FACTORS = {
  p0: oneOf([0.9, 0.8, 0.95, 0.85]),
  delta: oneOf([0.05, 0.1]),
  alpha: oneOf([0.05, 0.1]),
  beta: oneOf([0.1, 0.05]),
  capFactor: fixed(4),
  designDeltaFactor: fixed(1),
  rule: fixed('sprt'),
};

/** The factors the SPRT controls set outside the claims' spaces (a cap of n_fixed, an SPRT designed for 3δ, a broken rule). */
export type SprtControlFactors = Pick<SprtConfig, 'capFactor' | 'designDeltaFactor' | 'rule'>;

/** The inner claim exactly on its bound: pTrue = p0. */
export const atBound = (p: SprtConfig): SprtParams => ({ ...p, pTrue: p.p0 });

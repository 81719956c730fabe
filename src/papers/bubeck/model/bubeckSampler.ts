import { naiveBubeckTrial, type BubeckMethod, type BubeckTrialParams, type BubeckTrialSample } from './bubeckTrial.js';
import { reducedBubeckTrial } from './bubeckReduced.js';
import type { Stream } from '../../../core/random/stream.js';

export type { BubeckMethod, BubeckTrialParams, BubeckTrialSample } from './bubeckTrial.js';

export interface BubeckSamplerOptions {
  /** 'naive': W (k × d) and x materialised, O(k·d) — the reference. 'reduced' (default): exact O(k) simulation. */
  method?: BubeckMethod;
}

/**
 * One Bubeck trial: a fresh net f(x) = k^{-1/2} Σ a_l σ(w_l·x) (w_l ~ N(0, I_d/d)) and a fresh
 * input x, drawn from `rng`. Both methods give the same joint law of every field of
 * `BubeckTrialSample` (f, ‖∇f‖², fAlong, gradAt in exact coordinates, …);
 * properties/bubeck-reduced.test.ts tests the agreement in distribution.
 *
 * Designs with several inputs per net (the slides' 100 nets × 100 inputs): drawing a fresh net
 * per input gives every (net, input) pair the same joint law as in the shared-net design, so the
 * law of any per-input statistic (η_rel, flip events, ‖∇f‖, ρ) and every functional of it (median,
 * P(η_rel ≤ 2)) is unchanged; sharing nets only correlates the values (a cluster design), whereas
 * fresh nets make them iid, as the binomial/SPRT decisions assume.
 *
 * Gradient stability: `gradAt`, `fAt`, `coordNet()` and `xCoords()` are exact for both methods
 * (coordinates of a subspace containing x and all w_l; see bubeckReduced.ts), so an attack written
 * for a TwoLayerNet at x runs unchanged on (coordNet(), xCoords()): O(k·min(k, d)) per gradient.
 */
export function sampleBubeckTrial(params: BubeckTrialParams, rng: Stream, options: BubeckSamplerOptions = {}): BubeckTrialSample {
  const method = options.method ?? 'reduced';
  if (method === 'naive') return naiveBubeckTrial(params, rng);
  if (method === 'reduced') return reducedBubeckTrial(params, rng);
  throw new RangeError(`sampleBubeckTrial: method must be 'naive' or 'reduced', got ${String(method)}`);
}

import { naiveBubeckTrial, type BubeckMethod, type BubeckTrialParams, type BubeckTrialSample } from './bubeckTrial.js';
import { reducedBubeckTrial } from './bubeckReduced.js';
import type { Stream } from '../random/stream.js';

export type { BubeckInput, BubeckMethod, BubeckTrialParams, BubeckTrialSample } from './bubeckTrial.js';

export interface BubeckSamplerOptions {
  /** 'naive': W (k × d) and x materialised, O(k·d) — the reference. 'reduced' (default): exact O(k) simulation. */
  method?: BubeckMethod;
}

/**
 * One Bubeck trial: a fresh net f(x) = k^{-1/2} Σ a_l σ(w_l·x) (w_l ~ N(0, I_d/d)) and a fresh
 * input x, drawn from `rng`. Both methods give the same joint law of every field of
 * `BubeckTrialSample` (f, ‖∇f‖², fAlong, gradAt in exact coordinates, …);
 * properties/bubeck-reduced.test.ts tests the agreement in distribution.
 */
export function sampleBubeckTrial(params: BubeckTrialParams, rng: Stream, options: BubeckSamplerOptions = {}): BubeckTrialSample {
  const method = options.method ?? 'reduced';
  if (method === 'naive') return naiveBubeckTrial(params, rng);
  if (method === 'reduced') return reducedBubeckTrial(params, rng);
  throw new RangeError(`sampleBubeckTrial: method must be 'naive' or 'reduced', got ${String(method)}`);
}

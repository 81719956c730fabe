import { sampleBubeckTrial, type BubeckMethod } from '../src/papers/bubeck/model/bubeckSampler.js';
import { etaRelative } from '../src/papers/bubeck/model/bubeckEta.js';
import type { Stream } from '../src/core/random/stream.js';

export interface EtaBatchArgs {
  [key: string]: string | number;
  d: number;
  k: number;
  activation: string;
  outputWeights: 'rademacher' | 'gaussian';
  trials: number;
  method: BubeckMethod;
}

/**
 * `trials` Bubeck trials (a fresh net and input each, trial t on rng.child('trial', t)), returning
 * η_rel per trial (the slides' η experiment). A `mapParallel` task function.
 */
export function bubeckEtaBatch(args: EtaBatchArgs, rng: Stream): Float64Array {
  const out = new Float64Array(args.trials);
  for (let t = 0; t < args.trials; t++) {
    const s = sampleBubeckTrial({ d: args.d, k: args.k, activation: args.activation, outputWeights: args.outputWeights }, rng.child('trial', t), {
      method: args.method,
    });
    out[t] = etaRelative(s);
  }
  return out;
}

import type { DecisionContext } from '../claim/types.js';
import type { Stream } from '../random/stream.js';

/**
 * Trial `t` of the configuration's shared experiment `key` (one experiment, many statistics): every
 * check of a configuration that asks for (key, t) gets the same record, computed once on the stream
 * `<decision>/experiment/<key>/trial:t`; sequential checks that stop at different trials share the
 * trials they have in common. Outside the engine (a context without `experiment`) the trial is computed
 * on `<ctx.rng>/<key>/trial:t`.
 */
export function sharedTrial<R>(ctx: DecisionContext, key: string, t: number, run: (rng: Stream) => R): R {
  return ctx.experiment ? ctx.experiment.trial(key, t, run) : run(ctx.rng.child(key).child('trial', t));
}

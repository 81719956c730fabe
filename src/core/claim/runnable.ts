import type { Claim, Params } from './types.js';

const RUNNABLE = new WeakMap<object, Claim<Params>>();
const IS_RUNNABLE = new WeakSet<object>();

/**
 * The claim as the engine runs it: its checks and controls without the ones it skips
 * (`claim.skip`, each with a reason the report lists). The same object for the same claim, so
 * worker threads and the main thread index controls alike; a claim without skips is returned as is.
 */
export function runnableClaim<P extends Params>(claim: Claim<P>): Claim<P> {
  if (IS_RUNNABLE.has(claim) || !claim.skip) return claim;
  const hit = RUNNABLE.get(claim);
  if (hit) return hit as unknown as Claim<P>;
  const skipChecks = claim.skip.checks ?? {};
  const skipControls = claim.skip.controls ?? {};
  const out: Claim<P> = {
    ...claim,
    checks: claim.checks.filter((c) => !(c.name in skipChecks)),
    controls: claim.controls.filter((c) => !(c.id in skipControls)),
  };
  IS_RUNNABLE.add(out);
  RUNNABLE.set(claim, out as unknown as Claim<Params>);
  return out;
}

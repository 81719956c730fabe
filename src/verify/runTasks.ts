/**
 * Worker-thread task functions of `verifyRunParallel` (src/verify/parallelRun.ts): one phase-1
 * decision, or one negative control, of a registered claim. Each is the same pure function of
 * (master seed, profile, claim, configuration or control, per-test α) that the single-threaded
 * engine evaluates, so results do not depend on which thread ran them.
 */
import { allClaims } from '../theorems/index.js';
import type { ControlResult } from '../report/schema.js';
import { decideConfiguration } from './decide.js';
import { runControl } from './engine.js';
import type { CheckOutcome, Claim, ConstantsTable, Params, Profile } from './types.js';

export interface RunTaskArgs {
  [key: string]: unknown;
  claimId: string;
  profile: Profile;
  masterSeed: number;
  /** Per-test level α/m of the run. */
  perTest: number;
  beta: number;
  constants: ConstantsTable;
  impl?: string;
}

function registered(claimId: string): Claim<Params> {
  const claim = allClaims.find((c) => c.id === claimId);
  if (!claim) throw new RangeError(`verify workers: claim "${claimId}" is not in the registry (src/theorems/index.ts); worker threads can only run registered claims`);
  return claim;
}

const decideOptions = (a: RunTaskArgs) => ({ masterSeed: a.masterSeed, profile: a.profile, alpha: a.perTest, beta: a.beta, constants: a.constants, impl: a.impl });

/** Phase 1 of the engine for one configuration: every check of the claim on stream `<seed>/<claim>/main/<params>`. */
export function decideMainTask(args: RunTaskArgs & { params: Params }): { outcomes: CheckOutcome[]; durationMs: number } {
  const claim = registered(args.claimId);
  return decideConfiguration(claim, claim.checks, args.params, 'main', decideOptions(args));
}

/** One negative control of a claim (search, shrink, confirm), as `runControl` in the engine. */
export function controlTask(args: RunTaskArgs & { controlIndex: number }): ControlResult {
  const claim = registered(args.claimId);
  if (!Number.isInteger(args.controlIndex) || args.controlIndex < 0 || args.controlIndex >= claim.controls.length) {
    throw new RangeError(`verify workers: controlIndex must be an integer in [0, ${claim.controls.length - 1}] for ${claim.id}, got ${args.controlIndex}`);
  }
  // Shard membership was decided by the main thread before the task was sent.
  return runControl(claim, args.controlIndex, { baseOpts: decideOptions(args), perTest: args.perTest, inShard: () => true });
}

/**
 * Worker-thread task functions of `verifyRunParallel` (src/core/engine/parallelRun.ts): one phase-1
 * decision, or one negative control, of a registered claim. Each is the same pure function of
 * (master seed, profile, claim, configuration or control, per-test α) that the single-threaded
 * engine evaluates, so results do not depend on which thread ran them.
 */
import type { ControlResult } from '../report/schema.js';
import { decideConfiguration } from './decide.js';
import { runnableClaim } from '../claim/runnable.js';
import { runControl } from './engine.js';
import type { CheckOutcome, Claim, ConstantsTable, Params, Profile } from '../claim/types.js';

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
  /** URL of the registry module (it exports `allClaims`), e.g. src/papers/index.ts's `REGISTRY_MODULE`. */
  registry: string;
}

const registries = new Map<string, Promise<readonly Claim<Params>[]>>();

/** The claims of the registry module `url` (imported once per thread: the engine never imports a paper). */
function loadRegistry(url: string): Promise<readonly Claim<Params>[]> {
  let hit = registries.get(url);
  if (!hit) {
    hit = (import(url) as Promise<{ allClaims?: readonly Claim<Params>[] }>).then((m) => {
      if (!Array.isArray(m.allClaims)) throw new TypeError(`verify workers: registry module ${url} must export an allClaims array`);
      return m.allClaims;
    });
    registries.set(url, hit);
  }
  return hit;
}

async function registered(args: RunTaskArgs): Promise<Claim<Params>> {
  if (typeof args.registry !== 'string' || !args.registry)
    throw new TypeError(`verify workers: registry must be the URL of the registry module, got ${JSON.stringify(args.registry)}`);
  const claims = await loadRegistry(args.registry);
  const claim = claims.find((c) => c.id === args.claimId);
  if (!claim)
    throw new RangeError(`verify workers: claim "${args.claimId}" is not in the registry (${args.registry}); worker threads can only run registered claims`);
  return runnableClaim(claim);
}

const decideOptions = (a: RunTaskArgs) => ({
  masterSeed: a.masterSeed,
  profile: a.profile,
  alpha: a.perTest,
  beta: a.beta,
  constants: a.constants,
  impl: a.impl,
});

/** Phase 1 of the engine for one configuration: every check of the claim on stream `<seed>/<claim>/main/<params>`. */
export async function decideMainTask(args: RunTaskArgs & { params: Params }): Promise<{ outcomes: CheckOutcome[]; durationMs: number }> {
  const claim = await registered(args);
  return decideConfiguration(claim, claim.checks, args.params, 'main', decideOptions(args));
}

/** One negative control of a claim (search, shrink, confirm), as `runControl` in the engine. */
export async function controlTask(args: RunTaskArgs & { controlIndex: number }): Promise<ControlResult> {
  const claim = await registered(args);
  if (!Number.isInteger(args.controlIndex) || args.controlIndex < 0 || args.controlIndex >= claim.controls.length) {
    throw new RangeError(`verify workers: controlIndex must be an integer in [0, ${claim.controls.length - 1}] for ${claim.id}, got ${args.controlIndex}`);
  }
  // Shard membership was decided by the main thread before the task was sent.
  return runControl(claim, args.controlIndex, { baseOpts: decideOptions(args), perTest: args.perTest, inShard: () => true });
}

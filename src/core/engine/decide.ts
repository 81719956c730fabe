import { Stream } from '../random/stream.js';
import { canonicalJson } from '../random/seeds.js';
import type { Budget, Check, CheckOutcome, Claim, ConstantsTable, Params, Profile } from '../claim/types.js';

export interface DecideOptions {
  masterSeed: number;
  profile: Profile;
  /** Per-test α handed to sequential checks (Bonferroni α/m of the run). */
  alpha: number;
  beta: number;
  constants: ConstantsTable;
  impl?: string;
  progress?: (trialsDone: number) => void;
  /** The budget to decide with (the search's pilot budget); default the claim's budget at `profile`. */
  budget?: Budget;
}

/**
 * The stream of one decision: `${masterSeed}/${claimId}/${tag}/${canonical params}`.
 * A decision is a pure function of (seed, claim, tag, params, profile): shrinking and replay are exact.
 * `tag` is "main" for the run, "confirm" for the fresh confirmation stream, "control:<id>" for controls.
 */
function decisionStream(masterSeed: number, claimId: string, tag: string, params: Params): Stream {
  return new Stream(`${masterSeed}/${claimId}/${tag}/${canonicalJson(params)}`);
}

/** Run every check of a configuration on its own decision stream (each check gets a child stream). */
export function decideConfiguration(
  claim: Claim<Params>,
  checks: readonly Check<Params>[],
  params: Params,
  tag: string,
  opts: DecideOptions,
): { outcomes: CheckOutcome[]; durationMs: number } {
  const t0 = performance.now();
  const why = tag.startsWith('control:') ? null : claim.hypotheses.validate(params, opts.constants);
  if (why) throw new RangeError(`${claim.id}: configuration ${canonicalJson(params)} is outside the hypotheses: ${why}`);
  const rng = decisionStream(opts.masterSeed, claim.id, tag, params);
  const budget = opts.budget ?? claim.profiles[opts.profile];
  // A run-level implementation override (e.g. a deliberately broken net) replaces the `impl`
  // parameter of claims that have one; the configuration itself (and its stream) stays as drawn.
  const effective = opts.impl !== undefined && 'impl' in params ? { ...params, impl: opts.impl } : params;
  // One experiment per configuration: trials shared by the checks, each computed once.
  const trials = new Map<string, unknown>();
  const experimentStream = rng.child('experiment');
  const experiment = {
    trial<R>(key: string, t: number, run: (r: Stream) => R): R {
      const k = `${key}#${t}`;
      if (!trials.has(k)) trials.set(k, run(experimentStream.child(key).child('trial', t)));
      return trials.get(k) as R;
    },
  };
  const outcomes = checks.map((check) =>
    check.decide(effective, {
      rng: rng.child(check.name),
      alpha: opts.alpha,
      beta: opts.beta,
      budget,
      profile: opts.profile,
      constants: opts.constants,
      progress: opts.progress ?? (() => {}),
      impl: opts.impl,
      experiment,
    }),
  );
  return { outcomes, durationMs: performance.now() - t0 };
}

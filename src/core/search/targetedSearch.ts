import type { Budget, CheckOutcome, Claim, ConstantsTable, Params, Profile } from '../claim/types.js';
import type { Space } from '../space/index.js';
import { canonicalJson } from '../random/seeds.js';
import { hillClimb, type Candidate } from './hillClimb.js';
import { configurationMargin } from './margin.js';
import { neighbours } from './neighbours.js';

/** What the search found: the picks to decide on the main stream, the worst candidate, and every pilot outcome by configuration. */
export interface SearchResult {
  picks: Candidate[];
  worst: Candidate;
  evaluated: number;
  outcomes: Map<string, CheckOutcome[]>;
}

/**
 * Targeted worst-case search over a claim's declared space (`Budget.search`): each planned
 * configuration is decided on the pilot stream (`<seed>/<claim>/pilot/<params>`, independent of the
 * main stream) with `pilotTrials` trials and a fixed sample; its margin is the smallest z-score of
 * its checks against their bounds (`configurationMargin`). A hill climb from the `starts` lowest
 * margins (`hillClimb`, neighbours one parameter apart) looks for lower ones; the `picks` lowest
 * candidates not already planned are returned, to be decided afresh with full power. `pilot(params, budget)`
 * decides one configuration on the pilot stream (the engine passes its decideConfiguration).
 */
export function targetedSearch(
  claim: Claim<Params>,
  space: Space<Params>,
  planned: readonly Params[],
  budget: Budget,
  at: { profile: Profile; constants: ConstantsTable },
  pilot: (params: Params, budget: Budget) => CheckOutcome[],
): SearchResult {
  const s = budget.search!;
  const pilotBudget: Budget = { ...budget, trials: s.pilotTrials, fixedSample: true };
  const kinds = claim.checks.map((c) => c.kind);
  const outcomes = new Map<string, CheckOutcome[]>();
  const evaluate = (p: Params): number => {
    const out = pilot(p, pilotBudget);
    outcomes.set(canonicalJson(p), out);
    return configurationMargin(kinds, out);
  };
  const starts = planned.map((params) => ({ params, margin: evaluate(params) })).sort((a, b) => a.margin - b.margin);
  const ranked = hillClimb(starts.slice(0, s.starts ?? 3), s.steps, (p) => neighbours(space, at.profile, at.constants, p), evaluate);
  const have = new Set(planned.map((p) => canonicalJson(p)));
  const picks = ranked.filter((c) => !have.has(canonicalJson(c.params))).slice(0, s.picks ?? 1);
  return { picks, worst: ranked[0], evaluated: outcomes.size, outcomes };
}

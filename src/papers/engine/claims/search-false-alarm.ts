import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Budget, Profile } from '#core/claim/types.js';
import { defineSpace, fixed, type PointOf } from '#core/space/index.js';
import { rateCheck } from './shared/rateCheck.js';
import { innerStatus, type InnerPlan } from './shared/searchTargets.js';
import type { Widened } from './shared/widened.js';

/** The inner family-wise level: large, so that a few hundred seeds resolve the rate. */
const ALPHA = 0.2;
/** A wide search (a fine pilot, many moves): the more candidates the selection sees, the more a reused pilot is biased. */
const SEARCH = { pilotTrials: 2000, steps: 30, picks: 1 };

const space = defineSpace({
  /** The synthetic claim is true everywhere, with P(E) exactly at its bound: the worst case for false alarms. */
  shape: fixed('boundary'),
  plan: fixed('design-search'),
});
const hypotheses = space.hypotheses();
type FalseAlarmParams = Widened<PointOf<typeof space>, { plan: InnerPlan }>;

const seeds = (n: number): Budget => ({ configurations: 1, trials: n, controlConfigurations: 1, shrinkCalls: 2 });
const profiles: Record<Profile, Budget> = { smoke: seeds(300), standard: seeds(300), paper: seeds(2000) };

/** engine.search-false-alarm: with coverage by design and targeted search, Holm's family-wise false-alarm rate stays ≤ α. */
export const searchFalseAlarm = defineClaim<FalseAlarmParams>({
  id: 'engine.search-false-alarm',
  paper: 'engine',
  statement: `Selection does not inflate false alarms: on a synthetic claim that holds everywhere with P(E) exactly at its bound 0.9, the engine with coverage by design and targeted search (the worst candidates of a pilot stream decided afresh, inside the Holm family) rejects some configuration with probability ≤ α = ${ALPHA} over master seeds.`,
  hypotheses,
  checks: [
    rateCheck<FalseAlarmParams>({
      name: 'family-wise-error',
      describe: `P(Holm rejects any configuration of a true claim, search on) ≤ ${ALPHA}, exact binomial test over independent master seeds`,
      direction: 'at-most',
      bound: () => ALPHA,
      delta: () => ALPHA / 2,
      seed: (q, rng) => {
        const r = innerStatus(q.shape, q.plan, Math.floor(rng.uniform() * 2 ** 31), ALPHA, SEARCH);
        return { hit: r.rejected, values: { configurations: r.configurations } };
      },
    }),
  ],
  controls: [
    overrideControl<FalseAlarmParams>(
      'no-fresh-stream',
      'the search’s pick decided on the pilot evidence it was selected with (no fresh stream): selection bias',
      hypotheses,
      {
        plan: 'reuse-pilot',
      },
    ),
  ],
  profiles,
  notes: `Inner runs at family-wise α = ${ALPHA} with a wide search (pilot of ${SEARCH.pilotTrials} trials, ${SEARCH.steps} moves, ${SEARCH.picks} pick). Measured on 200 seeds while building it: 0.12 with a fresh stream, 0.32 when the pick reuses its pilot evidence. A false alarm here is a Holm rejection in the decision phase, before shrinking and confirmation (which would catch most of them again).`,
});

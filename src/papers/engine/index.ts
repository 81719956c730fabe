import { definePaper } from '#core/claim/definePaper.js';
import { clopperPearsonCoverage } from './claims/clopper-pearson-coverage.js';
import { holmFwer } from './claims/holm-fwer.js';
import { searchFalseAlarm } from './claims/search-false-alarm.js';
import { searchPower } from './claims/search-power.js';
import { slopeCoverage } from './claims/slope-coverage.js';
import { sprtFalseAlarm } from './claims/sprt-false-alarm.js';
import { sprtPower } from './claims/sprt-power.js';
import { sprtSavings } from './claims/sprt-savings.js';

/**
 * The suite tested on itself (issue 7, docs/design.md "Statistics"): synthetic claims whose truth is known
 * by construction are decided by the engine's own pieces — probabilityCheck (Wald SPRT with Ville's
 * rejection boundary), Clopper–Pearson, scalingCheck (OLS slope t-interval), Holm — on many
 * independent seeds, and the error rates of those decisions are themselves decided with an exact
 * binomial test on the seeds. A meta-trial is one whole inner decision on its own stream
 * `ctx.rng.child('seed', s)`; inner levels α are the configuration's (0.01 … 0.1, so that ~1000 seeds
 * resolve them: Ville's bound and Holm's are scale-free, the run's own per-test α/m is far smaller).
 * The claims, in report order: false alarm, power and savings of the SPRT, Clopper–Pearson coverage,
 * slope-interval coverage, Holm's family-wise error; then the plan's own: the power of coverage by
 * design and targeted search on claims false only in a corner, an edge, a level or a band, and the
 * family-wise false-alarm rate with the search switched on.
 */
export const engine = definePaper({
  id: 'engine',
  title: 'Engine self-checks',
  reference: 'Synthetic claims of known truth for the verify engine itself (SPRT, Clopper–Pearson, slope intervals, Holm); no paper.',
  claims: [sprtFalseAlarm, sprtPower, sprtSavings, clopperPearsonCoverage, slopeCoverage, holmFwer, searchPower, searchFalseAlarm],
});

import { definePaper } from '../../core/claim/definePaper.js';
import { engineClaims } from './claims.js';

/** The engine's own synthetic claims of known truth (false alarm, power, coverage), run like a paper. */
export const engine = definePaper({
  id: 'engine',
  title: 'Engine self-checks',
  reference: 'Synthetic claims of known truth for the verify engine itself (SPRT, Clopper–Pearson, slope intervals, Holm); no paper.',
  claims: engineClaims,
});

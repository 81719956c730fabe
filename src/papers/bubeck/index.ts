import { definePaper } from '../../core/claim/definePaper.js';
import { bubeckClaims } from './claims.js';
import { IMPLS } from './model/mutants.js';

/** Bubeck et al. 2021 as a plug-in: random two-layer nets, one gradient step flips the sign. */
export const bubeck = definePaper({
  id: 'bubeck',
  title: 'Bubeck et al. 2021 — one gradient step on random two-layer nets',
  reference:
    'S. Bubeck, Y. Cherapanamjeri, G. Gidel, R. Tachet des Combes. A single gradient step finds adversarial examples on random two-layers neural networks. NeurIPS 34, 2021.',
  claims: bubeckClaims,
  impls: IMPLS,
});
